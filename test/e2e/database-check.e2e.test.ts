import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkIntegrity } from '../../src/main/store/integrity-check';
import { damageDataPage, useDeskDatabase } from '../support/desk-database';

// The worker as the Electron build ships it next to main (built by `npm run test:e2e` before the suite).
const BUILT_WORKER = fileURLToPath(new URL('../../dist/main/integrity-worker.js', import.meta.url));

describe("the built app's database check", () => {
  const desk = useDeskDatabase();

  it('runs from dist/main and tells a healthy database from a damaged one', async () => {
    await expect(checkIntegrity(desk.path, BUILT_WORKER)).resolves.toEqual({ state: 'ok' });
    damageDataPage(desk.path);
    await expect(checkIntegrity(desk.path, BUILT_WORKER)).resolves.toMatchObject({ state: 'damaged', problem: expect.stringMatching(/page|Tree|corrupt|malformed/i) });
  });
});
