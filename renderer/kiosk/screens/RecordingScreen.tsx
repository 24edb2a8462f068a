// For the whole recorded conversation: an indicator nobody can miss, what is recorded, and
// the resident's receipt (after "I understand" or a staff override).
import type { SessionView } from '../../../electron/shared/kiosk-api.js';
import { RecordingIndicator } from '../RecordingIndicator.js';
import { ResidentReceipt } from '../ResidentReceipt.js';
import { RubyText } from '../ruby.js';
import { useUiText } from '../ui-text.js';

export function RecordingScreen({ session }: { session: SessionView }) {
  const t = useUiText(session.language);
  return (
    <main className="screen recording-screen" data-testid="screen-recording" lang={session.language}>
      {session.loggingSince !== null && (
        <RecordingIndicator since={session.loggingSince} language={session.language} mode={session.recording} paused={session.pausedSince !== null} />
      )}
      <h1 className="recording-what">
        <RubyText text={t(session.pausedSince !== null ? 'recording.pausedBody' : `recording.${session.recording}`)} />
      </h1>
      {session.receipt && <ResidentReceipt receipt={session.receipt} language={session.language} acknowledgeText={session.notice.answers.acknowledge} />}
    </main>
  );
}
