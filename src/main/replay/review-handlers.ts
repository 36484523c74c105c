import type Database from 'better-sqlite3';
import { fail } from '../../shared/ipc/envelope';
import type { reviewInvokeContract } from '../../shared/ipc/contract-review';
import type { Handlers } from '../ipc/router';
import { CallScoring, UnknownCall } from '../scorecard/call-scoring';
import { ScoreStore } from '../scorecard/score-store';
import type { CallsRepo } from '../store/calls-repo';
import { TimelineRepo } from '../timeline/timeline-repo';
import { AnnotationsRepo } from './annotations-repo';
import type { ReplayAudioSource } from './replay-audio';
import { ReviewIndex } from './review-index';
import { ReplayStreams } from './replay-stream';

type ReviewChannel = keyof typeof reviewInvokeContract;

export interface ReviewDeps {
  db: Database.Database;
  calls: CallsRepo;
  /** The desk's agent (工号) now, '' without a profile. */
  agent: () => string;
  audio: ReplayAudioSource;
  now?: () => number;
}

export interface Review {
  handlers: Pick<Handlers, ReviewChannel>;
  index: ReviewIndex;
  /** The replay's audio, streamed over the app's scheme (`recordings/<callId>`). */
  streams: ReplayStreams;
}

/** Scorecards, the trainer's call list, annotations and what the replay opens (issues 13 and 14). */
export function createReview(deps: ReviewDeps): Review {
  const now = deps.now ?? Date.now;
  const timeline = new TimelineRepo(deps.db);
  const store = new ScoreStore(deps.db);
  const index = new ReviewIndex(deps.db, deps.agent);
  const scoring = new CallScoring({ db: deps.db, calls: deps.calls, timeline, store, agent: deps.agent, now, onScored: (callId, score) => index.scored(callId, score) });
  const annotations = new AnnotationsRepo(deps.db);
  const streams = new ReplayStreams(deps.audio, now);
  const unknown = (callId: string) => fail('not-found', `No call ${callId} in the call log`);
  const guard = <T>(callId: string, run: () => T) => {
    try {
      return run();
    } catch (error) {
      if (error instanceof UnknownCall) return unknown(callId);
      throw error;
    }
  };

  const handlers: Pick<Handlers, ReviewChannel> = {
    'scorecards:template': () => store.template(),
    'scorecards:saveTemplate': (template) => store.saveTemplate(template, now()),
    'scorecards:score': ({ callId }) =>
      guard(callId, () => {
        const score = scoring.score(callId);
        index.index(callId);
        return score;
      }),
    'scorecards:override': ({ callId, ...change }) => guard(callId, () => scoring.override(callId, change)),
    'scorecards:history': ({ agent, practice, limit }) => store.history({ agent: agent ?? deps.agent(), practice, limit }),

    'replay:search': (query) => {
      index.catchUp();
      return index.search(query);
    },
    'replay:open': ({ callId }) => {
      const call = deps.calls.get(callId);
      if (!call) return unknown(callId);
      const audio = deps.audio.info(callId);
      return { call, timeline: timeline.list(callId), annotations: annotations.list(callId), score: store.get(callId), audio: { ...audio, url: audio.available ? streams.grant(callId) : null } };
    },
    'replay:audio': ({ callId }) => {
      const audio = deps.audio.bytes(callId);
      return audio ? { mime: audio.mime, base64: audio.data.toString('base64') } : fail('not-found', `No recording of call ${callId}`);
    },
    'replay:savePeaks': ({ callId, peaks, durationMs }) => {
      deps.audio.savePeaks(callId, peaks, durationMs);
      return { done: true as const };
    },
    'replay:annotate': (annotation) => {
      if (!deps.calls.get(annotation.callId)) return unknown(annotation.callId);
      return annotations.add(annotation, deps.agent(), now());
    },
    'replay:deleteAnnotation': ({ callId, id }) => (annotations.remove(callId, id) ? { done: true as const } : fail('not-found', `No annotation ${id} on call ${callId}`)),
  };
  return { handlers, index, streams };
}
