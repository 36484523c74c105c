/**
 * A plain SIP/RTP phone for the lab: baresip 1.0 (Debian `baresip-core`),
 * registered over UDP, G.711 only (PCMA or PCMU, as the telephone network
 * delivers callers), playing a WAV file as its microphone. Driven through its
 * ctrl_tcp module (netstring JSON commands and events), reached from outside
 * the namespace through netns-bridge.mjs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export type G711Codec = 'PCMA' | 'PCMU';

export interface BaresipOptions {
  user: string;
  password: string;
  domain: string;
  /** Kamailio's UDP listener inside the namespace. */
  proxy: string;
  codec: G711Codec;
  /** WAV played as the microphone from the moment a call's audio starts (8 kHz mono 16-bit is what the line carries). */
  audioFile: string;
  /** Answer incoming calls at once. */
  autoAnswer: boolean;
  /** Distinct per phone: SIP port; RTP ports are rtpBase..rtpBase+19, the control port ctrlPort. */
  sipPort: number;
  rtpBase: number;
  ctrlPort: number;
  dir: string;
}

/** An event from baresip (ctrl_tcp), e.g. { type: 'CALL_ESTABLISHED', param: 'sip:1001@…' }. */
export interface BaresipEvent {
  type: string;
  class?: string;
  param?: string;
  peeruri?: string;
  direction?: string;
  at: number;
}

type Inet = (command: string, args: string[]) => [string, string[]];

/** Terminal colour codes (ESC [ … m) in baresip's text replies. */
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** Netstrings: "<length>:<bytes>,". */
function encodeNetstring(text: string): string {
  return `${Buffer.byteLength(text)}:${text},`;
}

export class BaresipPhone {
  readonly events: BaresipEvent[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly pendingReplies = new Map<string, (reply: { ok: boolean; data?: string }) => void>();
  private nextToken = 1;
  private buffer = '';

  private constructor(
    readonly options: BaresipOptions,
    private readonly phone: ChildProcess,
    private readonly control: ChildProcess,
    readonly logPath: string,
  ) {
    control.stdout!.setEncoding('latin1');
    control.stdout!.on('data', (chunk: string) => this.onData(chunk));
  }

  /** The RTP ports this phone uses (for a wire capture filter). */
  get rtpPortRange(): [number, number] {
    return [this.options.rtpBase, this.options.rtpBase + 19];
  }

  get uri(): string {
    return `sip:${this.options.user}@${this.options.domain}`;
  }

  static async start(inNetns: Inet, options: BaresipOptions): Promise<BaresipPhone> {
    mkdirSync(options.dir, { recursive: true });
    const [lo, hi] = [options.rtpBase, options.rtpBase + 19];
    writeFileSync(
      join(options.dir, 'config'),
      [
        'poll_method epoll',
        // Only loopback in the lab's namespace: name the address, baresip finds no "network" by itself.
        'net_interface 127.0.0.1',
        `sip_listen 127.0.0.1:${options.sipPort}`,
        `rtp_ports ${lo}-${hi}`,
        `audio_source aufile,${options.audioFile}`,
        // Nothing plays what it receives (no sound card): what it receives is judged on the wire.
        'audio_player aubridge,nowhere',
        'audio_alert aubridge,nowhere',
        'module_path /usr/lib/baresip/modules',
        'module g711.so',
        'module aufile.so',
        'module aubridge.so',
        'module_app account.so',
        'module_app menu.so',
        'module_app ctrl_tcp.so',
        `ctrl_tcp_listen 127.0.0.1:${options.ctrlPort}`,
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(options.dir, 'accounts'),
      `<sip:${options.user}@${options.domain}>;auth_pass=${options.password};outbound="sip:${options.proxy};transport=udp";regint=600;` +
        `audio_codecs=${options.codec};answermode=${options.autoAnswer ? 'auto' : 'manual'}\n`,
    );
    writeFileSync(join(options.dir, 'contacts'), '');
    const logPath = join(options.dir, 'baresip.log');
    const logFd = openSync(logPath, 'a');
    let phone: ChildProcess;
    try {
      const [command, args] = inNetns('baresip', ['-4', '-v', '-f', options.dir]);
      phone = spawn(command, args, { stdio: ['ignore', logFd, logFd] });
    } finally {
      closeSync(logFd);
    }
    const [bridgeCommand, bridgeArgs] = inNetns(process.execPath, [join(here, 'netns-bridge.mjs'), 'tcp-pipe', '127.0.0.1', String(options.ctrlPort), '5000']);
    const control = spawn(bridgeCommand, bridgeArgs, { stdio: ['pipe', 'pipe', 'inherit'] });
    const instance = new BaresipPhone(options, phone, control, logPath);
    phone.once('exit', () => instance.wake());
    control.once('exit', () => instance.wake());
    await instance.waitForRegistration(10_000);
    return instance;
  }

  /**
   * Registered at the proxy: asked with `reginfo` (bounded polling), since the
   * REGISTER can complete before the control connection is up and its event is then never seen.
   */
  async waitForRegistration(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    for (let attempt = 0; attempt < 100 && Date.now() < deadline; attempt++) {
      if (this.events.some((e) => e.type === 'REGISTER_OK')) return;
      const reply = await this.command('reginfo', undefined, Math.max(100, deadline - Date.now())).catch((error: unknown) => ({ ok: false, data: String(error) }));
      last = reply.data ?? '';
      // The state is colour-coded: strip the escapes before reading it.
      if (reply.ok && /\bOK\b/.test(last.replace(ANSI_COLOUR, ' '))) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`baresip ${this.options.user}: not registered within ${timeoutMs} ms (reginfo: ${last})\n${this.logTail()}`);
  }

  /** Waits (bounded polling of its log) for a line containing `text`, e.g. 'aufile: end of file' once its WAV has played. */
  async waitForLog(text: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 0; attempt < 10_000 && Date.now() < deadline; attempt++) {
      if (this.logText().includes(text)) return;
      if (!this.running) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`baresip ${this.options.user}: no "${text}" in its log within ${timeoutMs} ms\n${this.logTail()}`);
  }

  private logText(): string {
    try {
      return readFileSync(this.logPath, 'utf8');
    } catch {
      return '';
    }
  }

  /** Its log, for a failing test's message. */
  logTail(lines = 30): string {
    try {
      return readFileSync(this.logPath, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    for (let i = 0; i < 1000; i++) {
      const colon = this.buffer.indexOf(':');
      if (colon < 0) return;
      const length = Number(this.buffer.slice(0, colon));
      if (!Number.isInteger(length) || this.buffer.length < colon + 1 + length + 1) return;
      const body = this.buffer.slice(colon + 1, colon + 1 + length);
      this.buffer = this.buffer.slice(colon + 1 + length + 1);
      let message: Record<string, unknown>;
      try {
        message = JSON.parse(Buffer.from(body, 'latin1').toString('utf8')) as Record<string, unknown>;
      } catch {
        continue;
      }
      if (message['event'] === true) {
        this.events.push({
          type: String(message['type']),
          class: message['class'] as string | undefined,
          param: message['param'] as string | undefined,
          peeruri: message['peeruri'] as string | undefined,
          direction: message['direction'] as string | undefined,
          at: Date.now(),
        });
        this.wake();
      } else if (message['response'] === true && typeof message['token'] === 'string') {
        this.pendingReplies.get(message['token'])?.({ ok: message['ok'] === true, data: message['data'] as string | undefined });
        this.pendingReplies.delete(message['token']);
      }
    }
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  get running(): boolean {
    return this.phone.exitCode === null && this.phone.signalCode === null;
  }

  /** Waits (bounded) for an event matching `match` (also one already seen since `sinceIndex`). */
  async waitFor(match: (event: BaresipEvent) => boolean, timeoutMs: number, what: string, sinceIndex = 0): Promise<BaresipEvent> {
    return new Promise<BaresipEvent>((resolve, reject) => {
      const check = () => {
        const found = this.events.slice(sinceIndex).find(match);
        if (found) {
          done();
          resolve(found);
        } else if (!this.running || this.control.exitCode !== null) {
          done();
          reject(new Error(`baresip ${this.options.user}: gone while waiting for ${what}\n${this.logTail()}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`baresip ${this.options.user}: no ${what} within ${timeoutMs} ms (events: ${this.events.map((e) => e.type).join(', ')})\n${this.logTail()}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  /** A menu command through ctrl_tcp (e.g. 'dial', 'hangup', 'accept'); resolves with baresip's reply. */
  async command(command: string, params?: string, timeoutMs = 5_000): Promise<{ ok: boolean; data?: string }> {
    const token = `t${this.nextToken++}`;
    const reply = new Promise<{ ok: boolean; data?: string }>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pendingReplies.delete(token);
        reject(new Error(`baresip ${this.options.user}: no reply to ${command} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pendingReplies.set(token, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
    });
    this.control.stdin!.write(encodeNetstring(JSON.stringify({ command, ...(params === undefined ? {} : { params }), token })));
    return reply;
  }

  async dial(uri: string): Promise<void> {
    const reply = await this.command('dial', uri);
    if (!reply.ok) throw new Error(`baresip ${this.options.user}: dial ${uri} refused: ${reply.data ?? ''}`);
  }

  async hangup(): Promise<void> {
    await this.command('hangup');
  }

  async stop(): Promise<void> {
    this.control.stdin?.end();
    for (const child of [this.phone, this.control]) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    }
  }
}
