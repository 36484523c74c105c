import { describe, expect, it } from 'vitest';
import { ME_PATH, SIGN_IN_PATH } from '../../../../src/shared/domain/centre/sign-in';
import { runAdminCommand } from '../../../../services/workorder/admin-commands';
import { followDepartments } from '../../../../services/workorder/people/departments-follow';
import { startWorkOrderService } from '../../../../services/workorder/service';
import { STORE_KINDS, newKey, startFixture, validFields } from '../fixture';
import { DEPARTMENT_LINES, PASSWORDS, io, seedCentre } from './seed';

describe('work orders name the centre departments', () => {
  it('follows the list set by admin set-departments (none set: any well-formed id)', async () => {
    const fx = await startFixture({}, 'sqlite');
    const store = await fx.openStore();
    const service = await startWorkOrderService({ port: 0, store: await fx.openStore(), admission: false, retention: false });
    const follow = await followDepartments(store, (ids) => service.setDepartmentIds(ids), { everyMs: 3_600_000 });
    try {
      const create = (departmentIds: string[]) =>
        fetch(`${service.url}/v1/work-orders`, {
          method: 'POST',
          headers: { authorization: `Bearer ${fx.tokens.agentA}`, 'content-type': 'application/json', 'idempotency-key': newKey() },
          body: JSON.stringify({ fields: validFields({ departmentIds }) }),
        });
      expect((await create(['housing'])).status).toBe(201);
      await runAdminCommand(store, ['set-departments', '--file', 'd.txt'], Date.now(), io('', { 'd.txt': DEPARTMENT_LINES }));
      await follow.refresh();
      expect((await create(['housing'])).status).toBe(422);
      expect((await create(['labour-inspection'])).status).toBe(201);
    } finally {
      follow.stop();
      await service.close();
      await store.close();
      await fx.close();
    }
  });
});

describe('lock-out across instances on one PostgreSQL', () => {
  it('wrong passwords sent to two instances count together', async () => {
    const fx = await startFixture({}, 'postgres', 2);
    try {
      const store = await fx.openStore();
      await seedCentre(store);
      await store.close();
      const codes: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const reply = await fx.as(null, i % 2)('POST', SIGN_IN_PATH, { body: { workNumber: '0307', password: `wrong-${i}`, deskId: 'd' } });
        codes.push(reply.body.error.code);
      }
      expect(codes).toEqual(['wrong_password', 'wrong_password', 'wrong_password', 'wrong_password', 'locked_out']);
      expect((await fx.as(null, 1)('POST', SIGN_IN_PATH, { body: { workNumber: '0307', password: 'agent-0307-pw', deskId: 'd' } })).body.error.code).toBe(
        'locked_out',
      );
      // Ten at once over both instances: every failure is counted (one UPDATE each), so the lock comes.
      const burst = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          fx.as(null, i % 2)('POST', SIGN_IN_PATH, { body: { workNumber: '0501', password: `wrong-${i}`, deskId: 'd' } }),
        ),
      );
      expect(burst.every((r) => r.status === 401 || r.status === 429)).toBe(true);
      expect(burst.some((r) => r.body.error.code === 'locked_out')).toBe(true);
      const after = await fx.as(null, 0)('POST', SIGN_IN_PATH, { body: { workNumber: '0501', password: 'agent-0501-pw', deskId: 'd' } });
      expect(after.body.error.code).toBe('locked_out');
    } finally {
      await fx.close();
    }
  });
});

describe.each(STORE_KINDS)('sessions on %s', (kind) => {
  it('a new sign-in on a desk ends that desk\'s earlier session; expired sessions are deleted after the keep, desk tokens never', async () => {
    let clock = Date.UTC(2026, 11, 2, 8);
    const fx = await startFixture({ now: () => clock }, kind);
    try {
      const store = await fx.openStore();
      await seedCentre(store, clock);
      const signIn = (deskId: string) =>
        fx.as(null)('POST', SIGN_IN_PATH, { body: { workNumber: '0307', password: PASSWORDS.agent, deskId } });
      const first = (await signIn('desk-1')).body.token as string;
      const other = (await signIn('desk-2')).body.token as string;
      const second = (await signIn('desk-1')).body.token as string;
      expect((await fx.as(first)('GET', ME_PATH)).body.error.code).toBe('token_revoked');
      expect((await fx.as(other)('GET', ME_PATH)).status).toBe(200);
      expect((await fx.as(second)('GET', ME_PATH)).status).toBe(200);

      const person = await store.people.personByWorkNumber('0307');
      expect((await store.people.listSessions(clock, person?.personId)).map((s) => s.label).sort()).toEqual(['desk desk-1', 'desk desk-2']);
      const tokensBefore = await fx.count('api_tokens');
      // Nothing has expired long enough yet; 30 days after the shift, the three sessions go.
      expect(await store.people.pruneSessions(clock)).toBe(0);
      clock += 12 * 60 * 60_000 + 30 * 86_400_000 + 1;
      expect(await store.people.pruneSessions(clock - 30 * 86_400_000)).toBe(3);
      expect(await fx.count('api_tokens')).toBe(tokensBefore - 3); // the fixture's desk tokens stay
      expect((await fx.as(second)('GET', ME_PATH)).body.error.code).toBe('unauthorized');
      await store.close();
    } finally {
      await fx.close();
    }
  });
});
