import { z } from 'zod';
import { lazySchema } from '../../../shared/base/lazy-schema';
import { TimelineEntrySchema, type TimelineEntry, type TimelineRecord } from '../../../shared/domain/call/timeline';
import { WorkOrderDraftSchema, type WorkOrderDraft } from '../../../shared/domain/work-order';

/**
 * Take over passes the draft desk to desk: before the REFER, the agent's desk
 * sends the lead's desk, in a SIP INFO on the monitor dialog, the draft as the
 * agent has it on screen (typing not yet saved included) and where it came
 * from; the lead's desk puts it into the draft its new call opens. The
 * call's timeline so far travels the same way (in parts that each fit a SIP
 * message), and the lead's desk writes it into its new call's timeline before
 * the take over, so replay and scorecard see one call. Desk to desk, not
 * through the centre: a draft is the desk's until it is submitted, and the
 * monitor dialog already joins exactly these two desks.
 */
export const HANDOVER_CONTENT_TYPE = 'application/x-hotline-handover+json';

export const HandoverSchema = lazySchema(() => z
  .object({
    /** The agent's call (the desk call id the grant named). */
    fromCallId: z.string().min(1).max(200),
    fields: WorkOrderDraftSchema.partial(),
    /** The agent's answer (the timeline's zero) and when the take over began, wall ms. */
    history: z.object({ answeredAt: z.number().int().nullable(), takenOverAt: z.number().int() }),
    /** The agent's timeline entries, offsets from the agent's answer; a long call's come in several parts. */
    timeline: z.array(TimelineEntrySchema).max(2_000).default([]),
    part: z.object({ index: z.number().int().nonnegative(), count: z.number().int().positive() }).default({ index: 0, count: 1 }),
  })
  .strict());
export type Handover = z.output<typeof HandoverSchema>;

/** Body bytes per INFO: well under a SIP proxy's message bound (Kamailio's is 64 KiB) with the headers. */
export const HANDOVER_PART_BYTES = 40_000;

/**
 * The handover as INFO bodies: the draft in the first, the timeline spread
 * over as many as it takes (in order; an entry never splits).
 */
export function handoverParts(base: Omit<Handover, 'timeline' | 'part'>, timeline: readonly TimelineEntry[], maxBytes = HANDOVER_PART_BYTES): string[] {
  const chunks: TimelineEntry[][] = [[]];
  let size = JSON.stringify({ ...base, timeline: [], part: { index: 0, count: 0 } }).length + 16;
  const emptySize = JSON.stringify({ ...base, fields: {}, timeline: [], part: { index: 0, count: 0 } }).length + 16;
  for (const entry of timeline) {
    const bytes = JSON.stringify(entry).length + 1;
    if (size + bytes > maxBytes && (chunks.at(-1) as TimelineEntry[]).length > 0) {
      chunks.push([]);
      size = emptySize;
    }
    (chunks.at(-1) as TimelineEntry[]).push(entry);
    size += bytes;
  }
  return chunks.map((entries, index) =>
    JSON.stringify({ ...base, fields: index === 0 ? base.fields : {}, timeline: entries, part: { index, count: chunks.length } }),
  );
}

/** Parts of one handover together: the draft from the first, the timeline in part order. */
export function mergeHandover(held: Handover | null, part: Handover): Handover {
  if (!held || held.fromCallId !== part.fromCallId) return part;
  const [first, second] = part.part.index < held.part.index ? [part, held] : [held, part];
  return { ...first, timeline: [...first.timeline, ...second.timeline], part: second.part };
}

/**
 * The agent's entries as the lead's new call's: offsets from the agent's
 * answer moved to the lead's answer (so what came before is negative and
 * sorts first), without seqs (the lead's timeline numbers them).
 */
export function adoptedTimeline(handover: Handover, leadAnsweredAt: number): TimelineRecord[] {
  const zero = handover.history.answeredAt;
  if (zero === null) return [];
  const shift = zero - leadAnsweredAt;
  return handover.timeline.map(({ seq: _seq, ...entry }) => ({
    ...entry,
    startMs: entry.startMs + shift,
    endMs: entry.endMs === null ? null : entry.endMs + shift,
  })) as TimelineRecord[];
}

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
