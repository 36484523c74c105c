import { join } from 'node:path';
import { openDatabase } from '../../../src/main/store/database';
import { CallsRepo } from '../../../src/main/store/calls-repo';
import { SIGN_IN_PATH } from '../../../src/shared/domain/centre/sign-in';
import { makeTempDir } from '../../support/temp-dir';
import { startFixture } from '../workorder-service/fixture';
import { PASSWORDS, seedCentre } from '../workorder-service/people/seed';

/**
 * A seeded centre (the work-order service on SQLite) and a desk's database,
 * with agent 0307 signed in: what the practice-result tests start from. Each
 * thing made is undone by `cleanups` (run in reverse by the test).
 */
export async function practiceDeskAtCentre(cleanups: (() => Promise<void> | void)[], tmpPrefix: string) {
  const fx = await startFixture({ admission: false, retention: false });
  cleanups.push(() => fx.close());
  const store = await fx.openStore();
  await seedCentre(store).finally(() => store.close());
  const signIn = async (workNumber: string, password: string) =>
    (await fx.as(null)('POST', SIGN_IN_PATH, { body: { workNumber, password, deskId: `desk-${workNumber}` } })).body.token as string;
  const token = await signIn('0307', PASSWORDS.agent);
  const dir = makeTempDir(tmpPrefix);
  const db = openDatabase(join(dir.path, 'desk.sqlite'));
  cleanups.push(() => dir.remove(), () => void db.close());
  return { fx, db, calls: new CallsRepo(db), token, signIn };
}
