import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReviewRow } from '../../../shared/review/review';
import { applyLanguage } from '../../i18n/i18n';
import { CallList } from './components/CallList';

// Server rendering reads a zustand store's initial state only, so the list is given its page through a stand-in store.
const state = vi.hoisted(() => ({ current: {} as Record<string, unknown> }));
vi.mock('./replay-store', () => ({
  useReplayStore: (select?: (s: Record<string, unknown>) => unknown) => (select ? select(state.current) : state.current),
  openCall: async () => undefined,
  searchCalls: async () => undefined,
}));

const STARTED = new Date(2026, 11, 4, 9, 5).getTime();
const ROW = {
  callId: 'call-1',
  agent: '0307 王芳',
  remoteNumber: '13800000001',
  startedAt: STARTED,
  durationMs: 65_000,
  outcome: 'answered',
  practice: false,
  prompts: [],
  score: null,
  maxScore: null,
} as unknown as ReviewRow;

/** The started column's cell of the one row rendered. */
function startedCell(): string {
  state.current = { page: { rows: [ROW], hasMore: false, page: 0 }, searching: false, searchError: null, query: { pageSize: 25 }, open: null };
  const html = renderToStaticMarkup(createElement(CallList));
  const cell = /<tr[^>]*data-call-id="call-1"[^>]*><td>(.*?)<\/td>/.exec(html);
  if (!cell) throw new Error('no row rendered');
  // The day and the time are each kept on one line (DayMinute): the cell's text is what is read.
  return cell[1]!.replace(/<[^>]+>/g, '');
}

describe("the replay call list's start times are the app's dates", () => {
  afterEach(() => applyLanguage('zh-CN'));

  it('2026-12-04 09:05 in both languages, never the browser\'s 12/04 order', async () => {
    await applyLanguage('zh-CN');
    expect(startedCell()).toBe('2026-12-04 09:05');
    await applyLanguage('en');
    expect(startedCell()).toBe('2026-12-04 09:05');
  });
});
