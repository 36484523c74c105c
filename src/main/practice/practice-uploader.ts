import type Database from 'better-sqlite3';
import { SendLoop } from '../centre/send-loop';
import { PRACTICE_RESULTS_PATH } from '../../shared/practice/result';
import type { TokenRefusal } from '../centre/centre-client';
import { centreRequest } from '../centre/centre-request';
import { sendEachOnce, sendVerdict, type SendOutcome } from '../centre/send-once';

export interface PracticeTarget {
  centreUrl: string;
  token: string;
  /** The signed-in person's 工号: a result is sent only under the token of the agent who practised. */
  agent: string;
}

export interface PracticeUploaderOptions {
  db: Database.Database;
  /** The signed-in centre, or null (nothing is sent while signed out). */
  target: () => PracticeTarget | null;
  caPem?: () => string | null;
  onTokenRefused?: (code: TokenRefusal, token: string) => void;
  timeoutMs?: number;
  random?: () => number;
  onError?: (error: unknown) => void;
}

interface PendingRow {
  call_id: string;
  idempotency_key: string;
  body: string;
}

/**
 * Sends each kept practice result to the centre once, as the work-order
 * outbox does: under the key made with the row, so an answer lost on the way
 * or a restart mid-send resends the same key and the centre stores nothing
 * twice; failures back off. Only results of the signed-in agent go (a shared
 * desk never sends one trainee's practice under another's token).
 */
export class PracticeUploader {
  private readonly loop: SendLoop;

  constructor(private readonly options: PracticeUploaderOptions) {
    this.loop = new SendLoop(() => this.drain(), options.random);
  }

  /** Something may be ready to go. */
  kick(): void {
    this.loop.kick();
  }

  /** Resolves when nothing is being sent. */
  settled(): Promise<void> {
    return this.loop.settled();
  }

  pending(agent?: string): string[] {
    return this.options.db
      .prepare("SELECT call_id FROM practice_results WHERE upload_state = 'pending' AND (? IS NULL OR agent = ?) ORDER BY created_at")
      .pluck()
      .all(agent ?? null, agent ?? null) as string[];
  }

  close(): void {
    this.loop.close();
  }

  private async drain(): Promise<void> {
    const target = this.options.target();
    if (!target) return;
    // Bounded: each result is tried at most once per run.
    await sendEachOnce(this.loop, this.pending(target.agent), (callId) => this.sendOne(callId, target), (error) => this.options.onError?.(error));
  }

  private async sendOne(callId: string, target: PracticeTarget): Promise<SendOutcome> {
    const row = this.options.db.prepare('SELECT call_id, idempotency_key, body FROM practice_results WHERE call_id = ?').get(callId) as PendingRow | undefined;
    if (!row) return 'done';
    const reply = await centreRequest({
      baseUrl: target.centreUrl,
      method: 'POST',
      path: PRACTICE_RESULTS_PATH,
      token: target.token,
      body: JSON.parse(row.body) as unknown,
      headers: { 'idempotency-key': row.idempotency_key },
      timeoutMs: this.options.timeoutMs ?? 10_000,
      caPem: this.options.caPem?.() ?? null,
    });
    if (this.loop.closed) return 'idle';
    const verdict = sendVerdict(reply, [200, 201]);
    if (verdict.kind === 'sent') {
      this.options.db.prepare("UPDATE practice_results SET upload_state = 'done', uploaded_at = ?, upload_error = NULL WHERE call_id = ?").run(Date.now(), callId);
      return verdict.outcome;
    }
    this.options.db.prepare('UPDATE practice_results SET upload_attempts = upload_attempts + 1, upload_error = ? WHERE call_id = ?').run(verdict.why.slice(0, 500), callId);
    if (verdict.kind === 'signed-out' && verdict.refusal) this.options.onTokenRefused?.(verdict.refusal, target.token);
    // The centre will never take this one as it is (a result it cannot read, a key it knows for another call):
    // it is set aside with why, so it does not hold up the others.
    if (verdict.kind === 'refused') this.options.db.prepare("UPDATE practice_results SET upload_state = 'refused' WHERE call_id = ?").run(callId);
    return verdict.outcome;
  }
}
