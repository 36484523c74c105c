import { usePhoneStore } from '../../phone';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

/** Keys sent as DTMF into the call (IVR menus of the departments the agent calls). */
export function DtmfKeypad() {
  const sendDtmf = usePhoneStore((state) => state.sendDtmf);
  return (
    <div className="keypad keypad--popover" data-testid="dtmf-keypad">
      {KEYS.map((key) => (
        <button key={key} type="button" className="keypad__key" data-testid={`dtmf-key-${key}`} onClick={() => void sendDtmf(key)}>
          {key}
        </button>
      ))}
    </div>
  );
}
