// The answer is on disk: thank the resident, say what is recorded from now (sound, or sound
// and video, per the counter's mode) and offer their receipt; recording starts next.
import type { SessionView } from '../../../electron/shared/kiosk-api.js';
import { thanksBodyKey } from '../recording-labels.js';
import { ResidentReceipt } from '../ResidentReceipt.js';
import { MessageScreen } from './MessageScreen.js';

export function ThanksScreen({ session }: { session: SessionView }) {
  return (
    <MessageScreen
      testId="screen-thanks"
      language={session.language}
      group="thanks"
      bodyKey={thanksBodyKey(session.recording)}
      className="thanks-screen"
    >
      {session.receipt && <ResidentReceipt receipt={session.receipt} language={session.language} acknowledgeText={session.notice.answers.acknowledge} />}
    </MessageScreen>
  );
}
