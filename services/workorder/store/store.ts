import type {
  WorkOrderChange,
  WorkOrderDraft,
  WorkOrderRecord,
  WorkOrderStatus,
} from '../../../src/shared/domain/work-order';
import type { PeopleStore } from '../people/people-store';
import type { FloorStore } from '../floor/floor-store';
import type { ReferenceStore } from '../reference/reference-store';
import type { MonitorStore } from '../monitor/monitor-store';
import type { DispatchStore } from '../dispatch/dispatch-store';
import type { ReviewStore } from '../reviews/review-store';
import type { PracticeStore } from '../practice/practice-store';

/**
 * Storage behind the work-order service. Every method is async so a PostgreSQL
 * implementation fits the same interface; the SQLite one answers synchronously
 * inside its transactions (better-sqlite3), which also makes each call atomic.
 *
 * Every read and write takes the caller's team: a store never returns another
 * team's work order, it answers as if the id did not exist.
 */
export interface WorkOrderStore {
  /** The centre's people, teams, settings and sign-in sessions, in the same database. */
  readonly people: PeopleStore;
  /** The live floor: each desk's latest state and the event log leads stream. */
  readonly floor: FloorStore;
  /** Centre reference data synced to desks (knowledge base, dispatch catalogue), versioned. */
  readonly reference: ReferenceStore;
  /** Monitor grants (listen / whisper / barge / take over) and their central log. */
  readonly monitor: MonitorStore;
  /** Dispatch suggestions and choices per work order, and the outcomes the centre reports. */
  readonly dispatch: DispatchStore;
  /** Case review: the playback log, the calls desks report, shared reviews, scorecard templates (issue 13). */
  readonly reviews: ReviewStore;
  /** Trainees' practice results (issue 14), apart from work orders and their statistics. */
  readonly practice: PracticeStore;

  /**
   * Requests the store serves at once (a pool's connections), which the
   * service's admission lets in so that the line it forecasts is the only one;
   * absent: the admission's own default.
   */
  readonly concurrency?: number;

  /** Proves the database answers (for /healthz). */
  ping(): Promise<void>;
  close(): Promise<void>;

  // Tokens (only their SHA-256 is stored).
  findToken(tokenHash: string): Promise<Principal | null>;
  insertToken(token: NewToken): Promise<void>;
  revokeToken(id: string, at: number): Promise<boolean>;
  listTokens(): Promise<TokenInfo[]>;

  /**
   * Creates a work order unless the team already used this idempotency key:
   * then nothing is written and the first response comes back (`replayed`), or
   * `key-reused` when the stored request hash differs from this one.
   */
  createWorkOrder(input: NewWorkOrder, options?: WriteOptions): Promise<CreateOutcome>;
  /**
   * Creates several work orders in one transaction (one commit, one fsync),
   * each with exactly the semantics of `createWorkOrder`; the outcomes come back
   * in input order. A key repeated within the batch is answered like a retry.
   */
  createWorkOrders(inputs: readonly NewWorkOrder[], options?: WriteOptions): Promise<CreateOutcome[]>;
  getWorkOrder(teamId: string, id: string): Promise<WorkOrderRecord | null>;
  /** Newest first; matches the caller's number or the callback number. Stopped at the deadline (DeadlinePassedError). */
  listByPhone(teamId: string, normalizedPhone: string, limit: number, options?: ReadOptions): Promise<WorkOrderRecord[]>;
  updateWorkOrder(input: UpdateWorkOrder, options?: WriteOptions): Promise<UpdateOutcome>;
  changeStatus(input: ChangeStatus, options?: WriteOptions): Promise<StatusOutcome>;
  /** Changes after `since` (0 for the start), oldest first. Stopped at the deadline (DeadlinePassedError). */
  listChanges(teamId: string, since: number, limit: number, options?: ReadOptions): Promise<WorkOrderChange[]>;
  /** The team's newest cursor (0 when the team has no change yet): where a new desk starts. */
  headCursor(teamId: string): Promise<number>;
  /** Names this database for the desks (their change cursor is kept per service identity). */
  serviceId(): Promise<string>;
  /**
   * Retention of the change feed: deletes, per team, the oldest changes made
   * before `before` (epoch ms), at most `maxRowsPerTeam` per team and call,
   * and raises the team's horizon to the last one deleted. Returns the count.
   */
  pruneChanges(before: number, maxRowsPerTeam: number): Promise<number>;
  /** The team's last pruned sequence number (0: none): a cursor below it may have missed changes. */
  feedHorizon(teamId: string): Promise<number>;
}

export interface WriteOptions {
  /**
   * Epoch ms after which the client has given up: nothing is committed past it
   * (DeadlinePassedError, rolled back), and PostgreSQL statements are bounded by it.
   */
  deadline?: number;
}

export interface ReadOptions {
  /**
   * Epoch ms after which the client has given up: the statement stops there
   * (DeadlinePassedError), so a read gone slow does not hold the service for a
   * desk that stopped waiting (SQLite: checked on every row the statement
   * examines; PostgreSQL: SET LOCAL statement_timeout when the time left is
   * under the session's bound).
   */
  deadline?: number;
}

/** The client's deadline passed before the work could commit; nothing was written. */
export class DeadlinePassedError extends Error {
  constructor() {
    super('The request deadline passed; nothing was committed.');
    this.name = 'DeadlinePassedError';
  }
}

/** The store cannot take more work now (e.g. no free PostgreSQL connection within the wait bound); nothing was written. */
export class StoreBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreBusyError';
  }
}

export const TOKEN_ROLES = ['agent', 'centre'] as const;
/** agent: creates and edits work orders; centre: also changes their status. */
export type TokenRole = (typeof TOKEN_ROLES)[number];

export interface Principal {
  tokenId: string;
  agentId: string;
  teamId: string;
  role: TokenRole;
}

export interface NewToken extends Principal {
  tokenHash: string;
  label: string;
  createdAt: number;
}

export interface TokenInfo extends Principal {
  label: string;
  createdAt: number;
  revokedAt: number | null;
}

export interface NewWorkOrder {
  id: string;
  idempotencyKey: string;
  /** SHA-256 of the canonical request, to tell a retry from a reused key. */
  requestHash: string;
  teamId: string;
  agentId: string;
  fields: WorkOrderDraft;
  at: number;
}

export type CreateOutcome =
  | { kind: 'created'; record: WorkOrderRecord }
  | { kind: 'replayed'; record: WorkOrderRecord }
  | { kind: 'key-reused' };

export interface UpdateWorkOrder {
  teamId: string;
  id: string;
  expectedVersion: number;
  fields: WorkOrderDraft;
  agentId: string;
  at: number;
}

export type UpdateOutcome =
  | { kind: 'updated'; record: WorkOrderRecord }
  | { kind: 'not-found' }
  | { kind: 'conflict'; current: WorkOrderRecord }
  | { kind: 'closed'; current: WorkOrderRecord };

export interface ChangeStatus {
  teamId: string;
  id: string;
  /** When given, the change applies only at this version. */
  expectedVersion: number | null;
  status: Exclude<WorkOrderStatus, 'received'>;
  note: string;
  agentId: string;
  at: number;
}

export type StatusOutcome =
  | { kind: 'changed'; record: WorkOrderRecord }
  | { kind: 'not-found' }
  | { kind: 'conflict'; current: WorkOrderRecord }
  | { kind: 'invalid-transition'; current: WorkOrderRecord };
