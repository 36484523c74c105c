/**
 * Dialog-info presence in the lab's Kamailio (startLab({ presence: true })):
 * the command-line defines that switch it on (kamailio.cfg, WITH_PRESENCE),
 * the db_text files pua needs (it binds its table even when it keeps
 * everything in memory), and the table of who may watch whom
 * (presence-watch.ts), which the lab writes from the centre's people and
 * reloads into the running Kamailio over its control socket, as a centre's
 * provisioning would. Nothing else of the lab changes.
 */
import { execFile } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PRESENCE_WATCH_TABLE, writePresenceWatchTable, type PresenceWatchers } from './presence-watch';

/** Debian's db_text schema files (package kamailio). */
const DBTEXT_SCHEMA_DIR = '/usr/share/kamailio/dbtext/kamailio';

export interface LabPresenceOptions {
  /**
   * Who may watch whom at start (agents' teams, leads' teams, by auth user;
   * written again at each Kamailio start). Default: each user only their own
   * dialogs; `syncPresenceWatchers` replaces it while the lab runs.
   */
  watchers?: PresenceWatchers;
}

/** The db_text directory for pua and the watch table, under the lab's tmpDir. */
export function presenceDbDir(tmpDir: string): string {
  return join(tmpDir, 'presence-dbtext');
}

/** Kamailio's control socket (ctl module, binrpc) for the instance on `port`: htable.reload goes through it. */
export function presenceCtlSocket(dbDir: string, port: number): string {
  return join(dbDir, `ctl-${port}.sock`);
}

/** Writes the db_text directory for pua and the watch table under `dir`; returns its path. */
export function writePresenceDb(dir: string): string {
  const dbDir = presenceDbDir(dir);
  mkdirSync(dbDir, { recursive: true });
  for (const table of ['version', 'pua']) copyFileSync(join(DBTEXT_SCHEMA_DIR, table), join(dbDir, table));
  // The htable table's schema version, under this table's name.
  appendFileSync(join(dbDir, 'version'), `0:${PRESENCE_WATCH_TABLE}:2\n`);
  writePresenceWatchTable(dbDir, { agents: {}, leads: {} });
  return dbDir;
}

/** `-A` defines for one Kamailio instance listening on tcp:127.0.0.1:`port`; the start's watchers written first, when given. */
export function presenceDefines(dbDir: string, port: number, options: LabPresenceOptions = {}): string[] {
  if (options.watchers) writePresenceWatchTable(dbDir, options.watchers);
  return [
    '-A', 'WITH_PRESENCE',
    '-A', `PRESENCE_DB="text://${dbDir}"`,
    // pua_dialoginfo's PUBLISHes go to this same instance over plain TCP (kamailio.cfg accepts PUBLISH only so).
    '-A', `PRESENCE_PROXY="sip:127.0.0.1:${port};transport=tcp"`,
    '-A', `PRESENCE_CTL="unix:${presenceCtlSocket(dbDir, port)}"`,
  ];
}

/**
 * Writes the watch table anew and has the running Kamailio on `port` reload
 * it (`kamcmd htable.reload presence_watch`): what a centre's provisioning
 * does after people or teams change.
 */
export async function syncPresenceWatchers(lab: { tmpDir: string; port: number }, watchers: PresenceWatchers): Promise<void> {
  const dbDir = presenceDbDir(lab.tmpDir);
  writePresenceWatchTable(dbDir, watchers);
  await new Promise<void>((resolve, reject) => {
    execFile('kamcmd', ['-s', `unix:${presenceCtlSocket(dbDir, lab.port)}`, 'htable.reload', PRESENCE_WATCH_TABLE], { timeout: 5_000 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`lab: htable.reload failed: ${error.message} ${stderr}`));
      else resolve();
    });
  });
}
