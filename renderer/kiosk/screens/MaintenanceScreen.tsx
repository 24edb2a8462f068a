// The kiosk cannot serve residents (e.g. invalid configuration): say so, and list why for staff.
import type { KioskView } from '../../../electron/shared/kiosk-api.js';
import { TwoLanguageText } from './TwoLanguageText.js';

export function MaintenanceScreen({ view }: { view: KioskView }) {
  const language = view.defaultLanguage;
  return (
    <main className="screen message-screen maintenance-screen" data-testid="screen-maintenance" lang={language}>
      <div className="message-card">
        <TwoLanguageText as="h1" textKey="maintenance.title" language={language} />
        <TwoLanguageText className="message-body" textKey="maintenance.body" language={language} />
        {view.problems.length > 0 && (
          <ul className="problems">
            {view.problems.map((problem, index) => (
              <li key={index}>{problem}</li>
            ))}
          </ul>
        )}
      </div>
    </main>
  );
}
