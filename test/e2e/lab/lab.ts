/**
 * A real SIP lab for end-to-end tests: Kamailio (SIP over WebSocket, registrar,
 * digest auth, proxy) inside a private network namespace that only has `lo`,
 * plus a wrapper script that starts Chromium inside the same namespace.
 *
 *   const lab = await startLab();
 *   // lab.wsUrl  -> ws://127.0.0.1:5066   (reachable only from inside the netns,
 *   //                                     i.e. from browsers launched via lab.chromiumPath)
 *   // lab.account('1001') -> { uri: 'sip:1001@hotline.test', authUser: '1001', password: 'pw-1001', ... }
 *   await lab.stop();
 *
 * Opt-in, `startLab({ agentNetwork: true })`: the agent's browser gets a network
 * path of its own whose address can change mid-call (lab.agentNetwork,
 * lab.changeAgentAddress(); see AgentNetwork).
 *
 * Opt-in, `startLab({ presence: true })` (or `{ presence: { watchers } }`):
 * dialog-info presence in Kamailio (see presence.ts and kamailio.cfg WITH_PRESENCE).
 *
 * Opt-in, `startLab({ telephone: true })`: the telephone network's side,
 * rtpengine bridging WebRTC to plain RTP and baresip phones as G.711 callers
 * (lab.telephone; see telephone.ts).
 *
 * Everything runtime-generated lives in a fresh temp dir (lab.tmpDir), never in
 * the repo. A holder process (netns-holder.mjs) owns the namespace, answers
 * readiness probes from inside it and, if the test process dies, SIGKILLs every
 * process left in the namespace.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startTelephone, type TelephoneHandle, type TelephoneLab } from './telephone';
import { presenceDefines, writePresenceDb, type LabPresenceOptions } from './presence';

const here = dirname(fileURLToPath(import.meta.url));

export const LAB_DOMAIN = 'hotline.test';

/** All accounts known to the lab's Kamailio (see kamailio.cfg). Password = `pw-<user>`. */
export const LAB_USERS = {
  agents: ['1001', '1002', '1003', '1004'],
  callers: ['2001', '2002', '2003'],
  teamLeads: ['3001'],
} as const;

const ALL_USERS: readonly string[] = [...LAB_USERS.agents, ...LAB_USERS.callers, ...LAB_USERS.teamLeads];

export interface LabAccount {
  user: string;
  /** e.g. sip:1001@hotline.test */
  uri: string;
  authUser: string;
  password: string;
}

export interface LabTimings {
  /** Namespace holder up and `lo` configured. */
  namespaceMs: number;
  /** Last (re)start of Kamailio until its WebSocket port answered an upgrade with 101. */
  kamailioReadyMs: number;
}

export interface SipLab {
  /** ws://127.0.0.1:<port> (inside the namespace). */
  wsUrl: string;
  port: number;
  domain: string;
  account(user: string): LabAccount;
  /** Executable wrapper that runs Chromium inside the namespace (for Playwright's executablePath). */
  chromiumPath: string;
  tmpDir: string;
  netnsPid: number;
  /** Kamailio's stderr log (errors, one notice line per initial request). */
  kamailioLogPath: string;
  kamailioLogTail(lines?: number): string;
  isKamailioRunning(): boolean;
  timings: LabTimings;
  /** [command, args] that run `command args` inside the lab namespace (for spawn/execFile). */
  inNetns(command: string, args?: readonly string[]): [string, string[]];
  stopKamailio(): Promise<void>;
  startKamailio(): Promise<void>;
  /**
   * SIGSTOP to every Kamailio process: connections stay open (the kernel still
   * accepts and buffers data) but nothing answers, as with a half-open link or
   * a hung server. Undone by thawKamailio(); stopKamailio() thaws first.
   */
  freezeKamailio(): void;
  /** SIGCONT after freezeKamailio(): Kamailio works off what queued up meanwhile. */
  thawKamailio(): void;
  isKamailioFrozen(): boolean;
  /**
   * A second (third...) Kamailio in the same namespace on `port`, with the same
   * config, accounts and options (e.g. a backup server for failover tests). Its
   * registrations are its own (in-memory usrloc). Stopped by lab.stop() too.
   */
  startExtraKamailio(port: number): Promise<KamailioInstance>;
  /** The agent's own network path (startLab({ agentNetwork: true })), else null. */
  agentNetwork: AgentNetwork | null;
  /** rtpengine and plain SIP/RTP phones (startLab({ telephone: true })), else null. */
  telephone: TelephoneLab | null;
  /**
   * A network change on the agent's side (Wi-Fi to wired, a VPN reconnecting):
   * removes the agent namespace's address and at once adds `next` (default: the
   * next free one, 10.77.0.11, .12, ...). Nothing is reset or closed: the old
   * TCP connections just stop carrying anything, as after a real change.
   * Throws without an agent network (as do the two below).
   */
  changeAgentAddress(next?: string): Promise<AddressChange>;
  /** The first half of a change, for a gap without any network: removes the agent's address; resolves with Date.now() once it is gone. */
  removeAgentAddress(): Promise<number>;
  /** The second half: adds `next` (default: the next free one); resolves with the address. */
  addAgentAddress(next?: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The agent's network path: a second namespace (only `lo` and `eth0`) joined to
 * the lab's by a veth pair. The lab side is 10.77.0.1/24 and every Kamailio of
 * the lab also listens there; the agent side starts as 10.77.0.10/24 and has no
 * IPv6, so removing its address leaves it without any network, as an unplugged
 * cable or a lost Wi-Fi would. Caller phones stay in the lab namespace: media
 * between them and the agent crosses the veth too.
 */
export interface AgentNetwork {
  /** The lab side of the link: 10.77.0.1. */
  serverAddress: string;
  /** ws://10.77.0.1:<port>: the lab's Kamailio as the agent's namespace reaches it. */
  wsUrl: string;
  /** The agent side's address now (10.77.0.10 at start); null between removeAgentAddress and addAgentAddress. */
  address(): string | null;
  /** Executable wrapper that runs Chromium inside the agent's namespace (launchLabBrowser(lab, { network: 'agent' })). */
  chromiumPath: string;
  /** Holder process of the agent's namespace. */
  netnsPid: number;
  /** [command, args] that run `command args` inside the agent's namespace. */
  inNetns(command: string, args?: readonly string[]): [string, string[]];
}

export interface AddressChange {
  from: string;
  to: string;
  /** Date.now() once the old address was gone. */
  removedAt: number;
  /** Date.now() when the new address was in place. */
  addedAt: number;
}

/** Addresses of the agent network (AgentNetwork). */
export const AGENT_NET = {
  serverAddress: '10.77.0.1',
  firstAgentAddress: '10.77.0.10',
  prefixLength: 24,
  /** Interface names: the lab side, the agent side. */
  labInterface: 'agent0',
  agentInterface: 'eth0',
} as const;

/** One Kamailio of the lab (see SipLab.startExtraKamailio). */
export interface KamailioInstance {
  /** ws://127.0.0.1:<port> (inside the namespace). */
  wsUrl: string;
  port: number;
  logPath: string;
  isRunning(): boolean;
  /** (Re)starts it on the same port; resolves once it answers a WebSocket upgrade. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** SIGSTOP / SIGCONT, as SipLab.freezeKamailio / thawKamailio. */
  freeze(): void;
  thaw(): void;
  isFrozen(): boolean;
  /** Synchronous SIGKILL of its process group (last resort at process exit). */
  killNow(): void;
}

export interface LabOptions {
  /** WebSocket port inside the namespace (the namespace is private, so any port is free). Default 5066. */
  port?: number;
  /** Kamailio log level (-1 error .. 3 debug). Default 1 (notice: one line per initial request). */
  logLevel?: number;
  /** How Kamailio answers a wrong password: a fresh challenge (401/407, default) or 403. */
  authFailure?: 'challenge' | '403';
  /** A callee that sends no reply at all -> 480 after this many ms (Kamailio tm fr_timer). Default 4000. */
  noReplyTimeoutMs?: number;
  /** A ringing call nobody answers ends after this many ms (tm fr_inv_timer; Kamailio answers 408). Default 60000. */
  ringTimeoutMs?: number;
  /**
   * Registrar bounds in seconds (registrar min_expires / default_expires /
   * max_expires; defaults 10 / 600 / 3600). A short `max` makes Kamailio grant
   * short bindings whatever the phone asks for (registration refresh tests).
   */
  registerExpires?: { min?: number; default?: number; max?: number };
  /** Bound for Kamailio to become ready. Default 10 s. */
  readyTimeoutMs?: number;
  /** Chromium binary run by the wrapper. Default /usr/bin/chromium. */
  chromiumBinary?: string;
  kamailioBinary?: string;
  /** Keep lab.tmpDir after stop() (also with env HOTLINE_LAB_KEEP_TMP=1). */
  keepTmpDir?: boolean;
  /** Give the agent's browser its own network path whose address can change (see AgentNetwork). Default false. */
  agentNetwork?: boolean;
  /** rtpengine, Kamailio's UDP listener and baresip phones (see TelephoneLab). Default false. */
  telephone?: boolean;
  /** Dialog-info presence: calls published, SUBSCRIBE (Event: dialog) served and authorised. Default off. */
  presence?: boolean | LabPresenceOptions;
}

/** Internal: an instance that also reports how long its start took (ms). */
interface ManagedInstance extends KamailioInstance {
  startTimed(): Promise<number>;
}

interface HolderReply {
  id: number;
  ok: boolean;
  error?: string;
  killed?: number[];
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function execFileP(command: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: timeoutMs, killSignal: 'SIGKILL' }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${command} ${args.join(' ')} failed: ${err.message} ${stderr}`));
      else resolve(stdout);
    });
  });
}

function exitPromise(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // group already gone
  }
}

/** Holder of the namespace: a Node process started with `unshare -n`, talking JSON lines. */
class NetnsHolder {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: HolderReply) => void>();
  private readonly exited: Promise<void>;

  readonly child: ChildProcess;

  private constructor(child: ChildProcess) {
    this.child = child;
    this.exited = exitPromise(child);
    child.once('exit', () => {
      for (const resolve of this.pending.values()) resolve({ id: 0, ok: false, error: 'holder exited' });
      this.pending.clear();
    });
  }

  get pid(): number {
    const pid = this.child.pid;
    if (pid === undefined) throw new Error('netns holder has no pid');
    return pid;
  }

  /** `removeOnExit`: the lab temp dir the holder deletes when it exits (watchdog). */
  static async start(logPath: string, removeOnExit: string | undefined): Promise<NetnsHolder> {
    const logFd = openSync(logPath, 'a');
    let child: ChildProcess;
    try {
      child = spawn('unshare', ['-n', '--', process.execPath, join(here, 'netns-holder.mjs'), ...(removeOnExit ? [removeOnExit] : [])], {
        detached: true,
        stdio: ['pipe', 'pipe', logFd],
      });
    } finally {
      closeSync(logFd);
    }
    const holder = new NetnsHolder(child);
    const stdout = child.stdout;
    if (!stdout) throw new Error('netns holder: no stdout');
    const lines = createInterface({ input: stdout });
    const ready = new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) =>
        reject(new Error(`netns holder exited early (${code ?? signal}): ${readTail(logPath, 20)}`)),
      );
      lines.on('line', (line) => {
        let msg: unknown;
        try {
          msg = JSON.parse(line);
        } catch {
          return;
        }
        if (typeof msg !== 'object' || msg === null) return;
        if ('ready' in msg) {
          resolve();
          return;
        }
        const reply = msg as HolderReply;
        const waiter = holder.pending.get(reply.id);
        if (waiter) {
          holder.pending.delete(reply.id);
          waiter(reply);
        }
      });
    });
    try {
      await withTimeout(ready, 10_000, 'netns holder start');
    } catch (err) {
      holder.kill();
      throw err;
    }
    return holder;
  }

  request(cmd: Record<string, unknown>, timeoutMs: number): Promise<HolderReply> {
    const stdin = this.child.stdin;
    if (!stdin || stdin.destroyed || this.child.exitCode !== null) {
      return Promise.resolve({ id: 0, ok: false, error: 'holder not running' });
    }
    const id = this.nextId++;
    const reply = new Promise<HolderReply>((resolve) => this.pending.set(id, resolve));
    stdin.write(`${JSON.stringify({ id, ...cmd })}\n`);
    return withTimeout(reply, timeoutMs, `netns holder ${String(cmd['cmd'])}`).finally(() => this.pending.delete(id));
  }

  /** Kill everything left in the namespace, then let the holder exit. */
  async shutdown(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    await this.request({ cmd: 'sweep' }, 5_000).catch(() => undefined);
    this.child.stdin?.end();
    try {
      await withTimeout(this.exited, 5_000, 'netns holder exit');
    } catch {
      this.kill();
      await withTimeout(this.exited, 2_000, 'netns holder kill').catch(() => undefined);
    }
  }

  /** Synchronous: ask the holder to sweep and exit (it does so on SIGTERM). */
  kill(): void {
    try {
      this.child.kill('SIGTERM');
    } catch {
      // gone
    }
  }
}

function readTail(path: string, lines: number): string {
  try {
    const text = readFileSync(path, 'utf8');
    return text.split('\n').slice(-lines - 1).join('\n');
  } catch {
    return '';
  }
}

function inNamespace(pid: number, command: string, args: string[]): Promise<string> {
  return execFileP('nsenter', ['-t', String(pid), '-n', '--', command, ...args], 5_000);
}

/** AgentNetwork plus what SipLab's removeAgentAddress / addAgentAddress do. */
interface AgentNetworkControl extends AgentNetwork {
  removeAddress(): Promise<number>;
  addAddress(next?: string): Promise<string>;
}

/**
 * The veth pair between the lab namespace (`labPid`) and the agent's
 * (`agentPid`), addresses, and a Chromium wrapper for the agent's side.
 */
async function setUpAgentNetwork(
  labPid: number,
  agentPid: number,
  port: number,
  chromiumPath: string,
  chromiumBinary: string,
): Promise<AgentNetworkControl> {
  const { serverAddress, firstAgentAddress, prefixLength, labInterface, agentInterface } = AGENT_NET;
  // Created in the lab namespace, its peer moved straight into the agent's.
  await inNamespace(labPid, 'ip', ['link', 'add', labInterface, 'type', 'veth', 'peer', 'name', agentInterface, 'netns', String(agentPid)]);
  await inNamespace(labPid, 'ip', ['addr', 'add', `${serverAddress}/${prefixLength}`, 'dev', labInterface]);
  await inNamespace(labPid, 'ip', ['link', 'set', labInterface, 'up']);
  await inNamespace(agentPid, 'ip', ['link', 'set', 'lo', 'up']);
  // No IPv6 link-local address: without its IPv4 address the agent has no network at all.
  await inNamespace(agentPid, 'ip', ['link', 'set', agentInterface, 'addrgenmode', 'none']);
  await inNamespace(agentPid, 'ip', ['addr', 'add', `${firstAgentAddress}/${prefixLength}`, 'dev', agentInterface]);
  await inNamespace(agentPid, 'ip', ['link', 'set', agentInterface, 'up']);
  writeFileSync(
    chromiumPath,
    `#!/bin/sh\n# Runs Chromium inside the agent's network namespace (generated by test/e2e/lab/lab.ts).\n` +
      `exec /usr/bin/nsenter -t ${agentPid} -n -- ${chromiumBinary} "$@"\n`,
  );
  chmodSync(chromiumPath, 0o755);
  let address: string | null = firstAgentAddress;
  let nextHost = 11;
  return {
    serverAddress,
    wsUrl: `ws://${serverAddress}:${port}`,
    address: () => address,
    chromiumPath,
    netnsPid: agentPid,
    inNetns: (command, args = []) => ['nsenter', ['-t', String(agentPid), '-n', '--', command, ...args]],
    removeAddress: async () => {
      if (address === null) throw new Error('lab: the agent has no address to remove');
      await inNamespace(agentPid, 'ip', ['-4', 'addr', 'del', `${address}/${prefixLength}`, 'dev', agentInterface]);
      address = null;
      return Date.now();
    },
    addAddress: async (next) => {
      if (address !== null) throw new Error(`lab: the agent still has ${address}`);
      const to = next ?? `10.77.0.${nextHost++}`;
      await inNamespace(agentPid, 'ip', ['-4', 'addr', 'add', `${to}/${prefixLength}`, 'dev', agentInterface]);
      address = to;
      return to;
    },
  };
}

export async function startLab(options: LabOptions = {}): Promise<SipLab> {
  const port = options.port ?? 5066;
  const readyTimeoutMs = options.readyTimeoutMs ?? 10_000;
  const kamailioBinary = options.kamailioBinary ?? '/usr/sbin/kamailio';
  const chromiumBinary = options.chromiumBinary ?? '/usr/bin/chromium';
  const keepTmpDir = options.keepTmpDir ?? process.env['HOTLINE_LAB_KEEP_TMP'] === '1';
  const cfgPath = join(here, 'kamailio.cfg');
  for (const file of [kamailioBinary, chromiumBinary, cfgPath]) {
    if (!existsSync(file)) throw new Error(`lab: ${file} not found`);
  }

  const tmpDir = mkdtempSync(join(tmpdir(), 'hotline-lab-'));
  const runDir = join(tmpDir, 'kamailio-run');
  const kamailioLogPath = join(tmpDir, 'kamailio.log');
  const chromiumPath = join(tmpDir, 'chromium-in-netns');
  mkdirSync(runDir);

  let holder: NetnsHolder | undefined;
  /** Holder of the agent's namespace (options.agentNetwork). */
  let agentHolder: NetnsHolder | undefined;
  let agentNetwork: AgentNetworkControl | null = null;
  let telephone: TelephoneHandle | null = null;
  let stopped = false;
  /** Every Kamailio instance of this lab: the main one first, then any extra ones. */
  const instances: ManagedInstance[] = [];

  // Last resort if the test process exits without stop(): synchronous kills.
  // If it dies by a signal instead, the holder sees its stdin close, kills
  // everything in the namespace and removes tmpDir.
  const onExit = (): void => {
    for (const instance of instances) instance.killNow();
    agentHolder?.kill();
    holder?.kill();
    if (!keepTmpDir) rmSync(tmpDir, { recursive: true, force: true });
  };
  process.once('exit', onExit);

  const timings: LabTimings = { namespaceMs: 0, kamailioReadyMs: 0 };
  /** pua's db_text directory (options.presence), written at the first start. */
  let presenceDbDir: string | undefined;

  /** One Kamailio process (group) on `instancePort`, same config, accounts and options as the lab's. */
  const makeInstance = (instancePort: number, instanceRunDir: string, logPath: string): ManagedInstance => {
    let kamailio: ChildProcess | undefined;
    let kamailioExited: Promise<void> = Promise.resolve();
    let frozen = false;

    const isRunning = (): boolean => kamailio !== undefined && kamailio.exitCode === null && kamailio.signalCode === null;

    const signal = (sig: 'SIGSTOP' | 'SIGCONT'): void => {
      const child = kamailio;
      if (!child || child.pid === undefined || !isRunning()) throw new Error(`lab: kamailio on ${instancePort} is not running (${sig})`);
      // Kamailio's children share its process group (it was spawned detached).
      process.kill(-child.pid, sig);
    };

    const stopInstance = async (): Promise<void> => {
      const child = kamailio;
      if (!child || child.pid === undefined) return;
      const pgid = child.pid;
      // A frozen Kamailio would not act on SIGTERM.
      if (frozen) {
        killGroup(pgid, 'SIGCONT');
        frozen = false;
      }
      // SIGTERM to the main process: it stops its children itself.
      try {
        child.kill('SIGTERM');
      } catch {
        // already gone
      }
      try {
        await withTimeout(kamailioExited, 5_000, 'kamailio SIGTERM');
      } catch {
        killGroup(pgid, 'SIGKILL');
        await withTimeout(kamailioExited, 2_000, 'kamailio SIGKILL').catch(() => undefined);
      }
      // Kamailio's children share its process group; make sure none outlives it.
      for (let i = 0; i < 50 && groupAlive(pgid); i++) {
        killGroup(pgid, i < 20 ? 'SIGTERM' : 'SIGKILL');
        await delay(20);
      }
      if (groupAlive(pgid)) throw new Error(`lab: kamailio process group ${pgid} survives SIGKILL`);
      kamailio = undefined;
    };

    const startInstance = async (): Promise<number> => {
      if (stopped) throw new Error('lab: already stopped');
      if (isRunning()) return 0;
      if (!holder) throw new Error('lab: no namespace');
      const t0 = performance.now();
      const defines = ['-A', `LAB_DEBUG=${options.logLevel ?? 1}`];
      if (options.authFailure === '403') defines.push('-A', 'AUTH_FAIL_403');
      if (options.noReplyTimeoutMs !== undefined) defines.push('-A', `FR_TIMER=${Math.round(options.noReplyTimeoutMs)}`);
      if (options.ringTimeoutMs !== undefined) defines.push('-A', `FR_INV_TIMER=${Math.round(options.ringTimeoutMs)}`);
      const expires = options.registerExpires;
      if (expires?.min !== undefined) defines.push('-A', `MIN_EXPIRES=${Math.round(expires.min)}`);
      if (expires?.default !== undefined) defines.push('-A', `DEFAULT_EXPIRES=${Math.round(expires.default)}`);
      if (expires?.max !== undefined) defines.push('-A', `MAX_EXPIRES=${Math.round(expires.max)}`);
      if (options.presence) {
        presenceDbDir ??= writePresenceDb(tmpDir);
        defines.push(...presenceDefines(presenceDbDir, instancePort, options.presence === true ? {} : options.presence));
      }
      const logFd = openSync(logPath, 'a');
      let child: ChildProcess;
      try {
        writeFileSync(logFd, `\n===== lab: kamailio start ${new Date().toISOString()} =====\n`);
        child = spawn(
          'nsenter',
          [
            '-t', String(holder.pid), '-n', '--',
            kamailioBinary,
            '-DD', '-E',
            '-f', cfgPath,
            '-l', `tcp:127.0.0.1:${instancePort}`,
            // The agent network's side of the veth (it exists before any Kamailio starts).
            ...(options.agentNetwork ? ['-l', `tcp:${AGENT_NET.serverAddress}:${instancePort}`] : []),
            // Plain SIP phones over UDP and media bridging (only the primary instance owns the UDP port).
            ...(options.telephone && instancePort === port ? ['-l', 'udp:127.0.0.1:5060', '-A', 'WITH_RTPENGINE'] : []),
            '-P', join(instanceRunDir, 'kamailio.pid'),
            '-Y', instanceRunDir,
            '-w', instanceRunDir,
            '-m', '64', '-M', '8',
            ...defines,
          ],
          { detached: true, stdio: ['ignore', logFd, logFd] },
        );
      } finally {
        closeSync(logFd);
      }
      kamailio = child;
      kamailioExited = exitPromise(child);
      let spawnError: Error | undefined;
      child.once('error', (err) => {
        spawnError = err;
      });

      // Readiness: poll a WebSocket upgrade from inside the namespace, bounded in
      // attempts and time; give up at once if Kamailio exits.
      const deadline = Date.now() + readyTimeoutMs;
      let lastError = 'not probed';
      for (let attempt = 0; attempt < 400; attempt++) {
        if (spawnError) throw new Error(`lab: cannot start kamailio: ${spawnError.message}`);
        if (!isRunning()) {
          throw new Error(
            `lab: kamailio exited (${child.exitCode ?? child.signalCode}) during start:\n${readTail(logPath, 30)}`,
          );
        }
        if (Date.now() > deadline) break;
        const reply = await holder.request({ cmd: 'probe-ws', port: instancePort, timeoutMs: 500 }, 2_000);
        if (reply.ok) return Math.round(performance.now() - t0);
        lastError = reply.error ?? 'unknown';
        await delay(25);
      }
      await stopInstance().catch(() => undefined);
      throw new Error(
        `lab: kamailio not ready on port ${instancePort} within ${readyTimeoutMs} ms (${lastError}):\n${readTail(logPath, 30)}`,
      );
    };

    const instance: ManagedInstance = {
      wsUrl: `ws://127.0.0.1:${instancePort}`,
      port: instancePort,
      logPath,
      isRunning,
      start: async () => {
        await startInstance();
      },
      stop: stopInstance,
      freeze: () => {
        signal('SIGSTOP');
        frozen = true;
      },
      thaw: () => {
        if (!frozen) return;
        signal('SIGCONT');
        frozen = false;
      },
      isFrozen: () => frozen,
      killNow: () => {
        if (kamailio?.pid !== undefined) killGroup(kamailio.pid, 'SIGKILL');
      },
      startTimed: startInstance,
    };
    instances.push(instance);
    return instance;
  };

  const primary = makeInstance(port, runDir, kamailioLogPath);
  const isKamailioRunning = primary.isRunning;
  const stopKamailio = primary.stop;
  const startKamailio = async (): Promise<void> => {
    if (primary.isRunning()) return;
    timings.kamailioReadyMs = await primary.startTimed();
  };

  const startExtraKamailio = async (extraPort: number): Promise<KamailioInstance> => {
    if (extraPort === port || instances.some((i) => i.port === extraPort)) throw new Error(`lab: port ${extraPort} is taken`);
    const extraRunDir = join(tmpDir, `kamailio-run-${extraPort}`);
    mkdirSync(extraRunDir);
    const extra = makeInstance(extraPort, extraRunDir, join(tmpDir, `kamailio-${extraPort}.log`));
    await extra.start();
    return extra;
  };

  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    try {
      await telephone?.stop().catch(() => undefined);
      for (const instance of [...instances].reverse()) await instance.stop().catch(() => undefined);
      // The veth pair goes with the agent's namespace once its last process is gone.
      await agentHolder?.shutdown();
      await holder?.shutdown();
    } finally {
      process.removeListener('exit', onExit);
      if (!keepTmpDir) rmSync(tmpDir, { recursive: true, force: true, maxRetries: 3 });
    }
  };

  try {
    const t0 = performance.now();
    holder = await NetnsHolder.start(join(tmpDir, 'netns-holder.log'), keepTmpDir ? undefined : tmpDir);
    const netnsPid = holder.pid;
    await execFileP('nsenter', ['-t', String(netnsPid), '-n', '--', 'ip', 'link', 'set', 'lo', 'up'], 5_000);
    timings.namespaceMs = Math.round(performance.now() - t0);

    if (options.agentNetwork) {
      // No temp dir for this holder to remove: the lab's own holder does that.
      agentHolder = await NetnsHolder.start(join(tmpDir, 'agent-netns-holder.log'), undefined);
      agentNetwork = await setUpAgentNetwork(netnsPid, agentHolder.pid, port, join(tmpDir, 'chromium-in-agent-netns'), chromiumBinary);
    }

    writeFileSync(
      chromiumPath,
      `#!/bin/sh\n# Runs Chromium inside the lab network namespace (generated by test/e2e/lab/lab.ts).\n` +
        `exec /usr/bin/nsenter -t ${netnsPid} -n -- ${chromiumBinary} "$@"\n`,
    );
    chmodSync(chromiumPath, 0o755);

    if (options.telephone) {
      telephone = await startTelephone((command, args) => ['nsenter', ['-t', String(netnsPid), '-n', '--', command, ...args]], tmpDir);
    }
    await startKamailio();
    if (agentHolder && agentNetwork) {
      // The path works before any test relies on it: a WebSocket upgrade from the agent's side.
      const reply = await agentHolder.request({ cmd: 'probe-ws', host: AGENT_NET.serverAddress, port, timeoutMs: 2_000 }, 5_000);
      if (!reply.ok) throw new Error(`lab: kamailio not reachable from the agent network (${reply.error ?? 'unknown'})`);
    }
    const agentControl = (): AgentNetworkControl => {
      if (!agentNetwork) throw new Error('lab: no agent network (startLab({ agentNetwork: true }))');
      return agentNetwork;
    };
    const changeAgentAddress = async (next?: string): Promise<AddressChange> => {
      const control = agentControl();
      const from = control.address();
      if (from === null) throw new Error('lab: the agent has no address to change (addAgentAddress)');
      if (next === from) throw new Error(`lab: the agent already has ${next}`);
      const removedAt = await control.removeAddress();
      const to = await control.addAddress(next);
      return { from, to, removedAt, addedAt: Date.now() };
    };

    return {
      wsUrl: `ws://127.0.0.1:${port}`,
      port,
      domain: LAB_DOMAIN,
      account(user: string): LabAccount {
        if (!ALL_USERS.includes(user)) throw new Error(`lab: unknown account ${user} (known: ${ALL_USERS.join(', ')})`);
        return { user, uri: `sip:${user}@${LAB_DOMAIN}`, authUser: user, password: `pw-${user}` };
      },
      chromiumPath,
      tmpDir,
      netnsPid,
      kamailioLogPath,
      kamailioLogTail: (lines = 40) => readTail(kamailioLogPath, lines),
      isKamailioRunning,
      timings,
      inNetns: (command, args = []) => ['nsenter', ['-t', String(netnsPid), '-n', '--', command, ...args]],
      stopKamailio,
      startKamailio,
      freezeKamailio: primary.freeze,
      thawKamailio: primary.thaw,
      isKamailioFrozen: primary.isFrozen,
      startExtraKamailio,
      agentNetwork,
      telephone,
      changeAgentAddress,
      removeAgentAddress: () => agentControl().removeAddress(),
      addAgentAddress: (next) => agentControl().addAddress(next),
      stop,
    };
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
}
