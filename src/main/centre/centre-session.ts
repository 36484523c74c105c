import type Database from 'better-sqlite3';
import { z } from 'zod';
import { lazySchema } from '../../shared/base/lazy-schema';
import { PersonSchema, type SignInErrorCode, type SignInResponse } from '../../shared/domain/centre/sign-in';
import { isCleartextToNetwork } from '../../shared/domain/loopback';
import { PhonePreferencesSchema, type PhonePreferencesData } from '../../shared/domain/phone-preferences';
import { AgentProfileSchema, SipAccountSchema, type Settings } from '../../shared/domain/settings';
import { DepartmentListSchema, type Department } from '../../shared/domain/work-order-sync';
import type { CentreSignInReply, CentreSignInRequest, CentreStatus, SignInFailure, SignedOutReason } from '../../shared/ipc/contract-centre';
import { AgentDeskSettingsRepo } from '../agent-state/agent-desk-settings-repo';
import { SIP_PASSWORD } from '../ipc/handlers';
import type { PhoneSettingsRepo } from '../phone/phone-settings-repo';
import type { SecretStore } from '../secrets/secret-store';
import type { SettingsRepo } from '../store/settings-repo';
import { SettingsTable } from '../store/settings-table';
import type { DepartmentsRepo } from '../work-orders/departments';
import { SERVICE_TOKEN, type CoreEvents, type WorkOrderSync } from '../work-orders/sync';
import { CentreClient, tokenRefusalOf, type CentreOutcome, type TokenRefusal } from './centre-client';

/** The bearer token the centre issued at sign-in (kept with safeStorage, like the SIP password). */
export const CENTRE_TOKEN = 'centre-token';

/** Signing out does not wait for the centre; this bounds the revoke request left running. */
const SIGN_OUT_TIMEOUT_MS = 5_000;

const SESSION = 'centre.session';
const ADDRESS = 'centre.address';
const PROVISIONED = 'centre.provisionedAccount';
const SIGNED_OUT = 'centre.signedOutReason';

const SessionSchema = lazySchema(() => z.object({
  centreUrl: z.string(),
  person: PersonSchema,
  expiresAt: z.number().int(),
  signedInAt: z.number().int(),
}));
type Session = z.infer<typeof SessionSchema>;

/** The phone account the centre handed out last: settings that still match it are the centre's, not set up by hand. */
const ProvisionedAccountSchema = lazySchema(() => z.object({ wsServer: z.string(), sipUri: z.string() }));
const SignedOutReasonSchema = lazySchema(() => z.enum(['signed-out', 'revoked', 'expired']));

const DEFAULT_PHONE_PREFERENCES: PhonePreferencesData = {
  dtmfMode: 'rfc4733',
  autoAnswer: { mode: 'off', seconds: 3 },
  backupServers: [],
};

const FAILURE_OF: Record<SignInErrorCode, SignInFailure> = {
  unknown_work_number: 'unknown-work-number',
  wrong_password: 'wrong-password',
  locked_out: 'locked-out',
  person_disabled: 'person-disabled',
  // Not answers to a sign-in (it carries no token); a centre that sends them is outside the contract.
  token_revoked: 'bad-reply',
  token_expired: 'bad-reply',
};

export interface CentreSessionOptions {
  db: Database.Database;
  settings: SettingsRepo;
  secrets: SecretStore;
  phone: PhoneSettingsRepo;
  departments: DepartmentsRepo;
  sync: WorkOrderSync;
  events: CoreEvents;
  /** Per request to the centre (ms). */
  timeoutMs?: number;
  now?: () => number;
  onError?: (error: unknown) => void;
}

/** What the centre handed out, checked against the desk's own rules before anything is saved. */
interface Provisioning {
  settings: Settings;
  sipPassword: string;
  preferences: PhonePreferencesData;
  departments: Department[] | null;
  afterCallSeconds: number;
}

/**
 * The desk's signed-in session with the centre service (issue 10): signs in,
 * applies what the centre hands out through the repos the settings screen uses,
 * checks a stored token at start, and signs the desk out when the centre says
 * the token was revoked or ran out (on any centre request, work-order sync included).
 */
export class CentreSession {
  private readonly table: SettingsTable;
  private readonly now: () => number;
  private closed = false;

  constructor(private readonly options: CentreSessionOptions) {
    this.table = new SettingsTable(options.db);
    this.now = options.now ?? Date.now;
  }

  /** The database is closing: answers still on their way change nothing. */
  close(): void {
    this.closed = true;
  }

  status(): CentreStatus {
    const session = this.session();
    if (session && this.options.secrets.has(CENTRE_TOKEN)) {
      const { name, workNumber, roles } = session.person;
      return { state: 'signed-in', centreUrl: session.centreUrl, person: { name, workNumber, roles }, expiresAt: session.expiresAt };
    }
    const reason = SignedOutReasonSchema.safeParse(this.table.read(SIGNED_OUT));
    return {
      state: 'signed-out',
      centreUrl: this.rememberedAddress(),
      reason: reason.success ? reason.data : null,
      manualSetup: this.manualSetup(),
    };
  }

  async signIn(request: CentreSignInRequest): Promise<CentreSignInReply> {
    const centreUrl = request.centreUrl.trim().replace(/\/+$/, '');
    this.table.write(ADDRESS, centreUrl);
    const client = this.client(centreUrl);
    const outcome = await client.signIn({
      workNumber: request.workNumber,
      password: request.password,
      deskId: this.options.phone.sipInstanceId(),
    });
    if (this.closed) return refused('unreachable');
    if (outcome.kind === 'unreachable') return refused('unreachable');
    if (outcome.kind === 'bad-reply') {
      this.options.onError?.(new Error(`Centre sign-in: ${outcome.message}`));
      return refused('bad-reply');
    }
    if (outcome.kind === 'refused') {
      const failure = FAILURE_OF[outcome.code];
      const minutes = failure === 'locked-out' && outcome.retryAfterSeconds !== null ? Math.max(1, Math.ceil(outcome.retryAfterSeconds / 60)) : null;
      return refused(failure, minutes);
    }
    const reply = outcome.value;
    if (reply.provisioning.sip === null) return refused('no-phone-account');
    const provisioning = this.provisioningOf(reply);
    if (!provisioning) {
      this.options.onError?.(new Error('Centre sign-in: the handed-out phone account breaks the desk rules'));
      return refused('bad-reply');
    }
    this.apply(centreUrl, reply, provisioning);
    return { outcome: 'signed-in', status: this.status() };
  }

  /**
   * The agent signs out on this desk: the token and the SIP password are
   * forgotten at once, and the centre is asked to revoke the token (when it
   * cannot be reached the token simply runs out there).
   */
  signOut(): CentreStatus {
    const session = this.session();
    const token = this.options.secrets.get(CENTRE_TOKEN);
    this.end('signed-out');
    if (session && token) {
      void this.client(session.centreUrl, SIGN_OUT_TIMEOUT_MS)
        .signOut(token)
        .catch((error: unknown) => this.options.onError?.(error));
    }
    return this.status();
  }

  /**
   * At start: a stored token is checked with the centre. Unreachable or an odd
   * answer: the desk keeps working with what it was handed (offline is normal).
   */
  async checkAtStart(): Promise<void> {
    const session = this.session();
    const token = this.options.secrets.get(CENTRE_TOKEN);
    if (!session || !token) return;
    const outcome = await this.client(session.centreUrl).me(token);
    if (this.closed) return;
    if (outcome.kind === 'refused') {
      this.refusedToken(outcome, token);
      return;
    }
    if (outcome.kind === 'ok' && this.options.secrets.get(CENTRE_TOKEN) === token) {
      // The centre may have changed the name since; the session keeps its own copy.
      this.table.write(SESSION, { ...session, person: outcome.value });
    }
  }

  /** A centre request (work-order sync included) was answered 401 token_revoked/token_expired for `token`. */
  tokenRefused(code: TokenRefusal, token: string): void {
    // An answer for a token this desk no longer holds (a sign-in since) changes nothing.
    if (this.closed || this.options.secrets.get(CENTRE_TOKEN) !== token || !this.session()) return;
    this.end(code === 'token_expired' ? 'expired' : 'revoked');
    this.options.events.emit('centre:signedOut', this.status());
  }

  private refusedToken(outcome: Extract<CentreOutcome<unknown>, { kind: 'refused' }>, token: string): void {
    const refusal = tokenRefusalOf(outcome.status, outcome.code);
    if (refusal) this.tokenRefused(refusal, token);
  }

  private client(baseUrl: string, timeoutMs = this.options.timeoutMs ?? 10_000): CentreClient {
    return new CentreClient({
      baseUrl,
      timeoutMs,
      caPem: () => this.options.phone.readCustomCa(),
    });
  }

  private session(): Session | null {
    const parsed = SessionSchema.safeParse(this.table.read(SESSION));
    return parsed.success ? parsed.data : null;
  }

  private rememberedAddress(): string {
    const value = this.table.read(ADDRESS);
    return typeof value === 'string' ? value : '';
  }

  private manualSetup(): boolean {
    const settings = this.options.settings.read().settings;
    if (!settings) return false;
    const provisioned = ProvisionedAccountSchema.safeParse(this.table.read(PROVISIONED));
    return !(provisioned.success && provisioned.data.wsServer === settings.account.wsServer && provisioned.data.sipUri === settings.account.sipUri);
  }

  private provisioningOf(reply: SignInResponse): Provisioning | null {
    const sip = reply.provisioning.sip;
    if (!sip) return null;
    const [primary, ...backups] = sip.servers;
    // The desk's own rules: wss:// (ws:// only to this machine), a SIP URI, a work number, a city.
    if (!primary || sip.servers.some((server) => isCleartextToNetwork(server, 'ws:'))) return null;
    const account = SipAccountSchema.safeParse({ wsServer: primary, sipUri: sip.sipUri, authUser: sip.authUser, displayName: sip.displayName || reply.person.name });
    const city = reply.provisioning.deskPolicy.city;
    // The agent's own English name for the city stays while the centre's city is the one it names.
    const own = this.options.settings.read().settings?.agent;
    const cityEn = own?.cityEn && own.city.trim() === city.trim() ? { cityEn: own.cityEn } : {};
    const agent = AgentProfileSchema.safeParse({ workNumber: reply.person.workNumber, city, ...cityEn });
    if (!account.success || !agent.success) return null;
    const current = this.options.phone.readPreferences() ?? DEFAULT_PHONE_PREFERENCES;
    const autoAnswerSeconds = reply.provisioning.deskPolicy.autoAnswerSeconds;
    const preferences = PhonePreferencesSchema.safeParse({
      ...current,
      backupServers: backups,
      // Null: the centre leaves auto-answer to the desk (e.g. answering when the ACD's INVITE asks).
      autoAnswer: autoAnswerSeconds === null ? current.autoAnswer : { mode: 'after', seconds: autoAnswerSeconds },
    });
    if (!preferences.success) return null;
    const list = reply.provisioning.departments.map((d) => ({ id: d.id, nameZh: d.zh, nameEn: d.en }));
    // An empty list keeps the desk's own (a centre that does not manage departments).
    const departments = list.length === 0 ? null : DepartmentListSchema.safeParse(list);
    if (departments && !departments.success) return null;
    return {
      settings: { account: account.data, agent: agent.data, language: this.options.settings.read().language },
      sipPassword: sip.password,
      preferences: preferences.data,
      departments: departments ? departments.data : null,
      afterCallSeconds: reply.provisioning.deskPolicy.afterCallWorkSeconds,
    };
  }

  private apply(centreUrl: string, reply: SignInResponse, provisioning: Provisioning): void {
    const { db, settings, secrets, phone, departments, sync } = this.options;
    const deskSettings = new AgentDeskSettingsRepo(db);
    db.transaction(() => {
      settings.write(provisioning.settings);
      phone.writePreferences(provisioning.preferences);
      if (provisioning.departments) departments.write(provisioning.departments);
      deskSettings.write({ ...deskSettings.read(), afterCallSeconds: Math.min(provisioning.afterCallSeconds, 3600) });
      this.table.write(PROVISIONED, { wsServer: provisioning.settings.account.wsServer, sipUri: provisioning.settings.account.sipUri });
      this.table.write(SESSION, { centreUrl, person: reply.person, expiresAt: reply.expiresAt, signedInAt: this.now() } satisfies Session);
      this.table.remove(SIGNED_OUT);
      secrets.set(SIP_PASSWORD, provisioning.sipPassword);
      secrets.set(CENTRE_TOKEN, reply.token);
    })();
    // Work orders go to the centre with the signed-in person's token from now on.
    sync.saveService(centreUrl, reply.token);
    if (provisioning.departments) sync.departmentsChanged();
  }

  private end(reason: SignedOutReason): void {
    const { db, secrets, sync } = this.options;
    const session = this.session();
    const servedByCentre = session !== null && sync.serviceUrl() === session.centreUrl;
    db.transaction(() => {
      secrets.remove(CENTRE_TOKEN);
      secrets.remove(SIP_PASSWORD);
      // Unsent work orders wait in the outbox for the next sign-in (not the embedded service).
      if (servedByCentre) secrets.remove(SERVICE_TOKEN);
      this.table.remove(SESSION);
      this.table.write(SIGNED_OUT, reason);
    })();
    if (servedByCentre) sync.reloadService();
  }
}

function refused(failure: SignInFailure, retryAfterMinutes: number | null = null): CentreSignInReply {
  return { outcome: 'refused', failure, retryAfterMinutes };
}
