import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { workOrderSubmitSchema } from '../../src/shared/domain/work-order';
import { HttpError, sendJson } from './http';
import type { RequestRouter } from './request-server';
import type { WorkOrderStore } from './store/store';
import { authenticateBearer } from './people/bearer';
import { peopleRoutes } from './people/routes';
import type { SignInOptions } from './people/sign-in';
import { floorService, type FloorOptions } from './floor/routes';
import { referenceRoutes } from './reference/routes';
import { REFERENCE_DATASETS } from './reference/datasets';
import { monitorRoutes, type MonitorOptions } from './monitor/routes';
import { dispatchRoutes } from './dispatch/routes';
import { reviewRoutes } from './reviews/routes';
import { practiceRoutes } from './practice/routes';
import { recordingRoutes, type RecordingRoutesOptions } from './recordings/recording-routes';
import {
  changeStatus,
  createWorkOrder,
  createWorkOrderBatch,
  getWorkOrder,
  listChanges,
  listWorkOrders,
  updateWorkOrder,
  type WorkOrderHandler,
} from './work-order-handlers';

export interface ServiceRoutesOptions {
  /** The centre's department ids; when given, work orders may only name these. */
  departmentIds?: readonly string[];
  bodyLimit: number;
  batchBodyLimit: number;
  signIn?: Partial<SignInOptions>;
  floor?: Partial<FloorOptions>;
  monitor?: Partial<MonitorOptions>;
  /** Where call recordings are kept; null: no recording routes. */
  recordings: RecordingRoutesOptions | null;
  log?: (line: string) => void;
}

export interface ServiceRoutes extends RequestRouter {
  /** Replaces the department list work orders may name (undefined: any well-formed id), for the next request on. */
  setDepartmentIds(departmentIds: readonly string[] | undefined): void;
  /** Ends the floor: its open event streams would hold the server's close forever. */
  close(): Promise<void>;
}

const UUID_PART = '([^/]+)';
const WORK_ORDER_ROUTES: { path: RegExp; methods: Record<string, WorkOrderHandler> }[] = [
  { path: /^\/v1\/work-orders$/, methods: { POST: createWorkOrder, GET: listWorkOrders } },
  { path: /^\/v1\/work-orders:batch$/, methods: { POST: createWorkOrderBatch } },
  { path: new RegExp(`^/v1/work-orders/${UUID_PART}$`), methods: { GET: getWorkOrder, PUT: updateWorkOrder } },
  { path: new RegExp(`^/v1/work-orders/${UUID_PART}/status$`), methods: { POST: changeStatus } },
  { path: /^\/v1\/changes$/, methods: { GET: listChanges } },
];

/** Which part of the service answers which path, in the order they are tried. */
export function serviceRoutes(store: WorkOrderStore, now: () => number, options: ServiceRoutesOptions): ServiceRoutes {
  // The same body for create and update; the idempotency key and version travel in headers.
  const schemaFor = (departmentIds: readonly string[] | undefined) =>
    z.object({ fields: workOrderSubmitSchema(departmentIds ? [...departmentIds] : undefined) }).strict();
  let requestSchema = schemaFor(options.departmentIds);
  const people = peopleRoutes(store, now, options.signIn);
  const floor = floorService(store, now, options.floor, options.log);
  const reference = referenceRoutes(store, now, REFERENCE_DATASETS);
  const monitor = monitorRoutes(store, now, options.monitor);
  const dispatch = dispatchRoutes(store, now);
  const reviews = reviewRoutes(store, now);
  const practice = practiceRoutes(store, now);
  const recordings = options.recordings ? recordingRoutes(store, now, options.recordings, options.log) : null;

  return {
    async unadmitted(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
      if (url.pathname === '/healthz') {
        if (req.method !== 'GET') throw methodNotAllowed(['GET']);
        await store.ping();
        sendJson(res, 200, { status: 'ok' });
        return true;
      }
      // The floor's event stream stays open: it is bounded by its own limit, not by admission.
      return floor.stream(req, res, url.pathname);
    },

    async admitted(req: IncomingMessage, res: ServerResponse, url: URL, deadline: number): Promise<void> {
      // Sign-in, the signed-in person's view, people and teams (people/routes.ts).
      if (await people(req, res, url.pathname)) return;
      if (await floor.routes(req, res, url.pathname)) return;
      // Centre reference data for desks (reference/routes.ts).
      if (await reference(req, res, url.pathname, url.searchParams)) return;
      // Listen / whisper / barge / take over grants and their log (monitor/routes.ts).
      if (await monitor(req, res, url.pathname, url.searchParams)) return;
      // The dispatch catalogue, suggestions' records, outcomes and accuracy (dispatch/routes.ts).
      if (await dispatch(req, res, url.pathname, url.searchParams)) return;
      // Trainees' practice results and the trainer's overview (practice/routes.ts).
      if (await practice(req, res, url.pathname, url.searchParams)) return;
      // The centre's call list, playback log, shared reviews, scorecard templates (reviews/routes.ts).
      if (await reviews(req, res, url.pathname, url.searchParams)) return;
      // Call recordings: resumable upload, playback by role (recordings/recording-routes.ts).
      if (recordings && (await recordings(req, res, url.pathname, url.searchParams))) return;
      const principal = await authenticateBearer(store, req, now());
      for (const route of WORK_ORDER_ROUTES) {
        const match = route.path.exec(url.pathname);
        if (!match) continue;
        const handler = route.methods[req.method ?? ''];
        if (!handler) throw methodNotAllowed(Object.keys(route.methods));
        await handler(
          { store, principal, deadline, now, bodyLimit: options.bodyLimit, batchBodyLimit: options.batchBodyLimit, createSchema: requestSchema },
          req,
          res,
          match.slice(1).map(decodePart),
          url.searchParams,
        );
        return;
      }
      throw new HttpError(404, 'not-found', 'No such resource.');
    },

    setDepartmentIds(departmentIds) {
      requestSchema = schemaFor(departmentIds);
    },

    close: () => floor.close(),
  };
}

function decodePart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return '';
  }
}

function methodNotAllowed(allowed: string[]): HttpError {
  return new HttpError(405, 'method-not-allowed', `Use ${allowed.join(', ')}.`, {}, { allow: allowed.join(', ') });
}
