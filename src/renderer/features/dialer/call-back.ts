import { usePhoneStore } from '../phone';
import { normalizeDialNumber } from './dial-number';

/** Click-to-call from the call log: numbers there are raw network text, so normalize first. */
export function callBack(number: string): void {
  const result = normalizeDialNumber(number);
  if (result.ok) void usePhoneStore.getState().dial(result.target);
  else usePhoneStore.setState({ notice: 'dialFailed' });
}
