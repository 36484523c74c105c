import { z } from 'zod';
import { lazySchema } from '../base/lazy-schema';
import { CallIdSchema } from '../domain/call-log';
import type { Scenario } from './schema';

/**
 * A finished practice call's result as the desk sends it to the centre
 * (`/v1/practice/*`, services/workorder/practice) so a trainer sees every
 * trainee's practice history. A result is never a work order and never counted
 * in real statistics: it lives in its own table on both sides.
 */

export const PRACTICE_RESULTS_PATH = '/v1/practice/results';
export const PRACTICE_OVERVIEW_PATH = '/v1/practice/overview';

const Id = lazySchema(() => z.string().min(1).max(64));
const Epoch = lazySchema(() => z.number().int().nonnegative());

export const PracticeItemScoreSchema = lazySchema(() => z
  .object({
    id: Id,
    verdict: z.enum(['pass', 'fail', 'trainer']),
    points: z.number().int().min(0).max(1000),
    maxPoints: z.number().int().min(0).max(1000),
  })
  .strict());
export type PracticeItemScore = z.infer<typeof PracticeItemScoreSchema>;

/** Who played the caller of a live practice call. */
export const LivePracticeCallerSchema = lazySchema(() => z.object({ trainerNumber: z.string().max(64), trainerName: z.string().max(128) }).strict());
export type LivePracticeCaller = z.infer<typeof LivePracticeCallerSchema>;

/** What one practice call came to. */
export const PracticeResultSchema = lazySchema(() => z
  .object({
    callId: CallIdSchema,
    scenarioId: Id,
    /** The scenario's content as played (scenarioVersion below): an edited scenario is another version. */
    scenarioVersion: Id,
    startedAt: Epoch,
    answeredAt: Epoch.nullable(),
    endedAt: Epoch,
    /** From answer to hang-up (0 for a call never answered). */
    durationMs: z.number().int().min(0).max(86_400_000),
    endedBy: z.enum(['caller', 'agent']).nullable(),
    templateId: Id,
    templateVersion: z.number().int().nonnegative(),
    score: z.number().int().min(0).max(1000),
    maxScore: z.number().int().min(0).max(1000),
    zeroed: z.boolean(),
    items: z.array(PracticeItemScoreSchema).max(50),
    /** How often each signal and prompt fired on the call's timeline ("signal:interruption", "prompt:emergency"). */
    signals: z.record(z.string().max(80), z.number().int().min(0).max(100_000)).refine((record) => Object.keys(record).length <= 100, { error: 'errors.tooLong' }),
    /** The caller's lines and interjections in the order said, ms from ringing: the branches the call took. */
    lines: z.array(z.object({ id: Id, atMs: z.number().int().min(0).max(86_400_000) }).strict()).max(200),
    /** When the trainee held the call, on the same clock as `lines` (the caller heard nothing and waited). */
    holds: z.array(z.object({ fromMs: z.number().int().min(0).max(86_400_000), toMs: z.number().int().min(0).max(86_400_000) }).strict()).max(50).default([]),
    /**
     * A trainer played the caller live through the PBX (absent: the simulated caller). The trainer as the
     * trainee's desk saw the call: their extension and display name ('' where the INVITE named none).
     */
    live: LivePracticeCallerSchema.optional(),
  })
  .strict());
export type PracticeResult = z.infer<typeof PracticeResultSchema>;

/** A result as the centre keeps it: whose it is and when it arrived. */
export const StoredPracticeResultSchema = lazySchema(() => PracticeResultSchema.extend({
  agent: Id,
  teamId: Id,
  receivedAt: Epoch,
}));
export type StoredPracticeResult = z.infer<typeof StoredPracticeResultSchema>;

/** One trainee's attempts at one scenario. */
export const ScenarioProgressSchema = lazySchema(() => z.object({
  scenarioId: Id,
  attempts: z.number().int().nonnegative(),
  /** Of the attempts, those a trainer played live (absent: none). */
  live: z.number().int().positive().optional(),
  /** Scores in percent of the maximum, oldest first (the last 10): the trend. */
  trend: z.array(z.number().int().min(0).max(100)),
  latest: z.object({ score: z.number().int(), maxScore: z.number().int(), at: Epoch }),
  best: z.object({ score: z.number().int(), maxScore: z.number().int(), at: Epoch }),
}));
export type ScenarioProgress = z.infer<typeof ScenarioProgressSchema>;

export const TraineeProgressSchema = lazySchema(() => z.object({
  agent: Id,
  name: z.string().max(100),
  teamId: Id,
  lastAt: Epoch.nullable(),
  scenarios: z.array(ScenarioProgressSchema),
}));
export type TraineeProgress = z.infer<typeof TraineeProgressSchema>;

/** `GET /v1/practice/overview` (trainer, lead, admin): the trainees of the caller's teams and how their practice goes. */
export const PracticeOverviewSchema = lazySchema(() => z.object({
  teamIds: z.array(Id),
  trainees: z.array(TraineeProgressSchema),
}));
export type PracticeOverview = z.infer<typeof PracticeOverviewSchema>;

/** Trend points kept per scenario. */
export const TREND_POINTS = 10;

const percent = (score: number, maxScore: number) => (maxScore <= 0 ? 0 : Math.max(0, Math.min(100, Math.round((score / maxScore) * 100))));

type Attempt = Pick<PracticeResult, 'scenarioId' | 'score' | 'maxScore' | 'endedAt' | 'live'>;

/** Per scenario: attempts (and how many a trainer played live), latest, best (by percent, the earlier on a tie) and the trend, from one trainee's results in any order. */
export function scenarioProgress(results: readonly Attempt[]): ScenarioProgress[] {
  const byScenario = new Map<string, Attempt[]>();
  for (const result of results) byScenario.set(result.scenarioId, [...(byScenario.get(result.scenarioId) ?? []), result]);
  return [...byScenario.entries()]
    .map(([scenarioId, list]) => {
      const ordered = [...list].sort((a, b) => a.endedAt - b.endedAt);
      const latest = ordered.at(-1)!;
      const best = ordered.reduce((top, next) => (percent(next.score, next.maxScore) > percent(top.score, top.maxScore) ? next : top));
      const point = (r: typeof latest) => ({ score: r.score, maxScore: r.maxScore, at: r.endedAt });
      const live = ordered.filter((r) => r.live !== undefined).length;
      return {
        scenarioId,
        attempts: ordered.length,
        ...(live > 0 ? { live } : {}),
        trend: ordered.slice(-TREND_POINTS).map((r) => percent(r.score, r.maxScore)),
        latest: point(latest),
        best: point(best),
      };
    })
    .sort((a, b) => a.scenarioId.localeCompare(b.scenarioId));
}

/**
 * A scenario's version: a short hash of its content (FNV-1a over its JSON), so
 * a trainer's edit to a scenario file shows as another version with no number
 * to remember to bump.
 */
export function scenarioVersion(scenario: Scenario): string {
  const text = JSON.stringify(scenario);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `v1-${hash.toString(16).padStart(8, '0')}`;
}
