/**
 * Dialog-info presence in the lab's Kamailio (startLab({ presence: true })):
 * the command-line defines that switch it on (kamailio.cfg, WITH_PRESENCE) and
 * the db_text files pua needs (it binds its table even when it keeps
 * everything in memory). Nothing else of the lab changes.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Debian's db_text schema files (package kamailio). */
const DBTEXT_SCHEMA_DIR = '/usr/share/kamailio/dbtext/kamailio';

export interface LabPresenceOptions {
  /**
   * Auth users who may watch anyone's dialogs (the leads' SIP accounts).
   * Everyone else may watch only their own. Default: the lab's team lead, 3001.
   */
  leads?: readonly string[];
}

/** Writes the db_text directory for pua under `dir`; returns its path. */
export function writePresenceDb(dir: string): string {
  const dbDir = join(dir, 'presence-dbtext');
  mkdirSync(dbDir, { recursive: true });
  for (const table of ['version', 'pua']) copyFileSync(join(DBTEXT_SCHEMA_DIR, table), join(dbDir, table));
  return dbDir;
}

/** `-A` defines for one Kamailio instance listening on tcp:127.0.0.1:`port`. */
export function presenceDefines(dbDir: string, port: number, options: LabPresenceOptions): string[] {
  const leads = options.leads ?? ['3001'];
  for (const lead of leads) if (!/^[0-9A-Za-z_-]{1,32}$/.test(lead)) throw new Error(`lab: bad lead account ${lead}`);
  return [
    '-A', 'WITH_PRESENCE',
    '-A', `PRESENCE_DB="text://${dbDir}"`,
    // pua_dialoginfo's PUBLISHes go to this same instance over plain TCP (kamailio.cfg accepts PUBLISH only so).
    '-A', `PRESENCE_PROXY="sip:127.0.0.1:${port};transport=tcp"`,
    '-A', `PRESENCE_LEADS="${leads.join(',')}"`,
  ];
}
