import { useTranslation } from 'react-i18next';
import { formatClock } from '../../../format/clock';
import { useTicketStore } from '../ticket-store';

/** Whether the agent's typing is safe on disk, in words. */
export function SaveStateLabel() {
  const { t } = useTranslation();
  const saveState = useTicketStore((state) => state.saveState);
  const savedAt = useTicketStore((state) => state.savedAt);
  const saveError = useTicketStore((state) => state.saveError);

  let text: string;
  if (saveState === 'saved' && savedAt !== null) text = t('ticket.saveState.saved', { time: formatClock(savedAt) });
  else if (saveState === 'error') text = t('ticket.saveState.error', { reason: t(saveError ?? 'ipcErrors.internal') });
  else text = t(`ticket.saveState.${saveState === 'saved' ? 'idle' : saveState}`);

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
