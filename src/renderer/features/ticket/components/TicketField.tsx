import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { TICKET_LIMITS } from '../../../../shared/domain/ticket-draft';
import type { TicketField as Field } from '../ticket-fields';
import { useTicketStore } from '../ticket-store';

const TEST_IDS: Record<Field, string> = {
  callerName: 'ticket-caller-name',
  callerNumber: 'ticket-caller-number',
  summary: 'ticket-summary',
  description: 'ticket-description',
};

/** One draft field: every keystroke goes to the store, which decides when to save; blur saves now. */
export function TicketField({ field, multiline = false }: { field: Field; multiline?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const value = useTicketStore((state) => state.fields[field]);
  const error = useTicketStore((state) => state.fieldErrors[field]);
  const edit = useTicketStore((state) => state.edit);
  const flush = useTicketStore((state) => state.flush);
  const props = {
    id,
    value,
    'data-testid': TEST_IDS[field],
    // One character over the limit still shows the error instead of silently cutting a paste.
    maxLength: TICKET_LIMITS[field] + 1,
    'aria-invalid': error ? true : undefined,
    onChange: (event: { target: { value: string } }) => edit(field, event.target.value),
    onBlur: () => void flush(),
  };

  return (
    <div className={`field${multiline ? ' field--wide' : ''}`}>
      <label htmlFor={id}>{t(`ticket.${field}`)}</label>
      {multiline ? <textarea rows={6} {...props} /> : <input type="text" {...props} />}
      {error && <span className="field__error">{t(error)}</span>}
    </div>
  );
}
