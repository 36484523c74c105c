import { create } from 'zustand';
import type { CentreAnnotation, CentreCall, CentreReview } from '../../../shared/review/centre-review';
import type { AnnotationTag } from '../../../shared/review/review';
import type { Scorecard } from '../../../shared/scorecard';
import { bridge } from '../../ipc/bridge';
import { unwrap } from '../../ipc/ipc-call-error';
import { problemOf, type CentreProblem } from './centre-calls-store';
import { blankCard, overrideCard, type CardOverride } from './centre-scorecard';

interface CentreReviewState {
  callId: string | null;
  call: CentreCall | null;
  review: CentreReview | null;
  problem: CentreProblem | null;
  /** The agent's reviews shared with them (loaded on demand). */
  shared: CentreReview[] | null;
  /** The signed-in person reviews calls (trainer, inspector, lead, admin): notes and verdicts can be changed; an agent reads. */
  reviewer: boolean;
  /** The card the trainer starts from when the call has none at the centre yet. */
  draftCard: Scorecard | null;
}

export const useCentreReview = create<CentreReviewState>(() => ({ callId: null, call: null, review: null, problem: null, shared: null, reviewer: false, draftCard: null }));

const REVIEWER_ROLES = new Set(['trainer', 'inspector', 'lead', 'admin']);

/** The centre's review of a call: none yet, the review, or why it cannot be read (an agent before it is shared). */
export async function loadCentreReview(callId: string): Promise<void> {
  useCentreReview.setState({ callId, call: null, review: null, problem: null });
  const [reply, status] = await Promise.all([unwrap(bridge().review.centreReview({ callId })), unwrap(bridge().centre.status({}))]);
  if (useCentreReview.getState().callId !== callId) return;
  const reviewer = status.state === 'signed-in' && status.person.roles.some((role) => REVIEWER_ROLES.has(role));
  useCentreReview.setState({ reviewer, draftCard: reviewer && !(reply.state === 'ok' && reply.review.scorecard) ? blankCard(await unwrap(bridge().scorecards.template({}))) : null });
  if (useCentreReview.getState().callId !== callId) return;
  if (reply.state === 'ok') useCentreReview.setState({ call: reply.call, review: reply.review });
  else if (reply.state !== 'none') useCentreReview.setState({ problem: reply.state === 'refused' && reply.code === 'not-shared' ? { key: 'review.notShared' } : problemOf(reply) });
}

async function save(callId: string, annotations: CentreAnnotation[], scorecard = useCentreReview.getState().review?.scorecard ?? null): Promise<void> {
  const { review } = useCentreReview.getState();
  const reply = await unwrap(bridge().review.saveCentreReview({ callId, version: review?.version ?? null, annotations, scorecard }));
  if (reply.state === 'ok') useCentreReview.setState({ review: reply.review, problem: null });
  else if (reply.state === 'conflict') useCentreReview.setState({ review: reply.current, problem: { key: 'review.conflict' } });
  else useCentreReview.setState({ problem: problemOf(reply) });
}

/** Adds a trainer's note at a moment of the recording and saves the review at the centre. */
export function addCentreAnnotation(callId: string, note: { startMs: number; tag: AnnotationTag; text: string; author: string }): Promise<void> {
  const annotations = useCentreReview.getState().review?.annotations ?? [];
  const id = `n-${Date.now().toString(36)}-${annotations.length + 1}`;
  return save(callId, [...annotations, { id, startMs: Math.max(0, Math.round(note.startMs)), endMs: null, tag: note.tag, text: note.text, author: note.author, createdAt: Date.now() }]);
}

export function removeCentreAnnotation(callId: string, id: string): Promise<void> {
  return save(callId, (useCentreReview.getState().review?.annotations ?? []).filter((a) => a.id !== id));
}

/**
 * The trainer's verdict on one item (or fatal error) of the call's card, saved
 * at the centre: the card kept there, or a blank one from this desk's template
 * (the centre's latest) when the call has none yet.
 */
export async function overrideCentreScore(callId: string, change: CardOverride): Promise<void> {
  const { review, draftCard } = useCentreReview.getState();
  const card = review?.scorecard ?? draftCard ?? blankCard(await unwrap(bridge().scorecards.template({})));
  const status = await unwrap(bridge().centre.status({}));
  const by = status.state === 'signed-in' ? status.person.workNumber : '';
  await save(callId, review?.annotations ?? [], overrideCard(card, change, by, Date.now()));
}

export async function shareCentreReview(callId: string, shared: boolean): Promise<void> {
  const reply = await unwrap(bridge().review.shareCentreReview({ callId, shared }));
  if (reply.state === 'ok') useCentreReview.setState({ review: reply.review, problem: null });
  else useCentreReview.setState({ problem: problemOf(reply) });
}

export async function loadSharedWithMe(): Promise<void> {
  const reply = await unwrap(bridge().review.sharedWithMe({}));
  if (reply.state === 'ok') useCentreReview.setState({ shared: reply.reviews });
  else useCentreReview.setState({ shared: [], problem: problemOf(reply) });
}
