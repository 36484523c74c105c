import type Database from 'better-sqlite3';
import { dirname, join } from 'node:path';
import { openDatabase } from './store/database';
import { SettingsRepo } from './store/settings-repo';
import { CallsRepo } from './store/calls-repo';
import { CallLedger } from './calls/call-ledger';
import { trackLiveCalls } from './calls/live-calls';
import { PhoneSettingsRepo } from './phone/phone-settings-repo';
import { SecretStore } from './secrets/secret-store';
import type { SecretCipher } from './secrets/secret-cipher';
import { createHandlers } from './ipc/handlers';
import { createIpcRouter, type IpcRouter } from './ipc/router';
import { createSenderPolicy } from './ipc/sender-policy';
import { WorkOrdersRepo } from './work-orders/repo';
import { DepartmentsRepo } from './work-orders/departments';
import { CoreEvents, WorkOrderSync, type WorkOrderSyncOptions } from './work-orders/sync';
import { PackFolder } from './guidance/pack-folder';
import { createAgentDesk, type AgentDeskHooks } from './agent-state/agent-desk';
import type { PackState } from '../shared/ipc/contract-guidance';
import { CENTRE_TOKEN, CentreSession } from './centre/centre-session';
import { monitorHandlersFor } from './monitor';
import { createFloorDesk, type FloorDeskTuning } from './floor/floor-desk';
import { ReferenceDataSync } from './reference-data/reference-sync';
import { createDispatchDesk } from './dispatch';
import { KnowledgeBase } from './knowledge/knowledge-base';
import { RecordingStore, RecordingUploader, startRecordingUpkeep } from './recordings';
import { createReview } from './replay/review-handlers';
import { RecordedAudioSource } from './replay/recorded-audio';
import { FolderAudioSource } from './replay/replay-audio';
import type { ReplayStreams } from './replay/replay-stream';
import { deskAgent } from './replay/desk-agent';
import { createCentreReviewDesk } from './replay/centre-review-desk';
import { createPracticeDesk } from './practice';

export interface AppCoreOptions {
  databasePath: string;
  cipher: SecretCipher;
  /** Origins whose main frames may call IPC (the app's own pages). */
  trustedOrigins: readonly string[];
  onFlushed?: () => void;
  onError?: (channel: string, error: unknown) => void;
  /** Script packs trainers edit (watched); without it only the built-in pack is used. */
  packsDir?: string;
  /** A pack file changed: push the new state to the renderer. */
  onPackChanged?: (state: PackState) => void;
  /** Global shortcuts and window focus (Electron only). */
  agentDesk?: AgentDeskHooks;
  /**
   * Work-order sync (issue 5). By default the embedded service's SQLite file is
   * `workorder-service.sqlite` next to the database; null never starts it.
   */
  workOrders?: Partial<Pick<WorkOrderSyncOptions, 'embeddedDatabasePath' | 'outbox' | 'requestTimeoutMs' | 'historyTimeoutMs'>>;
  /** The live floor's keep-alive and the lead's OS notifications (issue 12). */
  floor?: FloorDeskTuning;
}

export interface AppCore {
  db: Database.Database;
  router: IpcRouter;
  /** Main → renderer events (`sync:changed`, `workOrders:changed`); the Electron entry forwards them to the window. */
  events: CoreEvents;
  workOrders: WorkOrderSync;
  /** Phone preferences and the custom CA for `wss://` (the Electron entry checks server certificates with it). */
  phoneSettings: PhoneSettingsRepo;
  /** Sign-in to the centre service (issue 10). */
  centre: CentreSession;
  /** Call recordings (issue 13): list a call's recordings, decrypt one. */
  recordings: RecordingStore;
  /** The replay's audio for the app's scheme (`recordings/<callId>?t=<grant>`, with Range requests): the Electron entry and the lab serve it. */
  replayAudio: ReplayStreams;
  /** A call is ringing or up on the desk (the call ledger's view): main's background work waits for a gap between calls. */
  callInProgress(): boolean;
  /** Closes the database at once (synchronously); the promise settles when the embedded service has stopped too. */
  close(): Promise<void>;
}

/**
 * Everything main does, without Electron: the Electron entry and the
 * end-to-end harness both build exactly this and differ only in transport.
 */
export function createAppCore(options: AppCoreOptions): AppCore {
  const db = openDatabase(options.databasePath);
  const packs = new PackFolder({ dir: options.packsDir ?? null, onChange: (state) => options.onPackChanged?.(state) });
  packs.start();
  const settings = new SettingsRepo(db);
  const secrets = new SecretStore(db, options.cipher);
  const events = new CoreEvents();
  const clock = options.workOrders?.outbox?.clock;
  const workOrders = new WorkOrdersRepo(db, clock ? () => clock.now() : Date.now);
  // No window holds a draft yet: call drafts nobody touched, left from before, go now.
  workOrders.discardAllUntouched();
  const departments = new DepartmentsRepo(db);
  const sync = new WorkOrderSync({
    db,
    repo: workOrders,
    settings,
    secrets,
    departments,
    events,
    embeddedDatabasePath: join(dirname(options.databasePath), 'workorder-service.sqlite'),
    ...options.workOrders,
    ...(options.onError ? { onError: (error: unknown) => options.onError?.('work-order-sync', error) } : {}),
    // The centre refused the token: the desk signs out (after the outbox has handled the answer, not inside it).
    onTokenRefused: (code, token) => setImmediate(() => centre.tokenRefused(code, token)),
  });
  const phoneSettings = new PhoneSettingsRepo(db);
  const centre = new CentreSession({
    db,
    settings,
    secrets,
    phone: phoneSettings,
    departments,
    sync,
    events,
    ...(options.onError ? { onError: (error: unknown) => options.onError?.('centre', error) } : {}),
  });
  const calls = new CallsRepo(db);
  const ledger = new CallLedger({ calls, workOrders, workOrderHistory: (phone) => sync.history(phone) });
  const liveCalls = trackLiveCalls((listener) => ledger.onEvent(listener));
  const agentDesk = createAgentDesk(db, options.agentDesk);
  // The live floor (issue 12): the desk's state goes to the signed-in centre on every change; a lead's desk follows the floor.
  const floor = createFloorDesk({
    centre,
    secrets,
    phone: phoneSettings,
    agentDesk,
    ledger,
    events,
    ...(options.floor ? { tuning: options.floor } : {}),
    onTokenRefused: (code, token) => setImmediate(() => centre.tokenRefused(code, token)),
    ...(options.onError ? { onError: (error: unknown) => options.onError?.('floor', error) } : {}),
  });
  // Centre reference data (knowledge base, dispatch catalogue): copied to this desk, read offline. Register datasets before start().
  const referenceSync = new ReferenceDataSync({
    db,
    target: () => {
      const status = centre.status();
      const token = status.state === 'signed-in' ? secrets.get(CENTRE_TOKEN) : null;
      return status.state === 'signed-in' && token ? { centreUrl: status.centreUrl, token } : null;
    },
    caPem: () => phoneSettings.readCustomCa(),
    onTokenRefused: (code, token) => setImmediate(() => centre.tokenRefused(code, token)),
    ...(options.onError ? { onError: (error: unknown) => options.onError?.('reference-data', error) } : {}),
  });
  // The knowledge base (issue 15): the centre's articles as reference data, indexed as they arrive, searched offline.
  const knowledge = new KnowledgeBase(db, referenceSync);
  knowledge.ensureIndexed();
  // Dispatch suggestions (issue 15): the catalogue arrives as reference data and, once here, is the department list.
  const dispatch = createDispatchDesk({
    db,
    referenceSync,
    departments,
    onDepartmentsChanged: () => sync.departmentsChanged(),
    events,
    target: () => {
      const status = centre.status();
      const token = status.state === 'signed-in' ? secrets.get(CENTRE_TOKEN) : null;
      return status.state === 'signed-in' && token ? { centreUrl: status.centreUrl, token } : null;
    },
    caPem: () => phoneSettings.readCustomCa(),
    onTokenRefused: (code, token) => setImmediate(() => centre.tokenRefused(code, token)),
    ...(options.onError ? { onError: (error: unknown) => options.onError?.('dispatch', error) } : {}),
  });
  // Recordings left unfinished by a crash are repaired, and old ones deleted, before any window records.
  const recordings = new RecordingStore({
    db,
    cipher: options.cipher,
    dir: join(dirname(options.databasePath), 'recordings'),
    onFinished: () => recordingUploads.kick(),
    ...(options.onError ? { onError: (error: unknown) => options.onError?.('recordings', error) } : {}),
  });
  // Each finished recording goes to the signed-in centre once (resumable, like the work-order outbox).
  const recordingUploads = new RecordingUploader({
    db,
    store: recordings,
    target: () => {
      const status = centre.status();
      const token = status.state === 'signed-in' ? secrets.get(CENTRE_TOKEN) : null;
      return status.state === 'signed-in' && token ? { centreUrl: status.centreUrl, token } : null;
    },
    caPem: () => phoneSettings.readCustomCa(),
    ...(options.onError ? { onError: (error: unknown) => options.onError?.('recording-upload', error) } : {}),
  });
  const stopRecordingUpkeep = startRecordingUpkeep(recordings, (error) => options.onError?.('recordings', error), () => recordingUploads.kick());
  // Case review (issues 13, 14): scorecards, the trainer's call list, annotations; replay audio from the recordings
  // (generated test calls from replay-audio/ where a call has none). A call joins the list when it ends.
  const dataDir = dirname(options.databasePath);
  const review = createReview({
    db,
    calls,
    agent: () => deskAgent(centre, settings),
    audio: new RecordedAudioSource(recordings, join(dataDir, 'replay-peaks'), new FolderAudioSource(join(dataDir, 'replay-audio'))),
  });
  ledger.onEvent((event) => {
    if (event.type === 'ended') review.index.index(event.id);
  });
  // The centre's call list (issue 13): each ended call reported to the signed-in centre (after the list above indexed it);
  // trainers search the centre's calls and fetch recordings that are not on this desk.
  const centreReview = createCentreReviewDesk({
    db,
    // Review bundles (案例复盘): exported masked, imported read-only; imported audio sealed under the desk key.
    bundles: {
      calls,
      audio: new RecordedAudioSource(recordings, join(dataDir, 'replay-peaks'), new FolderAudioSource(join(dataDir, 'replay-audio'))),
      cipher: options.cipher,
      agent: () => deskAgent(centre, settings),
    },
    target: () => {
      const status = centre.status();
      const token = status.state === 'signed-in' ? secrets.get(CENTRE_TOKEN) : null;
      return status.state === 'signed-in' && token ? { centreUrl: status.centreUrl, token, agent: status.person.workNumber } : null;
    },
    caPem: () => phoneSettings.readCustomCa(),
    onTokenRefused: (code, token) => setImmediate(() => centre.tokenRefused(code, token)),
    ...(options.onError ? { onError: (error: unknown) => options.onError?.('centre-review', error) } : {}),
  });
  ledger.onEvent((event) => {
    if (event.type === 'ended') centreReview.reporter.enqueue(event.id, deskAgent(centre, settings));
  });
  // Practice results (issue 14): each finished practice call scored, kept, and sent to the signed-in centre once.
  const practice = createPracticeDesk({
    db,
    calls,
    agent: () => deskAgent(centre, settings),
    target: () => {
      const status = centre.status();
      const token = status.state === 'signed-in' ? secrets.get(CENTRE_TOKEN) : null;
      return status.state === 'signed-in' && token ? { centreUrl: status.centreUrl, token, agent: status.person.workNumber } : null;
    },
    caPem: () => phoneSettings.readCustomCa(),
    onTokenRefused: (code, token) => setImmediate(() => centre.tokenRefused(code, token)),
    ...(options.onError ? { onError: (error: unknown) => options.onError?.('practice', error) } : {}),
  });
  const handlers = createHandlers({
    settings,
    secrets,
    calls,
    ledger,
    guidance: { db, packs },
    agentDesk,
    phone: phoneSettings,
    workOrders: { workOrders, departments, sync },
    centre,
    monitor: monitorHandlersFor(centre, secrets, phoneSettings),
    recordings,
    dispatch: dispatch.handlers,
    knowledge,
    review: centreReview.wrapScoring(review.handlers),
    centreReview: centreReview.handlers,
    floor: floor.handlers,
    practice: practice.handlers,
    onFlushed: () => options.onFlushed?.(),
  });
  const router = createIpcRouter(handlers, {
    isTrustedSender: createSenderPolicy(options.trustedOrigins),
    ...(options.onError ? { onError: options.onError } : {}),
  });
  sync.start();
  void centre.checkAtStart().catch((error: unknown) => options.onError?.('centre', error));
  floor.start();
  referenceSync.start();
  dispatch.start();
  centreReview.start();
  practice.start();
  return {
    db,
    router,
    events,
    workOrders: sync,
    phoneSettings,
    centre,
    recordings,
    replayAudio: review.streams,
    callInProgress: liveCalls.busy,
    close: () => {
      liveCalls.stop();
      stopRecordingUpkeep();
      centreReview.close();
      recordingUploads.close();
      void recordings.close();
      centre.close();
      floor.close();
      referenceSync.close();
      dispatch.close();
      practice.close();
      // The outbox stops before the database closes; the embedded service closes after.
      const stopped = sync.close();
      packs.close();
      db.close();
      return stopped;
    },
  };
}
