import { create } from 'zustand';
import type { KnowledgeArticle } from '../../../shared/knowledge/article';
import type { KnowledgeCopyStatus, KnowledgeHit } from '../../../shared/knowledge/search';
import { bridge } from '../../ipc/bridge';
import { errorKeyOf, unwrap } from '../../ipc/ipc-call-error';

/** Wait after the last keystroke before asking main (a search takes a few ms; IPC and rendering more). */
export const SEARCH_PAUSE_MS = 120;

interface KnowledgeState {
  query: string;
  /** The agent typed the query: the work order's summary no longer replaces it. */
  typed: boolean;
  /** Categories ranked first (from the work order's domain). */
  categories: readonly string[];
  hits: KnowledgeHit[];
  status: KnowledgeCopyStatus | null;
  searching: boolean;
  error: string | null;
  tookMs: number | null;
  /** The article read in full (id → article). */
  opened: { id: string; article: KnowledgeArticle } | null;
  /** Passages put into the reply during this call (article ids). */
  usedIds: readonly string[];
  /** Bumped to ask the pane to focus its search box (Ctrl+K). */
  focusRequest: number;
}

const INITIAL: KnowledgeState = {
  query: '',
  typed: false,
  categories: [],
  hits: [],
  status: null,
  searching: false,
  error: null,
  tookMs: null,
  opened: null,
  usedIds: [],
  focusRequest: 0,
};

export const useKnowledgeStore = create<KnowledgeState>(() => ({ ...INITIAL }));

const set = useKnowledgeStore.setState;
const get = useKnowledgeStore.getState;

let timer: ReturnType<typeof setTimeout> | null = null;
/** Answers of older searches are dropped: only the latest query's hits are shown. */
let asked = 0;

/** The agent typed in the search box. */
export function typeQuery(query: string): void {
  set({ query, typed: query.trim() !== '' });
  schedule();
}

/**
 * The work order's summary or domain changed: it becomes the query unless the
 * agent has typed one of their own (an empty box takes it again).
 */
export function fillFromWorkOrder(summary: string, categories: readonly string[]): void {
  const sameCategories = categories.join('|') === get().categories.join('|');
  if (get().typed) {
    if (!sameCategories) {
      set({ categories });
      schedule();
    }
    return;
  }
  if (summary === get().query && sameCategories) return;
  set({ query: summary, categories });
  schedule();
}

/** Back to searching by the work order's summary. */
export function searchByWorkOrder(summary: string): void {
  set({ query: summary, typed: false });
  schedule();
}

export function requestFocus(): void {
  set({ focusRequest: get().focusRequest + 1 });
}

/** A new call: nothing of the last one's searches stays. */
export function resetKnowledge(): void {
  if (timer) clearTimeout(timer);
  timer = null;
  asked += 1;
  set({ ...INITIAL, status: get().status, focusRequest: get().focusRequest });
}

function schedule(): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    void search();
  }, SEARCH_PAUSE_MS);
}

export async function search(): Promise<void> {
  const { query, categories } = get();
  const mine = (asked += 1);
  if (query.trim() === '') {
    set({ hits: [], searching: false, error: null, tookMs: null });
    await loadStatus();
    return;
  }
  set({ searching: true });
  try {
    const result = await unwrap(bridge().knowledge.search({ query, limit: 8, includeExpired: false, categories: [...categories] }));
    if (mine !== asked) return;
    set({ hits: result.hits, status: result.copy, tookMs: result.tookMs, searching: false, error: null });
  } catch (error) {
    if (mine !== asked) return;
    set({ searching: false, error: errorKeyOf(error) });
  }
}

export async function loadStatus(): Promise<void> {
  try {
    set({ status: await unwrap(bridge().knowledge.status({})) });
  } catch (error) {
    set({ error: errorKeyOf(error) });
  }
}

/** Reads an article in full (null closes it). */
export async function openArticle(id: string | null): Promise<KnowledgeArticle | null> {
  if (id === null || get().opened?.id === id) {
    set({ opened: null });
    return null;
  }
  try {
    const view = await unwrap(bridge().knowledge.article({ id }));
    set({ opened: view ? { id, article: view.article } : null });
    return view?.article ?? null;
  } catch (error) {
    set({ error: errorKeyOf(error) });
    return null;
  }
}

export function markUsed(id: string): void {
  if (!get().usedIds.includes(id)) set({ usedIds: [...get().usedIds, id] });
}
