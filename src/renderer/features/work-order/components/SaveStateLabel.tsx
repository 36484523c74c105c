import { useTranslation } from 'react-i18next';
import { formatClock } from '../../../format/clock';
import { useWorkOrderStore } from '../work-order-store';
import { runtimeKey } from '../../../i18n/i18n-key';

/** Whether the agent's typing is safe on disk, in words. */
export function SaveStateLabel() {
  const { t } = useTranslation('workOrder');
  const saveState = useWorkOrderStore((state) => state.saveState);
  const savedAt = useWorkOrderStore((state) => state.savedAt);
  const saveError = useWorkOrderStore((state) => state.saveError);

  let text: string;
  if (saveState === 'saved' && savedAt !== null) text = t('workOrder.saveState.saved', { time: formatClock(savedAt) });
  else if (saveState === 'error') text = t('workOrder.saveState.error', { reason: t(runtimeKey(saveError ?? 'ipcErrors.internal')) });
  else text = t(`workOrder.saveState.${saveState === 'saved' ? 'idle' : saveState}`);

  return (
    <span
      className={`save-state save-state--${saveState}`}
      data-testid="ticket-save-state"
      data-state={saveState}
      role={saveState === 'error' ? 'alert' : 'status'}
    >
      {text}
    </span>
  );
}
