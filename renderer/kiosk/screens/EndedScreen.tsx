// Staff ended the session: recording has stopped; idle follows in a moment.
import { MessageScreen } from './MessageScreen.js';

export function EndedScreen({ language }: { language: string }) {
  return <MessageScreen testId="screen-ended" language={language} group="ended" />;
}
