import { create } from 'zustand';
import type { CentreCallSearch, CentreUnavailable } from '../../../shared/ipc/contract-centre-review';
import type { CentreCallPage } from '../../../shared/review/centre-review';
import { bridge } from '../../ipc/bridge';
import { errorKeyOf, unwrap } from '../../ipc/ipc-call-error';

/** Why the centre's list or a recording is not shown: an i18n key of the replay namespace and its values. */
export interface CentreProblem {
  key: string;
  values?: Record<string, string | number>;
}

interface CentreCallsState {
  query: CentreCallSearch;
  page: CentreCallPage | null;
  /** Cursors of the pages before this one (the first page has none). */
  before: (string | undefined)[];
  cursor: string | undefined;
  searching: boolean;
  problem: CentreProblem | null;
  /** The recording playing: its id and a blob: URL of its audio. */
  playing: { recordingId: string; url: string | null; problem: CentreProblem | null } | null;
}

export const useCentreCallsStore = create<CentreCallsState>(() => ({
  query: { limit: 25 },
  page: null,
  before: [],
  cursor: undefined,
  searching: false,
  problem: null,
  playing: null,
}));

export function problemOf(reply: CentreUnavailable): CentreProblem {
  if (reply.state === 'signed-out') return { key: 'centre.signedOut' };
  if (reply.state === 'unreachable') return { key: 'centre.unreachable' };
  return reply.status === 403 ? { key: 'centre.forbidden' } : { key: 'centre.refused', values: { status: reply.status } };
}

let seq = 0;

/** One page of the centre's calls; `cursor` undefined is the first page (a newer search wins over an older one). */
async function load(query: CentreCallSearch, cursor: string | undefined, before: (string | undefined)[]): Promise<void> {
  const mine = ++seq;
  useCentreCallsStore.setState({ query, cursor, before, searching: true, problem: null });
  try {
    const reply = await unwrap(bridge().replay.centreCalls(cursor === undefined ? query : { ...query, cursor }));
    if (mine !== seq) return;
    if (reply.state === 'ok') useCentreCallsStore.setState({ page: reply.page, searching: false });
    else useCentreCallsStore.setState({ page: null, searching: false, problem: problemOf(reply) });
  } catch (error) {
    if (mine === seq) useCentreCallsStore.setState({ searching: false, problem: { key: 'centre.failed', values: { error: errorKeyOf(error) } } });
  }
}

export const searchCentre = (query: CentreCallSearch) => load(query, undefined, []);

export function nextCentrePage(): Promise<void> {
  const { query, page, cursor, before } = useCentreCallsStore.getState();
  if (!page?.nextCursor) return Promise.resolve();
  return load(query, page.nextCursor, [...before, cursor]);
}

export function previousCentrePage(): Promise<void> {
  const { query, before } = useCentreCallsStore.getState();
  if (before.length === 0) return Promise.resolve();
  return load(query, before.at(-1), before.slice(0, -1));
}

function toBlobUrl(base64: string, mime: string): string {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type: mime }));
}

/** Fetches a recording that is not on this desk from the centre and plays it here. */
export async function playCentreRecording(recordingId: string): Promise<void> {
  const previous = useCentreCallsStore.getState().playing?.url;
  if (previous) URL.revokeObjectURL(previous);
  useCentreCallsStore.setState({ playing: { recordingId, url: null, problem: null } });
  const still = () => useCentreCallsStore.getState().playing?.recordingId === recordingId;
  try {
    const reply = await unwrap(bridge().replay.centreAudio({ recordingId }));
    if (!still()) return;
    if (reply.state === 'ok') useCentreCallsStore.setState({ playing: { recordingId, url: toBlobUrl(reply.base64, reply.mime), problem: null } });
    // 404: the desk reported the call with its recording id before the recording's upload landed.
    else useCentreCallsStore.setState({ playing: { recordingId, url: null, problem: reply.state === 'refused' && reply.status === 404 ? { key: 'centre.notUploaded' } : problemOf(reply) } });
  } catch (error) {
    if (still()) useCentreCallsStore.setState({ playing: { recordingId, url: null, problem: { key: 'centre.failed', values: { error: errorKeyOf(error) } } } });
  }
}
