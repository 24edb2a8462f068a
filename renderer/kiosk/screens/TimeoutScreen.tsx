// No answer in time: staff will talk with the resident first.
import { StaffWillExplainScreen } from './StaffWillExplainScreen.js';

export function TimeoutScreen(props: { language: string; onReadAgain(): void }) {
  return <StaffWillExplainScreen reason="timeout" {...props} />;
}
