import { describe, expect, it } from 'vitest';
import { accessOfToken, canSeeTeam, requireRole, requireTeam, visibleTeams, type Access } from '../../../../services/workorder/people/access';
import { HttpError } from '../../../../services/workorder/http';
import { generatePassword, hashPassword, verifyPassword } from '../../../../services/workorder/people/passwords';

const person = (roles: Access['roles'], leadsTeams: string[] = []): Access => ({ personId: 'p', roles, teamId: 'team-a', leadsTeams });
const ALL = ['team-a', 'team-b', 'team-c'];

describe('access by role and team', () => {
  it('an agent or trainer sees their own team; a lead also the teams they lead; an admin every team', () => {
    expect(visibleTeams(person(['agent']), ALL)).toEqual(['team-a']);
    expect(visibleTeams(person(['trainer']), ALL)).toEqual(['team-a']);
    expect(visibleTeams(person(['agent', 'lead'], ['team-a', 'team-b']), ALL)).toEqual(['team-a', 'team-b']);
    expect(visibleTeams(person(['admin']), ALL)).toEqual(ALL);
    // Led teams count only with the lead role.
    expect(canSeeTeam(person(['agent'], ['team-b']), 'team-b')).toBe(false);
  });

  it('refuses a missing role with 403 and another team as not found', () => {
    expect(() => requireRole(person(['agent']), 'lead', 'admin')).toThrow(expect.objectContaining({ status: 403, code: 'forbidden' }));
    expect(() => requireRole(person(['agent', 'lead']), 'lead', 'admin')).not.toThrow();
    expect(() => requireTeam(person(['agent']), 'team-b')).toThrow(HttpError);
    expect(() => requireTeam(person(['agent']), 'team-b')).toThrow(expect.objectContaining({ status: 404 }));
  });

  it('a token without a person: agent tokens are agents of their team, centre tokens its lead', () => {
    const caller = { tokenId: 't', agentId: '0307', teamId: 'team-b', personId: null, expiresAt: null };
    expect(accessOfToken({ ...caller, role: 'agent' })).toEqual({ personId: null, roles: ['agent'], teamId: 'team-b', leadsTeams: [] });
    expect(visibleTeams(accessOfToken({ ...caller, role: 'centre' }), ALL)).toEqual(['team-b']);
  });
});

describe('passwords', () => {
  it('verifies the right password only; the same password hashes differently each time', async () => {
    const hash = await hashPassword('电话12345-pw');
    expect(await verifyPassword('电话12345-pw', hash)).toBe(true);
    expect(await verifyPassword('电话12345-pW', hash)).toBe(false);
    expect(await hashPassword('电话12345-pw')).not.toBe(hash);
  });

  it('refuses malformed or tampered hashes without throwing (and without an unbounded cost)', async () => {
    const hash = await hashPassword('secret-pw');
    const parts = hash.split('$');
    for (const bad of ['', 'plain', 'bcrypt$x', parts.slice(0, 5).join('$'), [...parts.slice(0, 1), String(1 << 24), ...parts.slice(2)].join('$')]) {
      expect(await verifyPassword('secret-pw', bad), bad).toBe(false);
    }
  });

  it('generates readable passwords without look-alike characters', () => {
    const passwords = Array.from({ length: 50 }, () => generatePassword());
    for (const password of passwords) expect(password).toMatch(/^[a-km-np-zA-HJ-NP-Z2-9]{12}$/);
    expect(new Set(passwords).size).toBe(50);
  });
});
