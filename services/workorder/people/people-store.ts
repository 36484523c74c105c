import type { PersonRole } from '../../../src/shared/domain/centre/sign-in';
import type { Principal, TokenRole } from '../store/store';

/**
 * Storage of the centre's people, teams, settings and sign-in sessions, next
 * to the work orders in the same database (SQLite or PostgreSQL). Passwords
 * arrive here already hashed (passwords.ts); tokens as their SHA-256.
 */
export interface PeopleStore {
  createTeam(team: Team): Promise<'created' | 'exists'>;
  listTeams(): Promise<Team[]>;

  /** 'no-team': the team, or one of the led teams, does not exist. */
  createPerson(person: NewPerson): Promise<'created' | 'work-number-taken' | 'no-team'>;
  personByWorkNumber(workNumber: string): Promise<PersonRecord | null>;
  personById(personId: string): Promise<PersonRecord | null>;
  /** Every person (of one team when given), by work number. */
  listPeople(teamId?: string): Promise<PersonRecord[]>;
  /** Replaces name, team, roles and led teams. 'no-team': the team or a led team does not exist. */
  updatePerson(personId: string, change: PersonChange, at: number): Promise<'updated' | 'not-found' | 'no-team'>;
  /** Also lifts a lock-out. False: no such person. */
  setPassword(personId: string, passwordHash: string, at: number): Promise<boolean>;
  setDisabled(personId: string, disabled: boolean, at: number): Promise<boolean>;
  setSip(personId: string, sip: PersonSip | null, at: number): Promise<boolean>;

  /**
   * Counts a wrong password inside the window that starts with the first
   * failure; the failure that reaches `maxFailures` locks the person until
   * `at + lockMs` and starts the count again. Returns the lock, if any.
   */
  recordFailedSignIn(personId: string, at: number, policy: LockoutPolicy): Promise<{ lockedUntil: number | null }>;
  clearFailedSignIns(personId: string): Promise<void>;

  getCentreSettings(): Promise<CentreSettings | null>;
  setCentreSettings(settings: CentreSettings, at: number): Promise<void>;
  listDepartments(): Promise<CentreDepartment[]>;
  /** Replaces the whole list, in the given order, in one transaction. */
  replaceDepartments(departments: readonly CentreDepartment[], at: number): Promise<void>;

  insertSession(session: NewSession): Promise<void>;
  /** The token's row whatever its state (revoked, expired, of a disabled person), or null when unknown. */
  tokenState(tokenHash: string): Promise<TokenState | null>;
  /** The token's row and the person behind it in one statement (every signed-in request asks for both). */
  tokenWithPerson(tokenHash: string): Promise<{ state: TokenState; person: PersonRecord | null } | null>;
  /** Deletes sign-in sessions that expired before `before` (epoch ms); returns how many. */
  pruneSessions(before: number): Promise<number>;
  /** Revokes the person's live tokens opened on one desk (a new sign-in there replaces them). */
  revokeDeskSessions(personId: string, label: string, at: number): Promise<number>;
  /** Revokes every live token of the person; returns how many. */
  revokeSessions(personId: string, at: number): Promise<number>;
  /** Live (not revoked, not expired) sessions per person. */
  countLiveSessions(at: number): Promise<Map<string, number>>;
  /** Live sessions (of one person when given), oldest first. */
  listSessions(at: number, personId?: string): Promise<SessionInfo[]>;
}

export interface PersonChange {
  name: string;
  teamId: string;
  roles: PersonRole[];
  leadsTeams: string[];
}

export interface SessionInfo {
  tokenId: string;
  personId: string;
  workNumber: string;
  /** `desk <deskId>` as the desk said at sign-in. */
  label: string;
  createdAt: number;
  expiresAt: number;
}

export interface Team {
  id: string;
  name: string;
  createdAt: number;
}

export interface PersonSip {
  uri: string;
  authUser: string;
  password: string;
}

export interface NewPerson {
  personId: string;
  workNumber: string;
  name: string;
  teamId: string;
  roles: PersonRole[];
  leadsTeams: string[];
  passwordHash: string;
  at: number;
}

export interface PersonRecord {
  personId: string;
  workNumber: string;
  name: string;
  teamId: string;
  roles: PersonRole[];
  leadsTeams: string[];
  passwordHash: string;
  disabledAt: number | null;
  sip: PersonSip | null;
  lockedUntil: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface LockoutPolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

/** The centre's settings every desk gets at sign-in. */
export interface CentreSettings {
  sipServers: string[];
  city: string;
  afterCallWorkSeconds: number;
  autoAnswerSeconds: number | null;
  /** The PBX offers dialog-info presence (RFC 4235) to the leads' desks: they watch their agents' calls on it. */
  pbxPresence?: 'off' | 'dialog-info';
}

export interface CentreDepartment {
  id: string;
  zh: string;
  en: string;
}

export interface NewSession {
  tokenId: string;
  tokenHash: string;
  personId: string;
  agentId: string;
  teamId: string;
  role: TokenRole;
  label: string;
  createdAt: number;
  expiresAt: number;
}

export interface TokenState {
  principal: Principal;
  /** Null for a token issued by `admin issue-token` (no person behind it). */
  personId: string | null;
  expiresAt: number | null;
  revokedAt: number | null;
  personDisabledAt: number | null;
}
