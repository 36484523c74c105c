import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { StoredTimelineEntry } from '../../shared/domain/call/timeline';
import { REVIEW_BUNDLE_EXTENSION, REVIEW_BUNDLE_MAX_CHARS, ReviewBundleSchema, type ReviewBundle } from '../../shared/review/review-bundle';
import { DeskKeys } from '../recordings/desk-key';
import { newRecordingKey, openRecord, sealRecord, unwrapKey, wrapKey } from '../recordings/recording-crypto';
import { ScoreStore } from '../scorecard/score-store';
import type { SecretCipher } from '../secrets/secret-cipher';
import type { CallsRepo } from '../store/calls-repo';
import { TimelineRepo } from '../timeline/timeline-repo';
import { AnnotationsRepo } from './annotations-repo';
import { maskPersonalDeep } from './personal-text-mask';
import type { ReplayAudioSource } from './replay-audio';

export interface ReviewBundlesDeps {
  db: Database.Database;
  calls: Pick<CallsRepo, 'get'>;
  audio: Pick<ReplayAudioSource, 'bytes' | 'info'>;
  cipher: SecretCipher;
  agent: () => string;
  now?: () => number;
}

export type ImportOutcome =
  | { state: 'imported'; id: string; callId: string; title: string }
  | { state: 'invalid'; message: string; issues: { path: string; message: string }[] };

export interface ImportedSummary {
  id: string;
  callId: string;
  title: string;
  masked: boolean;
  exportedBy: string;
  importedAt: number;
}

/** The bundle as shown: everything but the audio's bytes. */
export type ImportedReview = Omit<ReviewBundle, 'audio'> & { audio: Omit<NonNullable<ReviewBundle['audio']>, 'base64'> | null; importedAt: number };

interface ImportedRow {
  id: string;
  call_id: string;
  title: string;
  bundle: string;
  imported_at: number;
  audio: Buffer | null;
  audio_mime: string | null;
  desk_key_id: number | null;
  wrapped_key: Buffer | null;
}

/**
 * Review bundles for case-review sessions (案例复盘): a call exported as one
 * file, masked by default (numbers, household addresses, marked names:
 * personal-text-mask), and imported on another desk (validated whole,
 * kept in one statement, its audio sealed under the desk key) to be shown
 * read-only in replay.
 */
export class ReviewBundles {
  private readonly timeline: TimelineRepo;
  private readonly annotations: AnnotationsRepo;
  private readonly scores: ScoreStore;
  private readonly keys: DeskKeys;
  private readonly now: () => number;

  constructor(private readonly deps: ReviewBundlesDeps) {
    this.timeline = new TimelineRepo(deps.db);
    this.annotations = new AnnotationsRepo(deps.db);
    this.scores = new ScoreStore(deps.db);
    this.keys = new DeskKeys(deps.db, deps.cipher);
    this.now = deps.now ?? Date.now;
  }

  /** The call as one bundle file; null when the call is not in this desk's call log. */
  exportCall(callId: string, options: { masked: boolean }): { fileName: string; text: string } | null {
    const call = this.deps.calls.get(callId);
    if (!call) return null;
    const timeline = this.timeline.list(callId);
    const row = this.deps.db.prepare('SELECT fields FROM work_orders WHERE call_id = ?').get(callId) as { fields: string } | undefined;
    const audio = this.deps.audio.bytes(callId);
    const info = this.deps.audio.info(callId);
    let bundle: ReviewBundle = {
      format: 'hotline-desk/review-bundle',
      version: 1,
      id: randomUUID(),
      exportedAt: this.now(),
      exportedBy: this.deps.agent(),
      masked: options.masked,
      call,
      timeline,
      workOrder: { final: row ? (JSON.parse(row.fields) as Record<string, unknown>) : null, snapshots: snapshots(timeline) },
      annotations: this.annotations.list(callId),
      score: this.scores.get(callId),
      audio: audio ? { mime: audio.mime, base64: audio.data.toString('base64'), durationMs: info.durationMs, holds: info.holds, peaks: info.peaks } : null,
    };
    if (options.masked) {
      const { audio: kept, ...rest } = bundle;
      bundle = { ...maskPersonalDeep(rest), masked: true, audio: kept };
    }
    const day = new Date(call.startedAt).toISOString().slice(0, 10);
    return { fileName: `${day}-${callId.slice(0, 8)}${REVIEW_BUNDLE_EXTENSION}`, text: JSON.stringify(ReviewBundleSchema.parse(bundle)) };
  }

  /** Checks the whole file first: a bundle that does not validate leaves nothing behind. */
  importText(text: string): ImportOutcome {
    if (text.length > REVIEW_BUNDLE_MAX_CHARS) return { state: 'invalid', message: `The file is larger than a review bundle can be (${REVIEW_BUNDLE_MAX_CHARS} characters).`, issues: [] };
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return { state: 'invalid', message: 'The file is not a review bundle (not JSON).', issues: [] };
    }
    const parsed = ReviewBundleSchema.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 20).map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
      return { state: 'invalid', message: `The file is not a valid review bundle: ${issues.map((i) => `${i.path || '(file)'}: ${i.message}`).join('; ')}`, issues };
    }
    const bundle = parsed.data;
    let sealed: { audio: Buffer; deskKeyId: number; wrapped: Buffer } | null = null;
    if (bundle.audio) {
      const key = newRecordingKey();
      const deskKey = this.keys.active();
      sealed = {
        audio: sealRecord(key, bundle.id, 0, 'media', Buffer.from(bundle.audio.base64, 'base64')),
        deskKeyId: deskKey.id,
        wrapped: wrapKey(deskKey.key, bundle.id, key),
      };
    }
    const { audio, ...rest } = bundle;
    const stored = { ...rest, audio: audio ? { mime: audio.mime, durationMs: audio.durationMs, holds: audio.holds, peaks: audio.peaks } : null };
    const title = `${new Date(bundle.call.startedAt).toISOString().slice(0, 16).replace('T', ' ')} ${bundle.call.remoteNumber}`.slice(0, 200);
    this.deps.db
      .prepare(
        `INSERT INTO imported_reviews (id, call_id, title, bundle, recording_id, imported_at, audio, audio_mime, desk_key_id, wrapped_key)
         VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, bundle = excluded.bundle, imported_at = excluded.imported_at,
           audio = excluded.audio, audio_mime = excluded.audio_mime, desk_key_id = excluded.desk_key_id, wrapped_key = excluded.wrapped_key`,
      )
      .run(bundle.id, bundle.call.id, title, JSON.stringify(stored), this.now(), sealed?.audio ?? null, audio?.mime ?? null, sealed?.deskKeyId ?? null, sealed?.wrapped ?? null);
    return { state: 'imported', id: bundle.id, callId: bundle.call.id, title };
  }

  list(): ImportedSummary[] {
    return (this.deps.db.prepare('SELECT id, call_id, title, bundle, imported_at FROM imported_reviews ORDER BY imported_at DESC').all() as ImportedRow[]).map((row) => {
      const bundle = JSON.parse(row.bundle) as { masked: boolean; exportedBy: string };
      return { id: row.id, callId: row.call_id, title: row.title, masked: bundle.masked, exportedBy: bundle.exportedBy, importedAt: row.imported_at };
    });
  }

  open(id: string): ImportedReview | null {
    const row = this.deps.db.prepare('SELECT bundle, imported_at FROM imported_reviews WHERE id = ?').get(id) as ImportedRow | undefined;
    return row ? { ...(JSON.parse(row.bundle) as Omit<ImportedReview, 'importedAt'>), importedAt: row.imported_at } : null;
  }

  /** The imported recording, opened with its sealed key. */
  audio(id: string): { mime: string; data: Buffer } | null {
    const row = this.deps.db.prepare('SELECT audio, audio_mime, desk_key_id, wrapped_key FROM imported_reviews WHERE id = ?').get(id) as ImportedRow | undefined;
    if (!row?.audio || row.desk_key_id === null || !row.wrapped_key) return null;
    const key = unwrapKey(this.keys.byId(row.desk_key_id).key, id, row.wrapped_key);
    return { mime: row.audio_mime ?? 'audio/webm', data: openRecord(key, id, 0, 'media', row.audio) };
  }
}

/** The work order after each edit on the timeline: the edits carry the changed fields, each snapshot is all of them so far. */
function snapshots(timeline: readonly StoredTimelineEntry[]): { atMs: number; fields: Record<string, unknown> }[] {
  let fields: Record<string, unknown> = {};
  const out: { atMs: number; fields: Record<string, unknown> }[] = [];
  for (const entry of timeline) {
    if (entry.kind !== 'work-order-edited') continue;
    const changed = (entry.payload as { fields?: unknown } | null)?.fields;
    if (changed === null || typeof changed !== 'object') continue;
    fields = { ...fields, ...(changed as Record<string, unknown>) };
    out.push({ atMs: entry.startMs, fields });
  }
  return out;
}
