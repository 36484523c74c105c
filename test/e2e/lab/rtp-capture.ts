/**
 * What a plain RTP phone really receives, judged on the wire: tcpdump on the
 * lab namespace's loopback, the pcap parsed here (RTP over UDP over IPv4),
 * G.711 payloads decoded for levels and RFC 4733 events read as digits.
 * (baresip 1.0 stops writing its own decoded-audio dump after a re-INVITE,
 * so its dump cannot say what it heard after a hold.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { alawDecode, ulawDecode } from '../../fixtures/audio/telephone-path';

export interface RtpPacket {
  /** Capture time, ms (epoch). */
  atMs: number;
  srcPort: number;
  dstPort: number;
  payloadType: number;
  marker: boolean;
  sequence: number;
  timestamp: number;
  payload: Uint8Array;
}

const LINKTYPE_ETHERNET = 1;
const LINKTYPE_LINUX_SLL = 113;
const PT_PCMU = 0;
const PT_PCMA = 8;

/** Parses a classic pcap file (as tcpdump -w writes it); a truncated last record is ignored. */
export function parsePcap(bytes: Uint8Array): RtpPacket[] {
  if (bytes.length < 24) return [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, true);
  const little = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  if (!little && view.getUint32(0, false) !== 0xa1b2c3d4 && view.getUint32(0, false) !== 0xa1b23c4d) throw new Error('not a pcap file');
  const nano = magic === 0xa1b23c4d || view.getUint32(0, false) === 0xa1b23c4d;
  const linkType = view.getUint32(20, little);
  const linkHeader = linkType === LINKTYPE_ETHERNET ? 14 : linkType === LINKTYPE_LINUX_SLL ? 16 : -1;
  if (linkHeader < 0) throw new Error(`pcap link type ${linkType} not handled`);
  const packets: RtpPacket[] = [];
  let offset = 24;
  while (offset + 16 <= bytes.length) {
    const seconds = view.getUint32(offset, little);
    const fraction = view.getUint32(offset + 4, little);
    const captured = view.getUint32(offset + 8, little);
    const start = offset + 16;
    offset = start + captured;
    if (offset > bytes.length) break;
    const ip = start + linkHeader;
    if (ip + 20 > offset || bytes[ip]! >> 4 !== 4 || bytes[ip + 9] !== 17) continue; // IPv4 + UDP only
    const udp = ip + (bytes[ip]! & 0x0f) * 4;
    if (udp + 8 > offset) continue;
    const srcPort = view.getUint16(udp, false);
    const dstPort = view.getUint16(udp + 2, false);
    const rtp = udp + 8;
    if (rtp + 12 > offset || bytes[rtp]! >> 6 !== 2) continue; // RTP version 2
    const csrc = bytes[rtp]! & 0x0f;
    let payloadStart = rtp + 12 + csrc * 4;
    if (bytes[rtp]! & 0x10) payloadStart += 4 + view.getUint16(payloadStart + 2, false) * 4; // header extension
    const payloadType = bytes[rtp + 1]! & 0x7f;
    if (payloadType >= 72 && payloadType <= 79) continue; // RTCP on the same port
    if (payloadStart > offset) continue;
    packets.push({
      atMs: seconds * 1000 + (nano ? fraction / 1e6 : fraction / 1e3),
      srcPort,
      dstPort,
      payloadType,
      marker: (bytes[rtp + 1]! & 0x80) !== 0,
      sequence: view.getUint16(rtp + 2, false),
      timestamp: view.getUint32(rtp + 4, false),
      payload: bytes.subarray(payloadStart, offset),
    });
  }
  return packets;
}

/** RMS level (dBFS) of the G.711 audio in `packets` (PCMA and PCMU; other payloads skipped); -100 for none. */
export function g711LevelDb(packets: readonly RtpPacket[]): number {
  let sum = 0;
  let count = 0;
  for (const packet of packets) {
    const decode = packet.payloadType === PT_PCMA ? alawDecode : packet.payloadType === PT_PCMU ? ulawDecode : undefined;
    if (!decode) continue;
    for (const code of packet.payload) {
      const x = decode(code) / 32768;
      sum += x * x;
      count++;
    }
  }
  return count === 0 || sum === 0 ? -100 : Math.max(-100, 10 * Math.log10(sum / count));
}

export function g711Packets(packets: readonly RtpPacket[]): RtpPacket[] {
  return packets.filter((p) => p.payloadType === PT_PCMA || p.payloadType === PT_PCMU);
}

const DTMF_KEYS = '0123456789*#ABCD';

/** RFC 4733 digits in `packets` (4-byte telephone-event payloads), one per event (its RTP timestamp), in order. */
export function rfc4733Digits(packets: readonly RtpPacket[]): string {
  const seen = new Set<number>();
  let digits = '';
  for (const packet of packets) {
    if (packet.payloadType === PT_PCMA || packet.payloadType === PT_PCMU || packet.payload.length !== 4) continue;
    const event = packet.payload[0]!;
    if (event >= DTMF_KEYS.length || seen.has(packet.timestamp)) continue;
    seen.add(packet.timestamp);
    digits += DTMF_KEYS[event];
  }
  return digits;
}

/**
 * tcpdump inside the lab namespace, writing packet by packet (-U) so the file
 * can be read while it runs; --immediate-mode, or libpcap hands packets over
 * in blocks up to a second late and the newest window looks half empty.
 * `inNetns` is SipLab.inNetns.
 */
export class WireCapture {
  private constructor(
    private readonly child: ChildProcess,
    readonly file: string,
    private readonly log: () => string,
  ) {}

  static async start(inNetns: (command: string, args: string[]) => [string, string[]], file: string, filter: string): Promise<WireCapture> {
    const [command, args] = inNetns('tcpdump', ['-i', 'lo', '-U', '--immediate-mode', '-n', '-s', '0', '-w', file, filter]);
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // tcpdump says "listening on lo" once the capture is armed: only then is nothing missed.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`tcpdump did not start within 5 s: ${stderr}`)), 5_000);
      const check = () => {
        if (stderr.includes('listening on')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stderr!.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`tcpdump exited (${code}): ${stderr}`));
      });
    });
    return new WireCapture(child, file, () => stderr);
  }

  /** Everything captured so far. */
  packets(): RtpPacket[] {
    return existsSync(this.file) ? parsePcap(readFileSync(this.file)) : [];
  }

  get stderr(): string {
    return this.log();
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3_000);
    await exited;
    clearTimeout(timer);
  }
}
