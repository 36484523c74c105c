import { z } from 'zod';
import { CallIdSchema, RemoteNameSchema, RemoteNumberSchema } from './call-log';

/** Limits a person never reaches by typing, but a bad payload would. */
export const TICKET_LIMITS = { callerName: 128, callerNumber: 64, summary: 200, description: 20_000 } as const;

export const DraftIdSchema = z.string().min(8).max(64).regex(/^[0-9A-Za-z-]+$/);

export const TicketFieldsSchema = z.object({
  callerName: z.string().max(TICKET_LIMITS.callerName, { error: 'errors.tooLong' }),
  callerNumber: z.string().max(TICKET_LIMITS.callerNumber, { error: 'errors.tooLong' }),
  summary: z.string().max(TICKET_LIMITS.summary, { error: 'errors.tooLong' }),
  description: z.string().max(TICKET_LIMITS.description, { error: 'errors.tooLong' }),
});
export type TicketFields = z.infer<typeof TicketFieldsSchema>;

export const TicketDraftSchema = TicketFieldsSchema.extend({
  id: DraftIdSchema,
  callId: CallIdSchema.nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  /** Increases with every saved edit; the renderer drops replies older than what it has. */
  revision: z.number().int().nonnegative(),
});
export type TicketDraft = z.infer<typeof TicketDraftSchema>;

export const OpenDraftForCallSchema = z.object({
  callId: CallIdSchema,
  callerNumber: RemoteNumberSchema,
  callerName: RemoteNameSchema,
});

export const SaveDraftSchema = z.object({
  id: DraftIdSchema,
  fields: TicketFieldsSchema.partial().strict(),
});
export type SaveDraft = z.infer<typeof SaveDraftSchema>;

export const DraftSavedSchema = z.object({ id: DraftIdSchema, revision: z.number().int(), updatedAt: z.number().int() });

export const DraftRefSchema = z.object({ id: DraftIdSchema });
