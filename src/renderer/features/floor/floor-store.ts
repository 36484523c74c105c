import { create } from 'zustand';
import type { FloorAgent, FloorAlert, FloorDetail } from '../../../shared/domain/floor';
import type { FloorFlag, FloorScreenCount } from '../../../shared/domain/floor-view';
import type { PbxPresence } from '../../../shared/domain/floor-presence';
import type { FloorConnection, FloorPush, FloorSnapshot } from '../../../shared/ipc/contract-floor';
import { bridge } from '../../ipc/bridge';
import { unwrap } from '../../ipc/ipc-call-error';

/** How often the open drawer reads the agent's draft (the agent's desk posts it at most every 2 s). */
export const DETAIL_POLL_MS = 1_000;

export interface FloorFilters {
  team: string | null;
  state: FloorScreenCount | null;
  flag: FloorFlag | null;
}

interface FloorState {
  /** Which screen a lead who also takes calls sees. */
  screen: 'desk' | 'floor';
  connection: FloorConnection;
  teams: string[];
  agents: Map<string, FloorAgent>;
  alerts: Map<string, FloorAlert>;
  clockOffsetMs: number;
  /** Bumped on every change, so derived lists recompute once per change. */
  revision: number;
  filters: FloorFilters;
  /** The agent whose drawer is open. */
  openAgent: string | null;
  detail: FloorDetail | null;
  detailFailed: boolean;
  /** Alerts this desk is acknowledging now, and ones that failed. */
  acking: Set<string>;
  ackFailed: Set<string>;
  /** Alerts the lead put away (they stay on the floor's rows). */
  hidden: Set<string>;
  /** The signed-in person's work number (to say "you took it"). */
  me: string | null;
  /** The centre's PBX offers dialog-info presence (the floor view says so). */
  pbxPresence: 'off' | 'dialog-info';
  /** What the PBX reports of each watched agent (features/floor/presence), by person id. */
  pbx: Map<string, PbxPresence>;
}

const OFF: FloorConnection = { state: 'off', since: 0 };

export const useFloorStore = create<FloorState>()(() => ({
  screen: 'desk',
  connection: OFF,
  teams: [],
  agents: new Map(),
  alerts: new Map(),
  clockOffsetMs: 0,
  revision: 0,
  filters: { team: null, state: null, flag: null },
  openAgent: null,
  detail: null,
  detailFailed: false,
  acking: new Set(),
  ackFailed: new Set(),
  hidden: new Set(),
  me: null,
  pbxPresence: 'off',
  pbx: new Map(),
}));

const set = useFloorStore.setState;
const get = useFloorStore.getState;
let detailTimer: ReturnType<typeof setTimeout> | null = null;
let unsubscribe: (() => void) | null = null;
/**
 * Agents' rows not yet applied, the newest per agent: at 1,000 agents a busy floor sends hundreds a second, and a
 * hidden window gets no frames, so what waits is bounded by the floor's size, not by time.
 */
let pendingStates = new Map<string, FloorAgent>();
let flushScheduled = false;
/** The longest rows wait when no frame comes (a hidden window); well under the time display's 1 s tick. */
export const STATE_BATCH_MS = 50;

/**
 * Rows arriving before the next frame are applied together at it: main already sends them in 50 ms windows, so
 * waiting another window here only added up to 50 ms to every change a lead sees.
 */
function scheduleFlush(): void {
  if (flushScheduled) return;
  flushScheduled = true;
  const timer = setTimeout(flushStates, STATE_BATCH_MS);
  if (typeof requestAnimationFrame === 'function') {
    requestAnimationFrame(() => {
      clearTimeout(timer);
      flushStates();
    });
  }
}

function flushStates(): void {
  flushScheduled = false;
  if (pendingStates.size === 0) return;
  const batch = pendingStates;
  pendingStates = new Map();
  set((state) => {
    const agents = new Map(state.agents);
    for (const agent of batch.values()) agents.set(agent.personId, agent);
    return { agents, revision: state.revision + 1 };
  });
}

function takeSnapshot(snapshot: FloorSnapshot): void {
  // Main's snapshot holds every row it pushed before it: the rows still waiting are not newer.
  pendingStates = new Map();
  const view = snapshot.view;
  set((state) => ({
    connection: snapshot.connection,
    clockOffsetMs: snapshot.clockOffsetMs,
    teams: view?.teams ?? [],
    agents: new Map((view?.agents ?? []).map((agent) => [agent.personId, agent])),
    alerts: new Map((view?.alerts ?? []).map((alert) => [alert.id, alert])),
    pbxPresence: view?.pbxPresence ?? 'off',
    revision: state.revision + 1,
  }));
}

/** The PBX's latest word on one agent (null: no longer watched). */
export function setPbxPresence(personId: string, presence: PbxPresence | null): void {
  set((state) => {
    const pbx = new Map(state.pbx);
    if (presence) pbx.set(personId, presence);
    else pbx.delete(personId);
    return { pbx, revision: state.revision + 1 };
  });
}

/** Applies one push from main. */
export function applyFloorPush(push: FloorPush): void {
  switch (push.kind) {
    case 'snapshot':
      takeSnapshot(push.snapshot);
      return;
    case 'connection':
      set({ connection: push.connection });
      return;
    case 'state':
      pendingStates.set(push.agent.personId, push.agent);
      scheduleFlush();
      return;
    case 'states':
      for (const agent of push.agents) pendingStates.set(agent.personId, agent);
      scheduleFlush();
      return;
    case 'alert':
      set((state) => {
        const alerts = new Map(state.alerts);
        alerts.set(push.alert.id, push.alert);
        return { alerts, revision: state.revision + 1 };
      });
      return;
  }
}

/** Starts following the floor (main pushes; the first snapshot is read). Idempotent. */
export async function startFloor(me: string | null): Promise<void> {
  set({ me });
  unsubscribe ??= bridge().on('floor:push', applyFloorPush);
  try {
    takeSnapshot(await unwrap(bridge().floor.snapshot({})));
  } catch {
    // Main pushes the next snapshot when it connects.
  }
}

export function stopFloor(): void {
  unsubscribe?.();
  unsubscribe = null;
  closeAgent();
  set({ screen: 'desk', connection: OFF, agents: new Map(), alerts: new Map(), teams: [], pbxPresence: 'off', pbx: new Map() });
}

export function showScreen(screen: 'desk' | 'floor'): void {
  set({ screen });
}

export function toggleScreen(): void {
  if (get().connection.state === 'off' && get().screen === 'desk') return;
  set((state) => ({ screen: state.screen === 'desk' ? 'floor' : 'desk' }));
}

export function setFilter<K extends keyof FloorFilters>(key: K, value: FloorFilters[K]): void {
  set((state) => ({ filters: { ...state.filters, [key]: value } }));
}

export function openAgentDrawer(personId: string): void {
  closeAgent();
  set({ openAgent: personId, detail: null, detailFailed: false });
  const poll = async () => {
    if (get().openAgent !== personId) return;
    try {
      const { detail } = await unwrap(bridge().floor.agentDetail({ personId }));
      if (get().openAgent === personId) set({ detail, detailFailed: false });
    } catch {
      if (get().openAgent === personId) set({ detailFailed: true });
    }
    if (get().openAgent === personId) detailTimer = setTimeout(() => void poll(), DETAIL_POLL_MS);
  };
  void poll();
}

export function closeAgent(): void {
  if (detailTimer) clearTimeout(detailTimer);
  detailTimer = null;
  set({ openAgent: null, detail: null, detailFailed: false });
}

export async function acknowledgeAlert(id: string): Promise<void> {
  if (get().acking.has(id)) return;
  set((state) => ({ acking: new Set(state.acking).add(id), ackFailed: without(state.ackFailed, id) }));
  try {
    const { alert } = await unwrap(bridge().floor.ackAlert({ id }));
    applyFloorPush({ kind: 'alert', alert });
  } catch {
    set((state) => ({ ackFailed: new Set(state.ackFailed).add(id) }));
  } finally {
    set((state) => ({ acking: without(state.acking, id) }));
  }
}

export function hideAlert(id: string): void {
  set((state) => ({ hidden: new Set(state.hidden).add(id) }));
}

function without(set_: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(set_);
  next.delete(id);
  return next;
}
