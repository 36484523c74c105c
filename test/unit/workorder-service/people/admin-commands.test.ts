import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError, runAdminCommand } from '../../../../services/workorder/admin-commands';
import { openSqliteStore, type SqliteWorkOrderStore } from '../../../../services/workorder/store/sqlite/sqlite-store';
import { SQLITE_MIGRATIONS } from '../../../../services/workorder/store/sqlite/migrations';
import { makeTempDir } from '../../../support/temp-dir';
import { DEPARTMENT_LINES, PASSWORDS, io, seedCentre } from './seed';

const run = promisify(execFile);
const runner = join(import.meta.dirname, '../../../../services/workorder/run.mjs');

describe('people admin commands (SQLite)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let store: SqliteWorkOrderStore;
  const admin = (argv: string[], stdin = '', files: Record<string, string> = {}) => runAdminCommand(store, argv, 1_000, io(stdin, files));
  beforeEach(() => {
    dir = makeTempDir('people-admin-');
    store = openSqliteStore(join(dir.path, 'w.sqlite'));
  });
  afterEach(async () => {
    await store.close();
    dir.remove();
  });

  it('create-person without a password prints a generated one once; only its scrypt hash is stored', async () => {
    await admin(['create-team', '--id', 'team-a', '--name', '一组']);
    const created = JSON.parse(await admin(['create-person', '--work-number', '0307', '--name', '李娜', '--team', 'team-a', '--roles', 'agent']));
    expect(created.person).toMatchObject({ workNumber: '0307', name: '李娜', teamId: 'team-a', roles: ['agent'], leadsTeams: [] });
    expect(created.password).toMatch(/^[A-Za-z2-9]{12}$/);
    const hash = (await store.people.personByWorkNumber('0307'))?.passwordHash ?? '';
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(hash).not.toContain(created.password);
    // A second person with the same password gets another salt, so another hash.
    await admin(['create-person', '--work-number', '0308', '--name', '张伟', '--team', 'team-a', '--roles', 'agent', '--password-stdin'], created.password);
    expect((await store.people.personByWorkNumber('0308'))?.passwordHash).not.toBe(hash);
    // set-password without stdin generates again.
    expect(JSON.parse(await admin(['set-password', '--work-number', '0307'])).password).toMatch(/^[A-Za-z2-9]{12}$/);
    expect(await admin(['set-password', '--work-number', '0307', '--password-stdin'], 'a-chosen-password\n')).toBe('password set');
  });

  it('list-people shows roles, teams, SIP and sessions, never a hash or a SIP password', async () => {
    await seedCentre(store, 1_000);
    const listed = await admin(['list-people']);
    expect(listed).not.toContain('scrypt');
    expect(listed).not.toContain('sip-secret');
    const people = JSON.parse(listed) as { workNumber: string; roles: string[]; leadsTeams: string[]; hasSip: boolean }[];
    expect(people.map((p) => [p.workNumber, p.roles.join(','), p.leadsTeams.join(','), p.hasSip])).toEqual([
      ['0307', 'agent', '', true],
      ['0401', 'agent,lead', 'team-a,team-b', false],
      ['0501', 'agent', '', false],
      ['9001', 'admin', '', false],
    ]);
    expect(JSON.parse(await admin(['list-people', '--team', 'team-b'])).map((p: { workNumber: string }) => p.workNumber)).toEqual(['0501']);
    expect(JSON.parse(await admin(['list-teams'])).map((t: { id: string }) => t.id)).toEqual(['team-a', 'team-b', 'team-c']);
  });

  it('set-centre changes what it is given and keeps the rest; set-departments replaces the list in file order', async () => {
    await expect(admin(['set-centre', '--acw-seconds', '30'])).rejects.toThrow(/--city/);
    await admin(['set-centre', '--city', '昆明']);
    expect(JSON.parse(await admin(['set-centre', '--sip-servers', 'wss://a.example/ws', '--auto-answer-seconds', '3']))).toEqual({
      sipServers: ['wss://a.example/ws'],
      city: '昆明',
      afterCallWorkSeconds: 60,
      autoAnswerSeconds: 3,
    });
    expect(JSON.parse(await admin(['set-centre', '--auto-answer-seconds', 'off'])).autoAnswerSeconds).toBeNull();
    await expect(admin(['set-centre', '--sip-servers', 'https://a.example'])).rejects.toThrow(/WebSocket/);
    await expect(admin(['set-centre', '--acw-seconds', 'soon'])).rejects.toBeInstanceOf(UsageError);

    expect(await admin(['set-departments', '--file', 'd.txt'], '', { 'd.txt': DEPARTMENT_LINES })).toBe('2 departments set');
    await admin(['set-departments', '--file', 'd.txt'], '', { 'd.txt': 'housing|住建局|Housing Bureau\nhealth|卫健委|Health Commission\n' });
    expect(await store.people.listDepartments()).toEqual([
      { id: 'housing', zh: '住建局', en: 'Housing Bureau' },
      { id: 'health', zh: '卫健委', en: 'Health Commission' },
    ]);
    for (const bad of ['housing|住建局', 'Housing|住建局|Housing', 'a|甲|A\na|乙|B', '# nothing\n']) {
      await expect(admin(['set-departments', '--file', 'd.txt'], '', { 'd.txt': bad }), bad).rejects.toBeInstanceOf(UsageError);
    }
    expect(await store.people.listDepartments()).toHaveLength(2); // a refused file changes nothing
  });

  it('refuses what cannot be: unknown team, taken work number, bad roles, leads without the lead role, a short password, a bad SIP URI', async () => {
    await admin(['create-team', '--id', 'team-a', '--name', '一组']);
    await expect(admin(['create-team', '--id', 'team-a', '--name', '又一组'])).rejects.toThrow(/already exists/);
    const person = ['create-person', '--work-number', '0307', '--name', '李娜', '--team', 'team-a', '--roles'];
    await expect(admin(['create-person', '--work-number', '0307', '--name', '李娜', '--team', 'team-x', '--roles', 'agent'])).rejects.toThrow(/no such team/);
    await expect(admin([...person, 'root'])).rejects.toBeInstanceOf(UsageError);
    await expect(admin([...person, 'agent', '--leads', 'team-a'])).rejects.toThrow(/lead role/);
    await expect(admin([...person, 'agent,lead', '--leads', 'team-z'])).rejects.toThrow(/no such team/);
    await expect(admin([...person, 'agent', '--password-stdin'], 'short')).rejects.toBeInstanceOf(UsageError);
    await expect(admin([...person, 'agent', '--password-stdin'], '')).rejects.toThrow(/standard input/);
    await expect(admin(['create-person', '--work-number', '03 07', '--name', 'x', '--team', 'team-a', '--roles', 'agent'])).rejects.toBeInstanceOf(UsageError);
    await admin([...person, 'agent']);
    await expect(admin([...person, 'agent'])).rejects.toThrow(/taken/);
    expect(await store.people.listPeople()).toHaveLength(1);

    const sip = ['set-sip', '--work-number', '0307', '--auth-user', '0307', '--sip-password-stdin', '--uri'];
    await expect(admin([...sip, 'not-a-uri'], 'secret')).rejects.toBeInstanceOf(UsageError);
    await expect(admin(['set-sip', '--work-number', '0307', '--uri', 'sip:0307@c.example', '--auth-user', '0307'])).rejects.toThrow(/stdin/);
    await expect(admin([...sip, 'sip:0999@c.example'].map((a) => (a === '0307' ? '0999' : a)), 'secret')).rejects.toThrow(/no person/);
    await admin([...sip, 'sip:0307@c.example'], 'secret');
    expect((await store.people.personByWorkNumber('0307'))?.sip).toEqual({ uri: 'sip:0307@c.example', authUser: '0307', password: 'secret' });
    await admin(['set-sip', '--work-number', '0307', '--clear']);
    expect((await store.people.personByWorkNumber('0307'))?.sip).toBeNull();
    await expect(admin(['set-password', '--work-number', '0999'])).rejects.toThrow(/no person/);
    await expect(admin(['sign-out-person'])).rejects.toThrow(/--work-number/);
    await expect(admin(['list-people', '--bogus'])).rejects.toBeInstanceOf(UsageError);
  });

  it('set-person changes roles, team and led teams; list-sessions shows live sessions with their desk', async () => {
    await seedCentre(store, 1_000);
    const changed = JSON.parse(await admin(['set-person', '--work-number', '0307', '--roles', 'agent,lead', '--leads', 'team-c']));
    expect(changed.person).toMatchObject({ roles: ['agent', 'lead'], teamId: 'team-a', leadsTeams: ['team-a', 'team-c'] });
    expect(JSON.parse(await admin(['set-person', '--work-number', '0307', '--leads', 'none'])).person.leadsTeams).toEqual(['team-a']);
    expect(JSON.parse(await admin(['set-person', '--work-number', '0307', '--roles', 'agent'])).person.leadsTeams).toEqual([]);
    await expect(admin(['set-person', '--work-number', '0307', '--team', 'team-zz'])).rejects.toThrow(/no such team/);
    await expect(admin(['set-person', '--work-number', '0307', '--roles', 'boss'])).rejects.toBeInstanceOf(UsageError);
    expect(JSON.parse(await admin(['list-sessions']))).toEqual([]);
    await expect(admin(['list-sessions', '--work-number', '0999'])).rejects.toThrow(/no person/);
  });

  it('through the real CLI: create-person reads the password from stdin; upgrades a database made before people existed', async () => {
    const databasePath = join(dir.path, 'cli.sqlite');
    const env = { ...process.env, DATABASE_PATH: databasePath };
    // A database of the previous schema (30) with a desk token: it migrates and the token keeps working.
    await run(process.execPath, [runner, 'admin', 'issue-token', '--agent', '0307', '--team', 'team-a'], { env, timeout: 30_000 });
    const raw = new Database(databasePath);
    // Every table a later migration (or a store) made goes: schema 30 had only these.
    const schema30 = new Set(['api_tokens', 'work_orders', 'work_order_changes', 'service_identity', 'feed_horizon', 'sqlite_sequence']);
    const later = (raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]).filter((name) => !schema30.has(name));
    expect(later).toEqual(expect.arrayContaining(['people', 'teams', 'floor_states']));
    raw.pragma('foreign_keys = OFF');
    for (const name of later) raw.exec(`DROP TABLE "${name}"`);
    raw.exec('DROP INDEX api_tokens_by_person; ALTER TABLE api_tokens DROP COLUMN person_id; ALTER TABLE api_tokens DROP COLUMN expires_at;');
    raw.pragma('user_version = 30');
    raw.close();
    const cli = (args: string[], input?: string) => {
      const child = run(process.execPath, [runner, 'admin', ...args], { env, timeout: 30_000 });
      if (input !== undefined) child.child.stdin?.end(input);
      else child.child.stdin?.end();
      return child;
    };
    await cli(['create-team', '--id', 'team-a', '--name', '一组']);
    const { stdout } = await cli(['create-person', '--work-number', '0307', '--name', '李娜', '--team', 'team-a', '--roles', 'agent', '--password-stdin'], `${PASSWORDS.agent}\n`);
    expect(JSON.parse(stdout)).toMatchObject({ person: { workNumber: '0307' }, password: null });
    expect(readFileSync(databasePath).includes(PASSWORDS.agent)).toBe(false);
    const check = new Database(databasePath, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SQLITE_MIGRATIONS.at(-1)?.version);
    expect(check.prepare('SELECT count(*) FROM api_tokens WHERE person_id IS NULL AND revoked_at IS NULL').pluck().get()).toBe(1);
    check.close();
    writeFileSync(join(dir.path, 'departments.txt'), DEPARTMENT_LINES);
    expect((await cli(['set-departments', '--file', join(dir.path, 'departments.txt')])).stdout.trim()).toBe('2 departments set');
    await expect(cli(['create-person', '--work-number', '0307'])).rejects.toMatchObject({ code: 2 });
  }, 90_000);
});
