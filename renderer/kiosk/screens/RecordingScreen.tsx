// For the whole recorded conversation: an indicator nobody can miss, and what is recorded.
import type { SessionView } from '../../../electron/shared/kiosk-api.js';
import { RecordingIndicator } from '../RecordingIndicator.js';
import { RubyText } from '../ruby.js';
import { useUiText } from '../ui-text.js';

export function RecordingScreen({ session }: { session: SessionView }) {
  const t = useUiText(session.language);
  return (
    <main className="screen recording-screen" data-testid="screen-recording" lang={session.language}>
      {session.loggingSince !== null && (
        <RecordingIndicator since={session.loggingSince} language={session.language} paused={session.pausedSince !== null} />
      )}
      <h1 className="recording-what">
        <RubyText text={t(session.pausedSince !== null ? 'recording.pausedBody' : `recording.${session.recording}`)} />
      </h1>
    </main>
  );
}
