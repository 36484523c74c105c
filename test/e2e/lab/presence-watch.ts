/**
 * The PBX's table of who may watch whose calls (dialog-info presence), as a
 * centre's provisioning writes it from the centre service's people and teams:
 * each agent's team, and each team a lead leads. Kamailio loads it into the
 * htable `presence_watch` (kamailio.cfg, WITH_PRESENCE) and PRESENCE_AUTH
 * lets a lead SUBSCRIBE to an agent only when the lead leads the agent's
 * team. Keys: `agent/<auth user>` → team id; `lead/<auth user>/<team id>` → 1.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PersonRecord } from '../../../services/workorder/people/people-store';

/** The htable's own database schema (Debian: /usr/share/kamailio/dbtext/kamailio/htable), under the table's name. */
export const PRESENCE_WATCH_TABLE = 'presence_watch';
const HEADER = 'id(int,auto) key_name(string) key_type(int) value_type(int) key_value(string) expires(int) ';

export interface PresenceWatchers {
  /** Auth user → the team the agent is in. */
  agents: Record<string, string>;
  /** Auth user → the teams the lead leads. */
  leads: Record<string, readonly string[]>;
}

/** From the centre's people: everyone with a SIP account is watched as their team's; a lead watches the teams they lead. */
export function watchersFromPeople(people: readonly Pick<PersonRecord, 'teamId' | 'roles' | 'leadsTeams' | 'sip' | 'disabledAt'>[]): PresenceWatchers {
  const watchers: PresenceWatchers = { agents: {}, leads: {} };
  for (const person of people) {
    if (!person.sip || person.disabledAt !== null) continue;
    watchers.agents[person.sip.authUser] = person.teamId;
    if (person.roles.includes('lead') && person.leadsTeams.length > 0) watchers.leads[person.sip.authUser] = [...person.leadsTeams];
  }
  return watchers;
}

/** A name safe in a db_text row and an htable key (no ':' to escape, no '/' to split on). */
const SAFE = /^[A-Za-z0-9_.@-]{1,64}$/;

/** The db_text rows of the table. */
export function presenceWatchRows(watchers: PresenceWatchers): string[] {
  const rows: string[] = [];
  const add = (key: string, valueType: 0 | 1, value: string) => rows.push(`${rows.length + 1}:${key}:0:${valueType}:${value}:0`);
  for (const [agent, team] of Object.entries(watchers.agents)) {
    if (!SAFE.test(agent) || !SAFE.test(team)) throw new Error(`presence watch table: bad agent ${agent} or team ${team}`);
    add(`agent/${agent}`, 0, team);
  }
  for (const [lead, teams] of Object.entries(watchers.leads)) {
    if (!SAFE.test(lead)) throw new Error(`presence watch table: bad lead ${lead}`);
    for (const team of teams) {
      if (!SAFE.test(team)) throw new Error(`presence watch table: bad team ${team}`);
      add(`lead/${lead}/${team}`, 1, '1');
    }
  }
  return rows;
}

/** Writes the table into the db_text directory `dbDir` (read by Kamailio when it starts). */
export function writePresenceWatchTable(dbDir: string, watchers: PresenceWatchers): void {
  writeFileSync(join(dbDir, PRESENCE_WATCH_TABLE), [HEADER, ...presenceWatchRows(watchers)].join('\n') + '\n');
}
