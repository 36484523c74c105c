import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { TicketDraft, TicketFields } from '../../shared/domain/ticket-draft';

interface DraftRow {
  id: string;
  call_id: string | null;
  caller_name: string;
  caller_number: string;
  summary: string;
  description: string;
  created_at: number;
  updated_at: number;
  revision: number;
}

const toDraft = (row: DraftRow): TicketDraft => ({
  id: row.id,
  callId: row.call_id,
  callerName: row.caller_name,
  callerNumber: row.caller_number,
  summary: row.summary,
  description: row.description,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  revision: row.revision,
});

const COLUMNS: Record<keyof TicketFields, string> = {
  callerName: 'caller_name',
  callerNumber: 'caller_number',
  summary: 'summary',
  description: 'description',
};

/** Ticket drafts: every save is one committed transaction before it is acknowledged. */
export class DraftsRepo {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {}

  /** One draft per call: answering twice (or a renderer reload) reopens the same draft. */
  openForCall(callId: string, callerNumber: string, callerName: string): TicketDraft {
    const existing = this.db.prepare('SELECT * FROM ticket_drafts WHERE call_id = ?').get(callId) as DraftRow | undefined;
    if (existing) return toDraft(existing);
    const at = this.now();
    const id = randomUUID();
    this.db
      .prepare(
        `INSERT INTO ticket_drafts (id, call_id, caller_name, caller_number, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(id, callId, callerName, callerNumber, at, at);
    return this.require(id);
  }

  get(id: string): TicketDraft | null {
    const row = this.db.prepare('SELECT * FROM ticket_drafts WHERE id = ?').get(id) as DraftRow | undefined;
    return row ? toDraft(row) : null;
  }

  /** Applies the changed fields; returns null when there is no such draft. */
  save(id: string, fields: Partial<TicketFields>): { id: string; revision: number; updatedAt: number } | null {
    const entries = Object.entries(fields).filter(([, value]) => value !== undefined) as [keyof TicketFields, string][];
    const sets = entries.map(([field]) => `${COLUMNS[field]} = @${field}`);
    const updatedAt = this.now();
    const result = this.db
      .prepare(
        `UPDATE ticket_drafts SET ${[...sets, 'updated_at = @updatedAt', 'revision = revision + 1'].join(', ')}
         WHERE id = @id RETURNING revision, updated_at`,
      )
      .get({ ...Object.fromEntries(entries), id, updatedAt }) as { revision: number; updated_at: number } | undefined;
    return result ? { id, revision: result.revision, updatedAt: result.updated_at } : null;
  }

  private require(id: string): TicketDraft {
    const draft = this.get(id);
    if (!draft) throw new Error(`Draft ${id} vanished after insert`);
    return draft;
  }
}
