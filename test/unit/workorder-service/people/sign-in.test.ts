import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ME_PATH, SIGN_IN_PATH, SignInResponseSchema } from '../../../../src/shared/domain/centre/sign-in';
import { runAdminCommand } from '../../../../services/workorder/admin-commands';
import { STORE_KINDS, newKey, startFixture, validFields } from '../fixture';
import type { Call, Fixture } from '../fixture';
import { PASSWORDS, io, seedCentre } from './seed';

const HOUR = 60 * 60_000;

// Sign-in and the signed-in routes, once per store (SQLite and a real PostgreSQL).
describe.each(STORE_KINDS)('sign-in on %s', (kind) => {
  let fx: Fixture;
  let anonymous: Call;
  /** The service's clock, moved by the tests (session expiry, lock-out window). */
  let clock = Date.UTC(2026, 11, 2, 8);
  /** The sign-in audit lines. */
  const audit: string[] = [];

  const admin = async (argv: string[], stdin = '') => {
    const store = await fx.openStore();
    try {
      return await runAdminCommand(store, argv, clock, io(stdin));
    } finally {
      await store.close();
    }
  };
  const signIn = (workNumber: string, password: string) =>
    anonymous('POST', SIGN_IN_PATH, { body: { workNumber, password, deskId: 'desk-7f3a' } });
  async function tokenOf(workNumber: string, password: string): Promise<string> {
    const reply = await signIn(workNumber, password);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body.token as string;
  }

  beforeAll(async () => {
    fx = await startFixture({ now: () => clock, signIn: { log: (line) => audit.push(line) } }, kind);
    anonymous = fx.as(null);
    const store = await fx.openStore();
    try {
      await seedCentre(store, clock);
    } finally {
      await store.close();
    }
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('signs in with work number and password: a token, the person and what the desk needs', async () => {
    const reply = await signIn('0307', PASSWORDS.agent);
    expect(reply.status).toBe(200);
    const body = SignInResponseSchema.parse(reply.body);
    expect(body.token).toMatch(/^hdw_[A-Za-z0-9_-]{43}$/);
    expect(audit).toEqual(['sign-in 0307 ok desk "desk-7f3a"']);
    expect(body.expiresAt).toBe(clock + 12 * HOUR);
    expect(body.person).toEqual({
      personId: expect.any(String),
      workNumber: '0307',
      name: '李娜',
      roles: ['agent'],
      teamId: 'team-a',
      leadsTeams: [],
    });
    expect(body.provisioning).toEqual({
      sip: {
        servers: ['wss://sip1.centre.example:7443', 'wss://sip2.centre.example:7443'],
        sipUri: 'sip:0307@centre.example',
        authUser: '0307',
        password: 'sip-secret',
        displayName: '李娜',
      },
      departments: [
        { id: 'labour-inspection', zh: '人社局劳动监察大队', en: 'Labour Inspection Brigade' },
        { id: 'market-regulation', zh: '市场监督管理局', en: 'Market Regulation Bureau' },
      ],
      deskPolicy: { city: '昆明', afterCallWorkSeconds: 45, autoAnswerSeconds: null },
    });
    // Only the token's hash is kept, with the person, the desk and the expiry.
    const rows = (await fx.rows(`SELECT token_hash, agent_id, team_id, role, label, expires_at FROM api_tokens WHERE person_id = '${body.person.personId}'`)) as {
      token_hash: string;
      expires_at: unknown;
    }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ agent_id: '0307', team_id: 'team-a', role: 'agent', label: 'desk desk-7f3a' });
    expect(Number(rows[0]?.expires_at)).toBe(body.expiresAt); // BIGINT: a string from pg
    expect(rows[0]?.token_hash).not.toContain(body.token);
  });

  it('the token works on the work-order routes, as the person in their team', async () => {
    const token = await tokenOf('0307', PASSWORDS.agent);
    const agent = fx.as(token);
    const created = await agent('POST', '/v1/work-orders', { body: { fields: validFields() }, headers: { 'idempotency-key': newKey() } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ teamId: 'team-a', agentId: '0307' });
    // The old team-a tokens see it; team b does not.
    expect((await fx.as(fx.tokens.agentA)('GET', `/v1/work-orders/${created.body.id}`)).status).toBe(200);
    expect((await fx.as(fx.tokens.agentB)('GET', `/v1/work-orders/${created.body.id}`)).status).toBe(404);
    // An agent does not change a status; a lead does (the token role `centre`, as before).
    const status = (call: Call) => call('POST', `/v1/work-orders/${created.body.id}/status`, { body: { status: 'dispatched', note: '' } });
    expect((await status(agent)).status).toBe(403);
    expect((await status(fx.as(await tokenOf('0401', PASSWORDS.lead)))).status).toBe(200);
  });

  it('GET /v1/me gives the person and provisioning again', async () => {
    const token = await tokenOf('0401', PASSWORDS.lead);
    const me = await fx.as(token)('GET', ME_PATH);
    expect(me.status).toBe(200);
    expect(me.body.person).toMatchObject({ workNumber: '0401', roles: ['agent', 'lead'], teamId: 'team-a', leadsTeams: ['team-a', 'team-b'] });
    expect(me.body.provisioning.sip).toBeNull(); // no SIP account given to 0401 yet
    expect(me.body.provisioning.deskPolicy.city).toBe('昆明');
    expect(me.body.expiresAt).toBe(clock + 12 * HOUR);
    // A desk token issued by the admin command has no person behind it.
    expect((await fx.as(fx.tokens.agentA)('GET', ME_PATH)).status).toBe(403);
  });

  it('an unknown work number and a wrong password each have their own code; a bad body is 422', async () => {
    expect(await signIn('0999', 'whatever-pw')).toMatchObject({ status: 401, body: { error: { code: 'unknown_work_number' } } });
    expect(await signIn('0307', 'not-the-password')).toMatchObject({ status: 401, body: { error: { code: 'wrong_password' } } });
    expect((await anonymous('POST', SIGN_IN_PATH, { body: { workNumber: '0307' } })).status).toBe(422);
    expect((await anonymous('GET', SIGN_IN_PATH)).status).toBe(405);
    expect(audit.slice(-2)).toEqual(['sign-in 0999 refused unknown_work_number desk "desk-7f3a"', 'sign-in 0307 refused wrong_password desk "desk-7f3a"']);
    expect(audit.join('\n')).not.toContain('not-the-password');
    await admin(['set-password', '--work-number', '0307', '--password-stdin'], PASSWORDS.agent); // clears the count
  });

  it('five wrong passwords in 15 minutes lock the work number (429, Retry-After), even for the right one; set-password lifts it', async () => {
    await admin(['create-person', '--work-number', '0601', '--name', '测试', '--team', 'team-c', '--roles', 'agent', '--password-stdin'], 'right-password');
    for (let i = 1; i <= 4; i += 1) {
      expect((await signIn('0601', `wrong-${i}`)).body.error.code).toBe('wrong_password');
      clock += 60_000;
    }
    const fifth = await signIn('0601', 'wrong-5');
    expect(fifth.status).toBe(429);
    expect(fifth.body.error.code).toBe('locked_out');
    expect(fifth.headers.get('retry-after')).toBe(String(15 * 60));
    clock += 5 * 60_000;
    const locked = await signIn('0601', 'right-password');
    expect(locked).toMatchObject({ status: 429, body: { error: { code: 'locked_out' } } });
    expect(locked.headers.get('retry-after')).toBe(String(10 * 60));
    // The lock ends by itself...
    clock += 10 * 60_000;
    expect((await signIn('0601', 'right-password')).status).toBe(200);
    // ...or when IT sets a new password.
    for (let i = 1; i <= 5; i += 1) await signIn('0601', `wrong-${i}`);
    expect((await signIn('0601', 'right-password')).status).toBe(429);
    await admin(['set-password', '--work-number', '0601', '--password-stdin'], 'a-new-password');
    expect((await signIn('0601', 'a-new-password')).status).toBe(200);
  });

  it('wrong passwords spread over more than 15 minutes do not lock; a success starts the count again', async () => {
    await admin(['create-person', '--work-number', '0602', '--name', '测试二', '--team', 'team-c', '--roles', 'agent', '--password-stdin'], 'right-password');
    for (let i = 1; i <= 8; i += 1) {
      expect((await signIn('0602', `wrong-${i}`)).body.error.code).toBe('wrong_password');
      clock += 4 * 60_000; // a new window after every fourth failure
    }
    for (let i = 1; i <= 4; i += 1) await signIn('0602', `wrong-${i}`);
    expect((await signIn('0602', 'right-password')).status).toBe(200);
    expect((await signIn('0602', 'wrong-again')).body.error.code).toBe('wrong_password');
  });

  it('a disabled person: the right password gets person_disabled (the wrong one wrong_password); their tokens are revoked', async () => {
    await admin(['create-person', '--work-number', '0603', '--name', '测试三', '--team', 'team-c', '--roles', 'agent', '--password-stdin'], 'right-password');
    const token = await tokenOf('0603', 'right-password');
    expect(await admin(['disable-person', '--work-number', '0603'])).toBe('disabled 0603; 1 sessions revoked');
    expect(await signIn('0603', 'right-password')).toMatchObject({ status: 403, body: { error: { code: 'person_disabled' } } });
    expect(await signIn('0603', 'wrong-password')).toMatchObject({ status: 401, body: { error: { code: 'wrong_password' } } });
    expect(await fx.as(token)('GET', ME_PATH)).toMatchObject({ status: 401, body: { error: { code: 'token_revoked' } } });
    await admin(['disable-person', '--work-number', '0603', '--enable']);
    expect((await signIn('0603', 'right-password')).status).toBe(200);
    // The old token stays revoked.
    expect((await fx.as(token)('GET', ME_PATH)).body.error.code).toBe('token_revoked');
  });

  it('a token revoked centrally answers token_revoked on every route; other people stay signed in', async () => {
    const token = await tokenOf('0501', PASSWORDS.agentB);
    const other = await tokenOf('0307', PASSWORDS.agent);
    expect(await admin(['sign-out-person', '--work-number', '0501'])).toBe('1 sessions of 0501 revoked');
    const routes: [string, string][] = [
      ['GET', ME_PATH],
      ['GET', '/v1/changes'],
      ['GET', '/v1/work-orders?phone=123'],
      ['POST', '/v1/work-orders'],
      ['GET', `/v1/work-orders/${newKey()}`],
      ['GET', '/v1/teams/team-b/people'],
      ['GET', '/v1/admin/people'],
      ['POST', '/v1/sign-out'],
    ];
    for (const [method, path] of routes) {
      const reply = await fx.as(token)(method, path, method === 'POST' ? { body: { fields: validFields() } } : {});
      expect(reply.status, `${method} ${path}`).toBe(401);
      expect(reply.body.error.code, `${method} ${path}`).toBe('token_revoked');
      expect(reply.headers.get('www-authenticate')).toContain('error="invalid_token"');
    }
    expect((await fx.as(other)('GET', ME_PATH)).status).toBe(200);
  });

  it('the desk signs itself out: that token is revoked, the person signs in again', async () => {
    const token = await tokenOf('0307', PASSWORDS.agent);
    expect((await fx.as(token)('POST', '/v1/sign-out')).status).toBe(204);
    expect((await fx.as(token)('GET', '/v1/changes')).body.error.code).toBe('token_revoked');
    expect((await signIn('0307', PASSWORDS.agent)).status).toBe(200);
  });

  it('a token past its shift answers token_expired on every route', async () => {
    const token = await tokenOf('0307', PASSWORDS.agent);
    clock += 12 * HOUR - 1;
    expect((await fx.as(token)('GET', '/v1/changes')).status).toBe(200);
    clock += 1;
    for (const path of [ME_PATH, '/v1/changes', '/v1/teams/team-a/people']) {
      expect(await fx.as(token)('GET', path), path).toMatchObject({ status: 401, body: { error: { code: 'token_expired' } } });
    }
    // A new sign-in gives a new shift.
    expect((await fx.as(await tokenOf('0307', PASSWORDS.agent))('GET', ME_PATH)).status).toBe(200);
  });

  it('an unknown or missing token stays unauthorized, as before', async () => {
    expect((await fx.as(`hdw_${'A'.repeat(43)}`)('GET', ME_PATH)).body.error.code).toBe('unauthorized');
    expect((await anonymous('GET', ME_PATH)).body.error.code).toBe('unauthorized');
    expect((await anonymous('GET', '/v1/teams/team-a/people')).status).toBe(401);
  });

  it('team scoping: an agent sees only their team, a lead also the teams they lead, an admin all', async () => {
    const agent = fx.as(await tokenOf('0307', PASSWORDS.agent));
    const lead = fx.as(await tokenOf('0401', PASSWORDS.lead));
    const itAdmin = fx.as(await tokenOf('9001', PASSWORDS.admin));
    const workNumbers = async (call: Call, team: string) => {
      const reply = await call('GET', `/v1/teams/${team}/people`);
      return reply.status === 200 ? (reply.body.people as { workNumber: string }[]).map((p) => p.workNumber) : reply.status;
    };
    const teams = async (call: Call) => ((await call('GET', '/v1/teams')).body.teams as { id: string; own: boolean }[]).map((t) => `${t.id}${t.own ? '*' : ''}`);
    expect(await teams(agent)).toEqual(['team-a*']);
    expect(await teams(lead)).toEqual(['team-a*', 'team-b']);
    expect(await teams(itAdmin)).toEqual(['team-a*', 'team-b', 'team-c']);
    expect(await teams(fx.as(fx.tokens.centreB))).toEqual(['team-b*']);
    expect(await workNumbers(agent, 'team-a')).toEqual(['0307', '0401', '9001']);
    expect(await workNumbers(agent, 'team-b')).toBe(404);
    expect(await workNumbers(lead, 'team-b')).toEqual(['0501']);
    expect(await workNumbers(lead, 'team-c')).toBe(404);
    expect(await workNumbers(itAdmin, 'team-c')).toEqual(['0601', '0602', '0603']);
    // Tokens issued by the admin command: agent → their team; centre → a lead of their team.
    expect(await workNumbers(fx.as(fx.tokens.agentB), 'team-a')).toBe(404);
    expect(await workNumbers(fx.as(fx.tokens.centreB), 'team-b')).toEqual(['0501']);
  });
});

describe.each(STORE_KINDS)('sign-in before the centre is set up, on %s', (kind) => {
  it('answers 503 centre-not-configured (never a half provisioning); an admin signs in to the admin screen and sets it up', async () => {
    const fx = await startFixture({}, kind);
    try {
      const store = await fx.openStore();
      await runAdminCommand(store, ['create-team', '--id', 'team-a', '--name', '一组'], Date.now(), io());
      await runAdminCommand(store, ['create-person', '--work-number', '0307', '--name', '李娜', '--team', 'team-a', '--roles', 'agent', '--password-stdin'], Date.now(), io('pw-0307-pw'));
      await runAdminCommand(store, ['create-person', '--work-number', '9001', '--name', '信息科', '--team', 'team-a', '--roles', 'admin', '--password-stdin'], Date.now(), io('pw-9001-pw'));
      await store.close();
      const reply = await fx.as(null)('POST', SIGN_IN_PATH, { body: { workNumber: '0307', password: 'pw-0307-pw', deskId: 'd' } });
      expect(reply).toMatchObject({ status: 503, body: { error: { code: 'centre-not-configured' } } });
      expect(await fx.count('api_tokens')).toBe(5); // the fixture's desk tokens: no session was opened

      // The admin screen signs IT in without provisioning, so the centre can be set up from it.
      const adminSignIn = (workNumber: string, password: string) =>
        fx.as(null)('POST', '/v1/admin/sign-in', { body: { workNumber, password, deskId: 'admin-screen' } });
      const admin = await adminSignIn('9001', 'pw-9001-pw');
      expect(admin).toMatchObject({ status: 200, body: { person: { workNumber: '9001', roles: ['admin'] }, expiresAt: expect.any(Number) } });
      expect(admin.body.provisioning).toBeUndefined();
      expect(await adminSignIn('0307', 'pw-0307-pw')).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
      expect(await adminSignIn('0307', 'wrong-password')).toMatchObject({ status: 401, body: { error: { code: 'wrong_password' } } });
      const patched = await fx.as(admin.body.token)('PATCH', '/v1/admin/centre', { body: { city: '昆明' } });
      expect(patched).toMatchObject({ status: 200, body: { settings: { city: '昆明', sipServers: [], afterCallWorkSeconds: 60 } } });
      expect((await fx.as(null)('POST', SIGN_IN_PATH, { body: { workNumber: '0307', password: 'pw-0307-pw', deskId: 'd' } })).status).toBe(200);
    } finally {
      await fx.close();
    }
  });
});
