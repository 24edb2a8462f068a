// Staff ended the session: recording (of sound, or sound and video, per the counter's mode)
// has stopped; idle follows in a moment.
import type { RecordingMode } from '../../../electron/shared/events.js';
import { endedTitleKey } from '../recording-labels.js';
import { MessageScreen } from './MessageScreen.js';

export function EndedScreen({ language, mode }: { language: string; mode: RecordingMode }) {
  return <MessageScreen testId="screen-ended" language={language} group="ended" titleKey={endedTitleKey(mode)} />;
}
