import { afterEach, describe, expect, it } from 'vitest';
import type { HotlineBridge } from '../../../shared/ipc/bridge';
import { installBridge } from '../../ipc/bridge';
import { importBundle, useImportedReviews } from './imported-reviews-store';

const ID = '3b1f0c3e-5d7a-4c1e-9a1b-2c3d4e5f6a7b';

/** A desk whose import refuses anything but the text 'good', through a fake bridge. */
function fakeDesk() {
  const asked: string[] = [];
  let imported = false;
  installBridge({
    review: {
      importBundle: ({ text }: { text: string }) => {
        asked.push('import');
        if (text !== 'good') return Promise.resolve({ ok: true, value: { state: 'invalid', message: 'The file is not a review bundle (not JSON).', issues: [] } });
        imported = true;
        return Promise.resolve({ ok: true, value: { state: 'imported', id: ID, callId: 'call-0001', title: '2026-12-01 09:00 138****5678' } });
      },
      imported: () => {
        asked.push('list');
        return Promise.resolve({ ok: true, value: imported ? [{ id: ID, callId: 'call-0001', title: '2026-12-01 09:00 138****5678', masked: true, exportedBy: '0701', importedAt: 1 }] : [] });
      },
      openImported: () => {
        asked.push('open');
        return Promise.resolve({ ok: true, value: { state: 'ok', review: { exportedBy: '0701', call: { id: 'call-0001' }, timeline: [], annotations: [], score: null, audio: null, masked: true } } });
      },
    },
  } as unknown as HotlineBridge);
  return asked;
}

describe('imported review bundles in the replay', () => {
  afterEach(() => {
    installBridge(null);
    useImportedReviews.setState({ list: [], open: null, audioUrl: null, importError: null, busy: false });
  });

  it('a refused file says why and lists nothing; a good one is listed and opened read-only', async () => {
    const asked = fakeDesk();
    await importBundle('{"broken"');
    expect(useImportedReviews.getState()).toMatchObject({ importError: 'The file is not a review bundle (not JSON).', list: [], open: null, busy: false });
    await importBundle('good');
    expect(useImportedReviews.getState().importError).toBeNull();
    expect(useImportedReviews.getState().list.map((item) => item.id)).toEqual([ID]);
    expect(useImportedReviews.getState().open).toMatchObject({ id: ID, exportedBy: '0701' });
    expect(asked).toEqual(['import', 'import', 'list', 'open']);
  });
});
