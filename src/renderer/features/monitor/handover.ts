import { z } from 'zod';
import { WorkOrderDraftSchema, type WorkOrderDraft } from '../../../shared/domain/work-order';

/**
 * Take over passes the draft desk to desk: before the REFER, the agent's desk
 * sends the lead's desk, in a SIP INFO on the monitor dialog, the draft as the
 * agent has it on screen (typing not yet saved included) and where it came
 * from; the lead's desk puts it into the draft its new call opens. Desk to
 * desk, not through the centre: a draft is the desk's until it is submitted,
 * and the monitor dialog already joins exactly these two desks.
 */
export const HANDOVER_CONTENT_TYPE = 'application/x-hotline-handover+json';

export const HandoverSchema = z
  .object({
    /** The agent's call (the desk call id the grant named). */
    fromCallId: z.string().min(1).max(200),
    fields: WorkOrderDraftSchema.partial(),
    history: z.object({ answeredAt: z.number().int().nullable(), takenOverAt: z.number().int() }),
  })
  .strict();
export type Handover = z.infer<typeof HandoverSchema>;

/** Only what was filled in travels (an empty field would only overwrite the lead's own defaults). */
export function filledFields(fields: WorkOrderDraft): Partial<WorkOrderDraft> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === '' || value === null || (Array.isArray(value) && value.length === 0)) continue;
    out[key] = value;
  }
  return out as Partial<WorkOrderDraft>;
}

export function parseHandover(body: string): Handover | null {
  try {
    const parsed = HandoverSchema.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
