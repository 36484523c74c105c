import { fail } from '../../shared/ipc/envelope';
import type { Settings, SettingsView } from '../../shared/domain/settings';
import type { Handlers } from './router';
import { createWorkOrderHandlers, type WorkOrderHandlerDeps } from './work-order-handlers';
import { createGuidanceHandlers, type GuidanceDeps } from './guidance-handlers';
import { createAgentHandlers } from './agent-handlers';
import { createPhoneHandlers } from './phone-handlers';
import { createCentreHandlers } from './centre-handlers';
import type { MonitorHandlers } from '../monitor';
import type { FloorHandlers } from '../floor/floor-handlers';
import type { CentreSession } from '../centre/centre-session';
import type { PhoneSettingsRepo } from '../phone/phone-settings-repo';
import type { AgentDesk } from '../agent-state/agent-desk';
import type { SettingsRepo } from '../store/settings-repo';
import type { CallsRepo } from '../store/calls-repo';
import { LedgerUnknownCall, type CallLedger } from '../calls/call-ledger';
import type { Review } from '../replay/review-handlers';
import type { CentreReviewDesk } from '../replay/centre-review-desk';
import type { SecretStore } from '../secrets/secret-store';
import { createRecordingHandlers, type RecordingStore } from '../recordings';
import { createDispatchHandlers, type DispatchHandlerDeps } from '../dispatch';
import { createKnowledgeHandlers } from './knowledge-handlers';
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import type { PracticeHandlers } from '../practice';

export const SIP_PASSWORD = 'sip-password';

export interface HandlerDeps {
  settings: SettingsRepo;
  secrets: SecretStore;
  calls: CallsRepo;
  /** Main's one call ledger (calls:event, calls:callerContext). */
  ledger: CallLedger;
  guidance: GuidanceDeps;
  agentDesk: AgentDesk;
  /** Phone preferences and the custom CA (issue 3). */
  phone: PhoneSettingsRepo;
  /** Work orders, their outbox and the service (issue 5). */
  workOrders: WorkOrderHandlerDeps;
  /** Sign-in to the centre service (issue 10). */
  centre: CentreSession;
  /** Listen / whisper / barge / take over grants (issue 12). */
  monitor: MonitorHandlers;
  /** Call recordings (issue 13). */
  recordings: RecordingStore;
  /** Dispatch suggestions: the catalogue copy and the desk's choices (issue 15). */
  dispatch: DispatchHandlerDeps;
  /** The knowledge base's desk copy (issue 15). */
  knowledge: KnowledgeBase;
  /** Scorecards, the call list for review, annotations, replay (issues 13 and 14). */
  review: Review['handlers'];
  /** The centre's call list and recordings fetched from it (issue 13): made by createCentreReviewDesk. */
  centreReview: CentreReviewDesk['handlers'];
  /** Called when the renderer has saved everything before a window closes. */
  onFlushed: () => void;
  /** The live floor (issue 12): made by createFloorDesk. */
  floor: FloorHandlers;
  /** Practice results and the trainer's overview (issue 14): made by createPracticeDesk. */
  practice: PracticeHandlers;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const { settings, secrets, calls } = deps;
  const view = (): SettingsView => {
    const stored = settings.read();
    const agent = stored.settings?.agent;
    return {
      ...stored,
      hasPassword: secrets.has(SIP_PASSWORD),
      secretStorage: secrets.storage,
      cityInEnglish: agent ? settings.cityInEnglish(agent) : '',
    };
  };
  const done = { done: true } as const;

  return {
    'settings:get': () => view(),
    'settings:save': ({ password, ...rest }) => {
      const next: Settings = rest;
      if (password === undefined && !secrets.has(SIP_PASSWORD)) {
        return fail('invalid-payload', 'A password is required the first time', [{ path: 'password', message: 'errors.required' }]);
      }
      settings.write(next);
      if (password !== undefined) secrets.set(SIP_PASSWORD, password);
      return view();
    },
    'settings:setLanguage': ({ language }) => {
      settings.writeLanguage(language);
      return view();
    },
    'settings:sipCredentials': () => ({ password: secrets.get(SIP_PASSWORD) }),

    'calls:event': (event) => {
      try {
        return deps.ledger.record(event);
      } catch (error) {
        if (error instanceof LedgerUnknownCall) return fail('not-found', error.message);
        throw error;
      }
    },
    'calls:callerContext': ({ callId, number }) => deps.ledger.callerContext(callId, number),
    'calls:list': ({ limit }) => calls.list(limit),

    'lifecycle:flushed': () => {
      deps.onFlushed();
      return done;
    },

    ...createWorkOrderHandlers(deps.workOrders),
    ...createGuidanceHandlers(deps.guidance),
    ...createAgentHandlers(deps.agentDesk),
    ...createPhoneHandlers(deps.phone),
    ...createCentreHandlers(deps.centre),
    ...deps.monitor,
    ...deps.floor,
    ...createRecordingHandlers(deps.recordings),
    ...createDispatchHandlers(deps.dispatch),
    ...createKnowledgeHandlers(deps.knowledge),
    ...deps.review,
    ...deps.centreReview,
    ...deps.practice,
  };
}
