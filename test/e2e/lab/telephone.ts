/**
 * The telephone network's side of the lab (startLab({ telephone: true })):
 * rtpengine in userspace bridging WebRTC (DTLS-SRTP, ICE) to plain RTP, and
 * baresip phones standing in for callers on the telephone network (G.711 over
 * plain RTP, registered to Kamailio over UDP).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BaresipPhone, type G711Codec } from './baresip';
import { WireCapture } from './rtp-capture';

const here = dirname(fileURLToPath(import.meta.url));

/** Kamailio's UDP listener for plain SIP phones, and rtpengine's control socket (kamailio.cfg, WITH_RTPENGINE). */
export const TELEPHONE_NET = { sipProxy: '127.0.0.1:5060', rtpengineControl: { host: '127.0.0.1', port: 2223 }, rtpengineMediaPorts: [30000, 30999] } as const;

type Inet = (command: string, args: string[]) => [string, string[]];

export interface TelephonePhoneOptions {
  /** A lab account (e.g. 2001: callers). */
  user: string;
  codec: G711Codec;
  /** WAV its microphone plays (8 kHz mono 16-bit). */
  audioFile: string;
  /** Answer calls at once (default false). */
  autoAnswer?: boolean;
}

export interface TelephoneLab {
  /** Kamailio's UDP address for plain phones. */
  sipProxy: string;
  /** A baresip phone, registered (resolves after its REGISTER succeeded). Stopped by lab.stop() too. */
  startPhone(options: TelephonePhoneOptions): Promise<BaresipPhone>;
  /** A packet capture on the namespace's loopback (tcpdump filter syntax). Stopped by lab.stop() too. */
  capture(name: string, filter: string): Promise<WireCapture>;
  rtpengineLogTail(lines?: number): string;
}

function readTail(path: string, lines: number): string {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** rtpengine's ng protocol "ping" (bencode), answered with "pong" once it listens. */
function pingRtpengine(inNetns: Inet): Promise<boolean> {
  const { host, port } = TELEPHONE_NET.rtpengineControl;
  const [command, args] = inNetns(process.execPath, [join(here, 'netns-bridge.mjs'), 'udp-ping', host, String(port), 'lab1 d7:command4:pinge', '500']);
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 3_000 }, (error, stdout) => resolve(!error && stdout.includes('pong')));
  });
}

export interface TelephoneHandle extends TelephoneLab {
  stop(): Promise<void>;
}

/** Starts rtpengine in the namespace and answers for the phones; `kamailio.cfg` must run WITH_RTPENGINE. */
export async function startTelephone(inNetns: Inet, tmpDir: string): Promise<TelephoneHandle> {
  const logPath = join(tmpDir, 'rtpengine.log');
  const logFd = openSync(logPath, 'a');
  let rtpengine: ChildProcess;
  try {
    const [command, args] = inNetns('rtpengine', [
      '--config-file=none',
      '--table=-1', // userspace forwarding: no kernel module in the lab
      '--foreground',
      '--log-stderr',
      '--log-level=5',
      '--interface=127.0.0.1',
      `--listen-ng=${TELEPHONE_NET.rtpengineControl.host}:${TELEPHONE_NET.rtpengineControl.port}`,
      `--port-min=${TELEPHONE_NET.rtpengineMediaPorts[0]}`,
      `--port-max=${TELEPHONE_NET.rtpengineMediaPorts[1]}`,
      `--pidfile=${join(tmpDir, 'rtpengine.pid')}`,
    ]);
    rtpengine = spawn(command, args, { stdio: ['ignore', logFd, logFd] });
  } finally {
    closeSync(logFd);
  }
  const running = () => rtpengine.exitCode === null && rtpengine.signalCode === null;
  const deadline = Date.now() + 10_000;
  let ready = false;
  for (let attempt = 0; attempt < 100 && !ready && Date.now() < deadline; attempt++) {
    if (!running()) throw new Error(`lab: rtpengine exited (${rtpengine.exitCode ?? rtpengine.signalCode}):\n${readTail(logPath, 20)}`);
    ready = await pingRtpengine(inNetns);
    if (!ready) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (!ready) {
    rtpengine.kill('SIGKILL');
    throw new Error(`lab: rtpengine did not answer a ping within 10 s:\n${readTail(logPath, 20)}`);
  }

  const phones: BaresipPhone[] = [];
  const captures: WireCapture[] = [];
  let nextPhone = 0;
  return {
    sipProxy: TELEPHONE_NET.sipProxy,
    async startPhone(options) {
      const index = nextPhone++;
      const phone = await BaresipPhone.start(inNetns, {
        user: options.user,
        password: `pw-${options.user}`,
        domain: 'hotline.test',
        proxy: TELEPHONE_NET.sipProxy,
        codec: options.codec,
        audioFile: options.audioFile,
        autoAnswer: options.autoAnswer ?? false,
        sipPort: 5070 + index,
        rtpBase: 40000 + index * 20,
        ctrlPort: 4444 + index,
        dir: join(tmpDir, `baresip-${index}-${options.user}`),
      });
      phones.push(phone);
      return phone;
    },
    async capture(name, filter) {
      const dir = join(tmpDir, 'captures');
      mkdirSync(dir, { recursive: true });
      const capture = await WireCapture.start(inNetns, join(dir, `${name}.pcap`), filter);
      captures.push(capture);
      return capture;
    },
    rtpengineLogTail: (lines = 40) => readTail(logPath, lines),
    async stop() {
      for (const capture of captures.splice(0)) await capture.stop().catch(() => undefined);
      for (const phone of phones.splice(0)) await phone.stop().catch(() => undefined);
      if (!running()) return;
      const exited = new Promise<void>((resolve) => rtpengine.once('exit', () => resolve()));
      rtpengine.kill('SIGTERM');
      const timer = setTimeout(() => rtpengine.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
