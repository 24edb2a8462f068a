// Starts a session: the staff member's business name, a language hint and the
// recording mode; the kiosk then shows the notice. The name is checked here as the kiosk
// checks it, so a refused one is never sent.
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordingMode, StaffClient, StartSessionInput } from '../../electron/staff-client/index.js';
import { CommandError } from './CommandError.js';
import { languageNames } from './language-names.js';
import { StaffWordsProblem } from './StaffWordsProblem.js';
import { useCommand } from './use-command.js';
import { useStaffWords } from './use-staff-words.js';

interface Props {
  client: StaffClient | null;
  /** The link is up and no session is open. */
  enabled: boolean;
  sessionOpen: boolean;
}

export function StartSessionForm({ client, enabled, sessionOpen }: Props) {
  const { t, i18n } = useTranslation();
  const staffName = useStaffWords('staffName');
  const [language, setLanguage] = useState('');
  const [recording, setRecording] = useState<RecordingMode | ''>('');
  const command = useCommand();
  const ids = { name: useId(), nameHint: useId(), nameProblem: useId(), language: useId(), languageHint: useId(), busy: useId() };
  const names = useMemo(() => languageNames(i18n.language, t('start.easyJapanese')), [i18n.language, t]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = staffName.check();
    if (!client || !checked) return;
    const input: StartSessionInput = {
      ...(checked.send !== undefined && { staffName: checked.send }),
      ...(language !== '' && { language }),
      ...(recording !== '' && { recording }),
    };
    void command.run(() => client.startSession(input));
  };

  return (
    <section className="card" aria-labelledby="start-heading">
      <h2 id="start-heading">{t('start.heading')}</h2>
      <form onSubmit={submit} data-testid="start-form">
        <fieldset disabled={!enabled || command.busy} aria-describedby={sessionOpen ? ids.busy : undefined}>
          <div className="field">
            <label htmlFor={ids.name}>{t('start.staffName')}</label>
            <input
              id={ids.name}
              autoComplete="off"
              value={staffName.text}
              aria-invalid={staffName.problem !== null}
              aria-describedby={`${ids.nameHint}${staffName.problem ? ` ${ids.nameProblem}` : ''}`}
              onChange={(event) => staffName.change(event.target.value)}
              data-testid="staff-name"
            />
            <p id={ids.nameHint} className="hint">
              {t('start.staffNameHint', { max: staffName.max })}
            </p>
            <StaffWordsProblem words={staffName} id={ids.nameProblem} testId="staff-name-problem" />
          </div>
          <div className="field">
            <label htmlFor={ids.language}>{t('start.language')}</label>
            <select
              id={ids.language}
              value={language}
              aria-describedby={ids.languageHint}
              onChange={(event) => setLanguage(event.target.value)}
              data-testid="language-hint"
            >
              <option value="">{t('start.languageDefault')}</option>
              {names.map((name) => (
                <option key={name.code} value={name.code}>
                  {name.local && name.local !== name.native ? `${name.native} — ${name.local}` : name.native}
                </option>
              ))}
            </select>
            <p id={ids.languageHint} className="hint">
              {t('start.languageHint')}
            </p>
          </div>
          <fieldset className="field choices">
            <legend>{t('start.recording')}</legend>
            {(
              [
                ['', t('start.recordingDefault')],
                ['audio', t('start.audio')],
                ['audio-video', t('start.audioVideo')],
              ] as const
            ).map(([value, label]) => (
              <label key={value || 'default'} className="choice">
                <input
                  type="radio"
                  name="recording"
                  value={value}
                  checked={recording === value}
                  onChange={() => setRecording(value)}
                  data-testid={`recording-${value || 'default'}`}
                />
                {label}
              </label>
            ))}
          </fieldset>
          <button type="submit" className="primary" data-testid="start-session">
            {t('start.submit')}
          </button>
          {sessionOpen && (
            <p id={ids.busy} className="hint">
              {t('start.busy')}
            </p>
          )}
        </fieldset>
        <CommandError code={command.error} testId="start-error" />
      </form>
    </section>
  );
}
