// "I have a question": staff will explain before anything is recorded.
import { StaffWillExplainScreen } from './StaffWillExplainScreen.js';

export function QuestionScreen(props: { language: string; onReadAgain(): void }) {
  return <StaffWillExplainScreen reason="question" {...props} />;
}
