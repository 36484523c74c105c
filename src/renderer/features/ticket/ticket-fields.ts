import { TicketFieldsSchema, type TicketFields } from '../../../shared/domain/ticket-draft';

export type TicketField = keyof TicketFields;
export const TICKET_FIELDS: readonly TicketField[] = ['callerName', 'callerNumber', 'summary', 'description'];

/** The i18n key of what is wrong with one field's value, or null if it may be saved. */
export function ticketFieldError(field: TicketField, value: string): string | null {
  const result = TicketFieldsSchema.shape[field].safeParse(value);
  if (result.success) return null;
  const message = result.error.issues[0]?.message ?? '';
  return message.startsWith('errors.') ? message : 'errors.invalid';
}
