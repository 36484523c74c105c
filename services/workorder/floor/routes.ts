import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  FLOOR_EVENTS_PATH,
  FLOOR_PATH,
  FLOOR_STATE_PATH,
  FloorStateReportSchema,
  type FloorAgent,
  type FloorView,
} from '../../../src/shared/domain/floor';
import { HttpError, sendJson } from '../http';
import type { WorkOrderStore } from '../store/store';
import { requireRole, visibleTeams } from '../people/access';
import { readBody, signedIn, type PeopleContext, type SignedIn } from '../people/context';
import { DEFAULT_SIGN_IN_OPTIONS } from '../people/sign-in';
import { FloorHub, writeEvent, type FloorStream } from './stream';
import { floorCounts, maskPhone, sortForAction } from './view';
import { alertService, type AlertOptions } from './alert-routes';

export interface FloorOptions {
  /** Open event streams per instance; one more gets 503 floor-streams-full. */
  maxStreams: number;
  /** A comment line this often keeps proxies and the desk's keep-alive check satisfied. */
  heartbeatMs: number;
  /** Events older than this are deleted; a Last-Event-ID older than what is kept gets a `reset` event. */
  retentionMs: number;
  pruneEveryMs: number;
  /** Rows deleted per prune run (bounds the time one run holds the database). */
  maxRowsPerPrune: number;
  /** Emergencies: the default escalation bound and the sweep (alert-routes.ts). */
  alerts?: Partial<AlertOptions>;
}

export const DEFAULT_FLOOR_OPTIONS: FloorOptions = {
  maxStreams: 500,
  heartbeatMs: 15_000,
  retentionMs: 24 * 60 * 60_000,
  pruneEveryMs: 10 * 60_000,
  maxRowsPerPrune: 50_000,
};

/** Events read per query when a stream replays its backlog. */
const REPLAY_PAGE = 500;
/** How often a reconnecting desk should wait before trying again (the SSE `retry:` field). */
const RETRY_MS = 2_000;

export interface FloorService {
  /** `GET /v1/floor/events`: long-lived, so the service dispatches it before admission. */
  stream(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean>;
  /** `POST /v1/floor/state`, `GET /v1/floor`. */
  routes(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean>;
  openStreams(): number;
  close(): Promise<void>;
}

/** The floor's routes (see README "Live floor"). False: the path is not one of them. */
export function floorService(
  store: WorkOrderStore,
  now: () => number,
  options: Partial<FloorOptions> = {},
  log: (line: string) => void = () => undefined,
): FloorService {
  const config = { ...DEFAULT_FLOOR_OPTIONS, ...options };
  const ctx: PeopleContext = { store, now, options: DEFAULT_SIGN_IN_OPTIONS };
  const hub = new FloorHub(store.floor, log);
  const alerts = alertService(store, now, config.alerts ?? {}, log);
  let pruning: Promise<void> | null = null;
  const pruneTimer = setInterval(() => {
    pruning ??= store.floor
      .prune(now() - config.retentionMs, config.maxRowsPerPrune)
      .then((removed) => {
        if (removed > 0) log(`floor retention: ${removed} events deleted`);
      })
      .catch((error: unknown) => log(`floor retention failed: ${(error as Error)?.message ?? error}`))
      .finally(() => {
        pruning = null;
      });
  }, config.pruneEveryMs);
  pruneTimer.unref();

  const allowed = (pathname: string, req: IncomingMessage, methods: string[]) => {
    if (!methods.includes(req.method ?? '')) {
      throw new HttpError(405, 'method-not-allowed', `Use ${methods.join(', ')}.`, {}, { allow: methods.join(', ') });
    }
    return pathname;
  };

  /** A lead's (or admin's) teams; an agent token gets 403. */
  async function leadTeams(req: IncomingMessage): Promise<{ who: SignedIn; teams: string[]; all: string[] }> {
    const who = await signedIn(ctx, req);
    requireRole(who.access, 'lead', 'admin');
    const all = (await store.people.listTeams()).map((team) => team.id);
    return { who, teams: visibleTeams(who.access, all), all };
  }

  async function postState(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { person, access } = await signedIn(ctx, req);
    if (!person) throw new HttpError(403, 'forbidden', 'The floor is reported by a signed-in person, not by a desk token.');
    requireRole(access, 'agent');
    const state = await readBody(req, FloorStateReportSchema);
    const masked = { ...state, callerNumber: maskPhone(state.callerNumber) };
    const at = now();
    const agent: FloorAgent = {
      ...masked,
      personId: person.personId,
      workNumber: person.workNumber,
      name: person.name,
      teamId: person.teamId,
      reportedAt: at,
      sipUri: person.sip?.uri ?? null,
    };
    const event = await store.floor.report(agent, masked, at);
    sendJson(res, 200, { eventId: String(event.id), agent });
  }

  async function getFloor(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { who, teams, all } = await leadTeams(req);
    // Read before the states: an event after it is either in them or replayed by the stream (each carries the whole row).
    const lastEventId = await store.floor.headEventId();
    const people = (await Promise.all(teams.map((team) => store.people.listPeople(team)))).flat();
    const states = new Map((await store.floor.listStates(teams)).map((row) => [row.personId, row]));
    const agents: FloorAgent[] = people
      .filter((person) => person.roles.includes('agent') && person.disabledAt === null)
      .map((person) => {
        const row = states.get(person.personId);
        const who = { personId: person.personId, workNumber: person.workNumber, name: person.name, teamId: person.teamId, sipUri: person.sip?.uri ?? null };
        if (!row) return { ...NEVER_REPORTED, ...who, since: 0, reportedAt: null };
        // States stored by an older desk lack the newer fields.
        return { ...LATER_FIELDS, ...row.state, ...who, reportedAt: row.reportedAt };
      });
    const at = now();
    const view: FloorView = {
      teams,
      counts: floorCounts(agents),
      agents: sortForAction(agents, at),
      lastEventId: String(lastEventId),
      serverTime: at,
      alerts: await alerts.alertsFor(who, all),
      pbxPresence: (await store.people.getCentreSettings())?.pbxPresence ?? 'off',
    };
    sendJson(res, 200, view);
  }

  async function openStream(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
    // Checked first: a full instance answers without touching the database.
    if (hub.streams.size >= config.maxStreams) {
      throw new HttpError(503, 'floor-streams-full', `This instance already serves ${config.maxStreams} floor streams; retry (another instance may have room).`, {}, {
        'retry-after': '5',
      });
    }
    const { who, teams } = await leadTeams(req);
    const dutyManager = await alerts.isDutyManager(who);
    const raw = (req.headers['last-event-id'] as string | undefined) ?? query.get('lastEventId') ?? undefined;
    if (raw !== undefined && !/^(0|[1-9]\d{0,14})$/.test(raw.trim())) {
      throw new HttpError(400, 'invalid-last-event-id', 'Last-Event-ID must be an event id from this stream.');
    }
    await hub.ensureListening();
    if (hub.streams.size >= config.maxStreams) throw new HttpError(503, 'floor-streams-full', 'The floor streams are full; retry.', {}, { 'retry-after': '5' });
    const stream: FloorStream = { teams: new Set(teams), dutyManager, lastSent: 0, pending: [], res };
    // Registered before the backlog is read, so an event appended meanwhile waits in `pending`.
    hub.streams.add(stream);
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), config.heartbeatMs);
    const done = () => {
      clearInterval(heartbeat);
      hub.streams.delete(stream);
    };
    res.on('close', done);
    try {
      let from: number;
      let reset = false;
      if (raw === undefined) from = await store.floor.headEventId();
      else {
        from = Number(raw.trim());
        reset = from < (await store.floor.prunedThrough());
        if (reset) from = await store.floor.headEventId();
      }
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      });
      res.write(`retry: ${RETRY_MS}\n: floor of ${teams.join(',')}\n\n`);
      stream.lastSent = from;
      if (reset) {
        // Retention deleted events after this id: the desk must read GET /v1/floor again.
        res.write(`id: ${from}\nevent: reset\ndata: ${JSON.stringify({ reason: 'retention', lastEventId: String(from) })}\n\n`);
      }
      // The backlog, page by page (bounded: retention bounds the table).
      for (let page = 0; page < 10_000 && !res.destroyed; page += 1) {
        const events = await store.floor.eventsAfter(stream.lastSent, teams, REPLAY_PAGE);
        for (const event of events) writeEvent(stream, event);
        if (events.length < REPLAY_PAGE) break;
      }
      const pending = stream.pending ?? [];
      stream.pending = null;
      for (const event of pending) writeEvent(stream, event);
    } catch (error) {
      done();
      throw error;
    }
  }

  return {
    async stream(req, res, pathname) {
      if (pathname !== FLOOR_EVENTS_PATH) return false;
      allowed(pathname, req, ['GET']);
      await openStream(req, res, new URL(req.url ?? '/', 'http://service.invalid').searchParams);
      return true;
    },
    async routes(req, res, pathname) {
      if (pathname === FLOOR_STATE_PATH) {
        allowed(pathname, req, ['POST']);
        await postState(req, res);
        return true;
      }
      if (pathname === FLOOR_PATH) {
        allowed(pathname, req, ['GET']);
        await getFloor(req, res);
        return true;
      }
      return alerts.routes(req, res, pathname);
    },
    openStreams: () => hub.streams.size,
    async close() {
      clearInterval(pruneTimer);
      await pruning;
      await alerts.close();
      await hub.close();
    },
  };
}

/** Fields the report gained after the first desks shipped, as an older desk means them. */
const LATER_FIELDS = { promptsHandled: [], voice: null, recoveryBreak: false, keepAliveMs: 30_000, callId: null } as const satisfies Partial<FloorAgent>;

/** A person whose desk never reported: offline, no call. */
const NEVER_REPORTED = {
  ...LATER_FIELDS,
  agentState: 'offline',
  breakReason: null,
  callPhase: 'idle',
  callStartedAt: null,
  callerNumber: null,
  scriptStep: null,
  prompts: [],
  overruns: [],
} as const satisfies Partial<FloorAgent>;
