import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ME_PATH, SIGN_IN_PATH } from '../../../../src/shared/domain/centre/sign-in';
import { STORE_KINDS, startFixture } from '../fixture';
import type { Call, Fixture } from '../fixture';
import { PASSWORDS, seedCentre } from './seed';

// The JSON API of the admin screen, admin people only, once per store.
describe.each(STORE_KINDS)('admin routes on %s', (kind) => {
  let fx: Fixture;
  let itAdmin: Call;
  const signIn = (workNumber: string, password: string) =>
    fx.as(null)('POST', SIGN_IN_PATH, { body: { workNumber, password, deskId: 'admin-test' } });
  const tokenOf = async (workNumber: string, password: string) => {
    const reply = await signIn(workNumber, password);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body.token as string;
  };

  beforeAll(async () => {
    fx = await startFixture({}, kind);
    const store = await fx.openStore();
    try {
      await seedCentre(store);
    } finally {
      await store.close();
    }
    itAdmin = fx.as(await tokenOf('9001', PASSWORDS.admin));
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('only an admin: agents, leads and desk tokens get 403', async () => {
    for (const call of [fx.as(await tokenOf('0307', PASSWORDS.agent)), fx.as(await tokenOf('0401', PASSWORDS.lead)), fx.as(fx.tokens.centreA)]) {
      expect((await call('GET', '/v1/admin/people')).status).toBe(403);
      expect((await call('POST', '/v1/admin/teams', { body: { id: 'team-x', name: 'x' } })).status).toBe(403);
    }
    expect((await fx.as(null)('GET', '/v1/admin/people')).status).toBe(401);
  });

  it('creates a team and a person (a first password shown once), who then signs in', async () => {
    expect(await itAdmin('POST', '/v1/admin/teams', { body: { id: 'team-d', name: '四组' } })).toMatchObject({ status: 201 });
    expect((await itAdmin('POST', '/v1/admin/teams', { body: { id: 'team-d', name: '四组' } })).status).toBe(409);
    const created = await itAdmin('POST', '/v1/admin/people', {
      body: { workNumber: '0701', name: '陈静', teamId: 'team-d', roles: ['agent', 'trainer'] },
    });
    expect(created.status).toBe(201);
    expect(created.body.person).toMatchObject({ workNumber: '0701', roles: ['agent', 'trainer'], teamId: 'team-d' });
    expect(await signIn('0701', created.body.password)).toMatchObject({ status: 200, body: { person: { workNumber: '0701' } } });
    expect((await itAdmin('POST', '/v1/admin/people', { body: { workNumber: '0701', name: '又一个', teamId: 'team-d', roles: ['agent'] } })).status).toBe(409);
    expect((await itAdmin('POST', '/v1/admin/people', { body: { workNumber: '0702', name: 'x', teamId: 'team-zz', roles: ['agent'] } })).status).toBe(422);
    expect((await itAdmin('POST', '/v1/admin/people', { body: { workNumber: '0702', name: 'x', teamId: 'team-d', roles: ['root'] } })).status).toBe(422);
    const teams = await itAdmin('GET', '/v1/admin/teams');
    expect(teams.body.teams.map((t: { id: string }) => t.id)).toEqual(['team-a', 'team-b', 'team-c', 'team-d']);
  });

  it('lists people with their sessions; resets a password; signs a person out; disables and enables', async () => {
    const agentToken = await tokenOf('0501', PASSWORDS.agentB);
    const listed = await itAdmin('GET', '/v1/admin/people');
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toMatch(/scrypt|sip-secret/);
    expect(listed.body.people.find((p: { workNumber: string }) => p.workNumber === '0501')).toMatchObject({ liveSessions: 1, disabled: false, hasSip: false });

    const reset = await itAdmin('POST', '/v1/admin/people/0501/password', { body: {} });
    expect(reset.body.password).toMatch(/^[A-Za-z2-9]{12}$/);
    expect((await signIn('0501', PASSWORDS.agentB)).body.error.code).toBe('wrong_password');
    expect((await itAdmin('POST', '/v1/admin/people/0501/password', { body: { password: PASSWORDS.agentB } })).body).toEqual({ password: null });

    expect(await itAdmin('POST', '/v1/admin/people/0501/sign-out')).toMatchObject({ status: 200, body: { revoked: 1 } });
    expect((await fx.as(agentToken)('GET', ME_PATH)).body.error.code).toBe('token_revoked');

    expect((await itAdmin('PUT', '/v1/admin/people/0501/disabled', { body: { disabled: true } })).status).toBe(200);
    expect((await signIn('0501', PASSWORDS.agentB)).body.error.code).toBe('person_disabled');
    await itAdmin('PUT', '/v1/admin/people/0501/disabled', { body: { disabled: false } });
    expect((await signIn('0501', PASSWORDS.agentB)).status).toBe(200);

    const sip = { uri: 'sip:0501@centre.example', authUser: '0501', password: 'sip-0501' };
    expect(await itAdmin('PUT', '/v1/admin/people/0501/sip', { body: sip })).toMatchObject({ status: 200, body: { hasSip: true } });
    expect((await signIn('0501', PASSWORDS.agentB)).body.provisioning.sip).toMatchObject({ sipUri: sip.uri, authUser: '0501', password: 'sip-0501' });
    expect((await itAdmin('PUT', '/v1/admin/people/0501/sip', { body: { ...sip, uri: '0501' } })).status).toBe(422);
    expect(await itAdmin('DELETE', '/v1/admin/people/0501/sip')).toMatchObject({ status: 200, body: { hasSip: false } });
    expect((await signIn('0501', PASSWORDS.agentB)).body.provisioning.sip).toBeNull();

    expect((await itAdmin('POST', '/v1/admin/people/0999/sign-out')).status).toBe(404);
    expect((await itAdmin('POST', '/v1/admin/people/0501/password', { body: { password: 'short' } })).status).toBe(422);
  });
  it('reads and changes the centre settings and departments the desks get at sign-in', async () => {
    const centre = await itAdmin('GET', '/v1/admin/centre');
    expect(centre.body.settings).toMatchObject({ city: '昆明', afterCallWorkSeconds: 45, autoAnswerSeconds: null });
    expect(centre.body.departments).toHaveLength(2);
    const changed = await itAdmin('PATCH', '/v1/admin/centre', { body: { autoAnswerSeconds: 3, sipServers: ['wss://sip3.centre.example/ws'] } });
    expect(changed.body.settings).toMatchObject({ city: '昆明', autoAnswerSeconds: 3, sipServers: ['wss://sip3.centre.example/ws'] });
    expect((await itAdmin('PATCH', '/v1/admin/centre', { body: { sipServers: ['http://x'] } })).status).toBe(422);
    expect((await itAdmin('PUT', '/v1/admin/departments', { body: { text: 'Bad|甲|A' } })).status).toBe(422);
    expect(await itAdmin('PUT', '/v1/admin/departments', { body: { text: 'housing|住建局|Housing Bureau\n' } })).toMatchObject({ body: { departments: 1 } });
    const signedIn = await signIn('0307', PASSWORDS.agent);
    expect(signedIn.body.provisioning.departments).toEqual([{ id: 'housing', zh: '住建局', en: 'Housing Bureau' }]);
    expect(signedIn.body.provisioning.deskPolicy).toEqual({ city: '昆明', afterCallWorkSeconds: 45, autoAnswerSeconds: 3 });
    expect(signedIn.body.provisioning.sip.servers).toEqual(['wss://sip3.centre.example/ws']);
    expect((await fx.as(signedIn.body.token)('PATCH', '/v1/admin/centre', { body: { autoAnswerSeconds: 0 } })).status).toBe(403);
    await itAdmin('PATCH', '/v1/admin/centre', { body: { autoAnswerSeconds: null, sipServers: ['wss://sip1.centre.example:7443'] } });
  });

  it('changes a person: led teams in place; a new team or roles end their sessions, the next token has the new team', async () => {
    const token = await tokenOf('0401', PASSWORDS.lead);
    const sessions = await itAdmin('GET', '/v1/admin/sessions');
    expect(sessions.status).toBe(200);
    expect(sessions.body.sessions).toEqual(
      expect.arrayContaining([expect.objectContaining({ workNumber: '0401', label: 'desk admin-test', expiresAt: expect.any(Number) })]),
    );
    expect(JSON.stringify(sessions.body)).not.toContain(token);
    const live = sessions.body.sessions.filter((session: { workNumber: string }) => session.workNumber === '0401').length;

    const led = await itAdmin('PATCH', '/v1/admin/people/0401', { body: { leadsTeams: ['team-c'] } });
    expect(led).toMatchObject({ status: 200, body: { person: { leadsTeams: ['team-a', 'team-c'] }, revoked: 0 } });
    expect((await fx.as(token)('GET', '/v1/teams/team-c/people')).status).toBe(200);
    expect((await fx.as(token)('GET', '/v1/teams/team-b/people')).status).toBe(404);

    const moved = await itAdmin('PATCH', '/v1/admin/people/0401', { body: { teamId: 'team-b', name: '王组长' } });
    expect(moved.body).toMatchObject({ person: { teamId: 'team-b', name: '王组长', leadsTeams: ['team-b', 'team-c'] }, revoked: live });
    expect((await fx.as(token)('GET', '/v1/changes')).body.error.code).toBe('token_revoked');
    const again = await signIn('0401', PASSWORDS.lead);
    expect(again.body.person).toMatchObject({ teamId: 'team-b' });
    const rows = (await fx.rows("SELECT team_id FROM api_tokens WHERE revoked_at IS NULL AND label = 'desk admin-test' AND agent_id = '0401'")) as {
      team_id: string;
    }[];
    expect(rows.map((r) => r.team_id)).toEqual(['team-b']);

    const agent = await itAdmin('PATCH', '/v1/admin/people/0401', { body: { roles: ['agent'] } });
    expect(agent.body.person).toMatchObject({ roles: ['agent'], leadsTeams: [] });
    expect((await itAdmin('PATCH', '/v1/admin/people/0401', { body: { leadsTeams: ['team-a'] } })).status).toBe(422);
    expect((await itAdmin('PATCH', '/v1/admin/people/0401', { body: { teamId: 'team-zz' } })).status).toBe(422);
    expect((await itAdmin('PATCH', '/v1/admin/people/0999', { body: { name: 'x' } })).status).toBe(404);
    await itAdmin('PATCH', '/v1/admin/people/0401', { body: { teamId: 'team-a', roles: ['agent', 'lead'], leadsTeams: ['team-b'], name: '王班长' } });
  });
});

describe('the admin screen', () => {
  it('is served at /admin/ with a strict CSP, its script and style from the same origin, nothing inline', async () => {
    const fx = await startFixture({}, 'sqlite');
    try {
      const redirect = await fetch(`${fx.url}/admin`, { redirect: 'manual' });
      expect(redirect.status).toBe(308);
      expect(redirect.headers.get('location')).toBe('/admin/');
      const page = await fetch(`${fx.url}/admin/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe');
      const html = await page.text();
      expect(html).toContain('<script src="/admin/admin.js" defer></script>');
      expect(html).not.toMatch(/<script>|<style|style="|onclick=/);
      const script = await fetch(`${fx.url}/admin/admin.js`);
      expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      const source = await script.text();
      expect(source).toContain("'/v1/admin/sign-in'");
      expect(source).not.toMatch(/innerHTML|eval\(/);
      expect(() => new Function(source)).not.toThrow(); // it parses
      expect((await fetch(`${fx.url}/admin/admin.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8');
      expect((await fetch(`${fx.url}/admin/other.js`)).status).toBe(401); // not a file of the page: an API path
    } finally {
      await fx.close();
    }
  });
});
