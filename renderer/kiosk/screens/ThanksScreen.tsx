// The answer is on disk: thank the resident; recording starts next.
import { MessageScreen } from './MessageScreen.js';

export function ThanksScreen({ language }: { language: string }) {
  return <MessageScreen testId="screen-thanks" language={language} group="thanks" className="thanks-screen" />;
}
