import { FloorAlertSchema, type FloorAlert } from '../../shared/domain/floor';
import type { AgentDesk } from '../agent-state/agent-desk';
import type { CallLedger } from '../calls/call-ledger';
import { CENTRE_TOKEN, type CentreSession } from '../centre/centre-session';
import type { TokenRefusal } from '../centre/centre-client';
import type { PhoneSettingsRepo } from '../phone/phone-settings-repo';
import type { SecretStore } from '../secrets/secret-store';
import type { CoreEvents } from '../work-orders/sync';
import { FloorDetailPoster } from './floor-detail-poster';
import { FloorReporter, onAgentStateRecorded, type FloorTarget } from './floor-reporter';
import { FloorWatcher } from './floor-watcher';
import { FloorPushBatcher } from './push-batcher';
import { createFloorHandlers, type FloorHandlers } from './floor-handlers';

/** An OS notification (Electron's Notification in the app; a recorder in tests). */
export interface FloorNotice {
  title: string;
  body: string;
  /** The alert it is about: a click brings the window to the front and opens the floor. */
  alertId: string;
}

/** Test and deployment knobs of the floor (the desk's keep-alive, the lead's session check). */
export interface FloorDeskTuning {
  heartbeatMs?: number;
  signedOutCheckMs?: number;
  detailThrottleMs?: number;
  /** Called for every alert that newly needs a lead (raised, or escalated) on a lead's desk. */
  notify?: (notice: FloorNotice) => void;
}

export interface FloorDeskDeps {
  centre: CentreSession;
  secrets: SecretStore;
  phone: PhoneSettingsRepo;
  agentDesk: AgentDesk;
  ledger: CallLedger;
  events: CoreEvents;
  tuning?: FloorDeskTuning;
  onTokenRefused: (code: TokenRefusal, token: string) => void;
  onError?: (error: unknown) => void;
}

export interface FloorDesk {
  handlers: FloorHandlers;
  start(): void;
  close(): void;
}

/**
 * Everything of the live floor on one desk: the agent's reports (state, the
 * call's guidance, the draft glimpse), and for a lead the floor itself,
 * forwarded to the renderer, with alerts raised as OS notifications.
 */
export function createFloorDesk(deps: FloorDeskDeps): FloorDesk {
  const { centre, secrets, phone, agentDesk, ledger, events, tuning = {} } = deps;
  const signedIn = (): (FloorTarget & { roles: readonly string[] }) | null => {
    const status = centre.status();
    const token = status.state === 'signed-in' ? secrets.get(CENTRE_TOKEN) : null;
    return status.state === 'signed-in' && token ? { centreUrl: status.centreUrl, token, roles: status.person.roles } : null;
  };
  const target = (): FloorTarget | null => {
    const who = signedIn();
    return who ? { centreUrl: who.centreUrl, token: who.token } : null;
  };
  const caPem = () => phone.readCustomCa();
  const lastState = agentDesk.log.list(1)[0];
  const reporter = new FloorReporter({
    target,
    caPem,
    initial: lastState ? { status: lastState.status, since: lastState.at, breakReason: lastState.reason } : null,
    onTokenRefused: deps.onTokenRefused,
    ...(deps.onError ? { onError: deps.onError } : {}),
    ...(tuning.heartbeatMs ? { heartbeatMs: tuning.heartbeatMs } : {}),
    ...(tuning.signedOutCheckMs ? { signedOutCheckMs: tuning.signedOutCheckMs } : {}),
    overrunLimits: () => {
      const settings = agentDesk.view().settings;
      return { afterCallMs: (settings.afterCallSeconds + settings.extendSeconds) * 1000, breakMs: 15 * 60_000, callMs: 15 * 60_000 };
    },
  });
  onAgentStateRecorded(agentDesk, (change) => reporter.agentChanged(change));
  ledger.onEvent((event) => reporter.callEvent(event));
  const poster = new FloorDetailPoster({
    target,
    caPem,
    ...(tuning.detailThrottleMs ? { throttleMs: tuning.detailThrottleMs } : {}),
    ...(deps.onError ? { onError: deps.onError } : {}),
  });
  const pushes = new FloorPushBatcher((update) => events.emit('floor:push', update));
  const watcher = new FloorWatcher({
    target: () => {
      const who = signedIn();
      return who && (who.roles.includes('lead') || who.roles.includes('admin')) ? { centreUrl: who.centreUrl, token: who.token } : null;
    },
    caPem,
    push: (update) => pushes.push(update),
    onAlert: (alert, previous) => {
      const notice = noticeFor(alert, previous);
      if (notice) tuning.notify?.(notice);
    },
    onTokenRefused: deps.onTokenRefused,
    ...(deps.onError ? { onError: deps.onError } : {}),
    ...(tuning.signedOutCheckMs ? { checkEveryMs: tuning.signedOutCheckMs } : {}),
  });
  const handlers = createFloorHandlers({
    target,
    caPem,
    snapshot: () => watcher.snapshot(),
    deskDetail: (detail) => {
      reporter.deskDetailChanged(detail);
      poster.changed(detail);
    },
    alertTaken: (alert) => watcher.alertChanged(alert),
  });
  return {
    handlers,
    start: () => {
      reporter.start();
      watcher.start();
    },
    close: () => {
      reporter.close();
      poster.close();
      watcher.close();
      pushes.close();
    },
  };
}

/** A new alert nobody took, or one that just escalated: say so on the OS. Acknowledgements are not notified. */
function noticeFor(alert: FloorAlert, previous: FloorAlert | null): FloorNotice | null {
  if (alert.acknowledgedAt !== null) return null;
  const escalated = alert.escalatedAt !== null;
  if (previous && !(escalated && previous.escalatedAt === null)) return null;
  const who = `${alert.agent.workNumber} ${alert.agent.name}`;
  const title = escalated ? `紧急上报无人响应，已升级 Emergency escalated: ${who}` : `紧急上报 Emergency: ${who}`;
  const typed = alert.draft.summary || alert.draft.description.slice(0, 80);
  const body = [`来电 Caller ${alert.callerNumber ?? '-'}`, typed].filter(Boolean).join(' · ');
  return { title, body, alertId: FloorAlertSchema.shape.id.parse(alert.id) };
}
