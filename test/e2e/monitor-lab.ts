import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { runAdminCommand } from '../../services/workorder/admin-commands';
import { startWorkOrderService, type RunningWorkOrderService } from '../../services/workorder/service';
import { openSqliteStore, type SqliteWorkOrderStore } from '../../services/workorder/store/sqlite/sqlite-store';
import type { SipLab } from './lab/lab';
import { launchLabBrowser, serveDir } from './lab/browser';
import { RENDERER_DIR } from './app/agent-lab';
import { serveCallerPhone } from './caller/page';
import { makeTempDir } from '../support/temp-dir';

/** The test's tones (issue 12): each party's fake microphone. */
export const TONES = { caller: 440, agent: 880, lead: 1320 } as const;

/**
 * A pulsed tone (0.3 s on, 0.2 s off, 60 s): the desk's microphone keeps
 * Chromium's noise suppression on, which would fade a steady tone as noise.
 */
export function makeTone(dir: string, hz: number): string {
  const file = join(dir, `tone-${hz}.wav`);
  execFileSync('sox', ['-n', '-r', '48000', '-b', '16', '-c', '1', file, 'synth', '0.3', 'sine', String(hz), 'vol', '0.5', 'pad', '0', '0.2', 'repeat', '119']);
  return file;
}

/**
 * Test-only: every remote audio track a page receives is kept in a ring
 * buffer (the last second), so a test can ask which tones a party hears.
 * A muted element plays each track, so Chromium decodes it even where the
 * app does not play it (e.g. the lead's voice in listen: silence must be
 * shown as silence, not as a track nobody decoded).
 */
export async function probeTones(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const Original = window.RTCPeerConnection;
    const pcs: { pc: RTCPeerConnection; rings: Float32Array[]; at: number[]; stamps: { pos: number; wall: number }[] }[] = [];
    const RING = 48_000;
    (window as unknown as { __tones: unknown }).__tones = {
      count: () => pcs.length,
      /**
       * Wall-clock times (ms, this machine's clock, comparable across browsers)
       * at which `hz` starts sounding in the last `spanMs` of PC `index`'s
       * remote audio: 10 ms frames, onset where the tone rises through half its peak.
       */
      onsets: (index: number, hz: number, spanMs: number) => {
        const entry = pcs[index];
        const ring = entry?.rings[0];
        const last = entry?.stamps.at(-1);
        if (!entry || !ring || !last) return [];
        const frame = 480;
        const frames = Math.floor((spanMs / 1000) * 48_000 / frame);
        const end = entry.at[0]!;
        const w = (2 * Math.PI * hz) / 48_000;
        const coeff = 2 * Math.cos(w);
        const levels: number[] = [];
        for (let f = 0; f < frames; f += 1) {
          let s1 = 0;
          let s2 = 0;
          const from = end - (frames - f) * frame;
          for (let i = 0; i < frame; i += 1) {
            const v = ring[(from + i + 2 * RING) % RING]!;
            const s0 = v + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
          }
          levels.push(Math.sqrt(Math.max(0, s1 * s1 + s2 * s2 - coeff * s1 * s2)));
        }
        const peak = Math.max(...levels);
        const out: number[] = [];
        // The newest sample (ring position `end`) was written at last.wall.
        for (let f = 1; f < levels.length; f += 1) {
          if (levels[f - 1]! < peak / 2 && levels[f]! >= peak / 2) out.push(last.wall - ((frames - f) * frame * 1000) / 48_000);
        }
        return peak > 0.01 ? out : [];
      },
      /** dB of each tone relative to the whole signal in the last second of PC `index`'s remote audio; rms too. */
      levels: (index: number, hzs: number[]) => {
        const entry = pcs[index];
        const ring = entry?.rings[0];
        if (!entry || !ring) return null;
        const n = 24_000;
        const start = (entry.at[0]! - n + RING) % RING;
        const x = new Float32Array(n);
        for (let i = 0; i < n; i += 1) x[i] = ring[(start + i) % RING]! * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1)));
        let energy = 0;
        for (const v of x) energy += v * v;
        const meanSquare = energy / n;
        const rms = Math.sqrt(meanSquare / 0.375);
        const db: Record<number, number> = {};
        for (const hz of hzs) {
          const w = (2 * Math.PI * hz) / 48_000;
          const coeff = 2 * Math.cos(w);
          let s1 = 0;
          let s2 = 0;
          for (const v of x) {
            const s0 = v + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
          }
          const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
          // Amplitude through the Hann window (coherent gain 0.5), as a sine's mean square, against the windowed signal's.
          const amplitude = (2 * Math.sqrt(power)) / (n * 0.5);
          db[hz] = meanSquare > 1e-12 ? 10 * Math.log10((amplitude * amplitude) / 2 / (meanSquare / 0.375)) : -200;
        }
        return { rms, db };
      },
      pcAt: (index: number) => pcs[index]?.pc ?? null,
      outboundPackets: async (index: number) => {
        const entry = pcs[index];
        if (!entry) return null;
        let packets = 0;
        (await entry.pc.getStats()).forEach((s: { type: string; kind?: string; packetsSent?: number }) => {
          if (s.type === 'outbound-rtp' && s.kind === 'audio') packets += s.packetsSent ?? 0;
        });
        return packets;
      },
      inboundPackets: async (index: number) => {
        const entry = pcs[index];
        if (!entry) return null;
        let packets = 0;
        (await entry.pc.getStats()).forEach((s: { type: string; kind?: string; packetsReceived?: number }) => {
          if (s.type === 'inbound-rtp' && s.kind === 'audio') packets += s.packetsReceived ?? 0;
        });
        return packets;
      },
    };
    window.RTCPeerConnection = class extends Original {
      constructor(config?: RTCConfiguration) {
        super(config);
        const entry = { pc: this as RTCPeerConnection, rings: [] as Float32Array[], at: [] as number[], stamps: [] as { pos: number; wall: number }[] };
        pcs.push(entry);
        this.addEventListener('track', (event) => {
          if (event.track.kind !== 'audio' || entry.rings.length > 0) return;
          const ring = new Float32Array(RING);
          entry.rings.push(ring);
          entry.at.push(0);
          const element = new Audio();
          element.muted = true;
          element.srcObject = new MediaStream([event.track]);
          void element.play().catch(() => undefined);
          const context = new AudioContext({ sampleRate: 48_000 });
          const source = context.createMediaStreamSource(new MediaStream([event.track]));
          const recorder = context.createScriptProcessor(4096, 1, 1);
          recorder.onaudioprocess = (e) => {
            const data = e.inputBuffer.getChannelData(0);
            let at = entry.at[0]!;
            for (const v of data) {
              ring[at] = v;
              at = (at + 1) % RING;
            }
            entry.at[0] = at;
            // When the block's last sample was handed over (the processor's own buffering is the same on every page).
            entry.stamps.push({ pos: at, wall: performance.timeOrigin + performance.now() });
            if (entry.stamps.length > 64) entry.stamps.shift();
          };
          source.connect(recorder);
          recorder.connect(context.destination);
        });
      }
    } as typeof RTCPeerConnection;
  });
}

export type ToneLevels = { rms: number; db: Record<number, number> } | null;

export const toneLevels = (page: Page, index: number): Promise<ToneLevels> =>
  page.evaluate(([i, hzs]) => (window as unknown as { __tones: { levels(i: number, h: number[]): ToneLevels } }).__tones.levels(i, hzs), [index, Object.values(TONES)] as const);

export const toneOnsets = (page: Page, index: number, hz: number, spanMs: number): Promise<number[]> =>
  page.evaluate(([i, h, s]) => (window as unknown as { __tones: { onsets(i: number, h: number, s: number): number[] } }).__tones.onsets(i, h, s), [index, hz, spanMs] as const);

/** Bytes the page's PC `index` has sent as RTP (audio), headers excluded. */
export const bytesSent = (page: Page, index: number): Promise<number> =>
  page.evaluate(async (i) => {
    const pc = (window as unknown as { __tones: { pcAt(i: number): RTCPeerConnection | null } }).__tones.pcAt(i);
    let bytes = 0;
    (await pc?.getStats().catch(() => null))?.forEach((s: { type: string; kind?: string; bytesSent?: number; headerBytesSent?: number }) => {
      if (s.type === 'outbound-rtp' && s.kind === 'audio') bytes += (s.bytesSent ?? 0) + (s.headerBytesSent ?? 0);
    });
    return bytes;
  }, index);

export const peerConnections = (page: Page): Promise<number> =>
  page.evaluate(() => (window as unknown as { __tones: { count(): number } }).__tones.count());

export const outboundPackets = (page: Page, index: number): Promise<number | null> =>
  page.evaluate((i) => (window as unknown as { __tones: { outboundPackets(i: number): Promise<number | null> } }).__tones.outboundPackets(i), index);

export const inboundPackets = (page: Page, index: number): Promise<number | null> =>
  page.evaluate((i) => (window as unknown as { __tones: { inboundPackets(i: number): Promise<number | null> } }).__tones.inboundPackets(i), index);

/** A tone is heard when it stands within 12 dB of the whole signal; absent when 30 dB under it (or silence). */
export const HEARD_DB = -12;
export const ABSENT_DB = -30;

/** Waits (bounded) until `index`'s remote audio on `page` hears exactly what `expect` says of each tone. */
export async function waitForTones(page: Page, index: number, expect: Partial<Record<number, boolean>>, timeoutMs = 10_000): Promise<ToneLevels> {
  const deadline = Date.now() + timeoutMs;
  let last: ToneLevels = null;
  for (let i = 0; i < 1_000 && Date.now() < deadline; i += 1) {
    last = await toneLevels(page, index);
    const ok =
      last !== null &&
      Object.entries(expect).every(([hz, heard]) => {
        const db = last!.db[Number(hz)] ?? -200;
        return heard ? last!.rms > 0.003 && db > HEARD_DB : db < ABSENT_DB;
      });
    if (ok) return last;
    await page.waitForTimeout(200);
  }
  throw new Error(`tones on pc ${index}: wanted ${JSON.stringify(expect)}, last ${JSON.stringify(last)}`);
}

/** The three parties' browsers, each its own fake microphone (the flag applies to a whole browser). */
export async function launchMonitorBrowsers(lab: SipLab): Promise<{ caller: BrowserContext; agent: BrowserContext; lead: BrowserContext }> {
  const [caller, agent, lead] = await Promise.all(
    (['caller', 'agent', 'lead'] as const).map((who) => launchLabBrowser(lab, { fakeAudioFile: makeTone(lab.tmpDir, TONES[who]) })),
  );
  for (const context of [caller!, agent!, lead!]) await probeTones(context);
  await serveDir(agent!, 'http://localhost/app/', RENDERER_DIR);
  await serveDir(lead!, 'http://localhost/app/', RENDERER_DIR);
  await serveCallerPhone(caller!);
  await serveCallerPhone(lead!);
  return { caller: caller!, agent: agent!, lead: lead! };
}

export const PEOPLE = {
  agent: { workNumber: '0307', name: '王芳', password: 'agent-0307-pw', sip: '1001', team: 'team-a' },
  lead: { workNumber: '0401', name: '李班长', password: 'lead-0401-pw', sip: '1002', team: 'team-a' },
  otherLead: { workNumber: '0701', name: '丙组班长', password: 'lead-0701-pw', sip: '1003', team: 'team-c' },
} as const;

export interface MonitorCentre {
  url: string;
  store: SqliteWorkOrderStore;
  service: RunningWorkOrderService;
  personId(workNumber: string): Promise<string>;
  admin(argv: string[], stdin?: string): Promise<string>;
  close(): Promise<void>;
}

/** The real centre on SQLite: team a (agent 0307 on SIP 1001, lead 0401 on 1002), team c (lead 0701 on 1003). */
export async function startMonitorCentre(lab: SipLab): Promise<MonitorCentre> {
  const dir = makeTempDir('hotline-monitor-centre-');
  const store = openSqliteStore(join(dir.path, 'centre.sqlite'));
  const admin = (argv: string[], stdin = '') =>
    runAdminCommand(store, argv, Date.now(), { readStdin: async () => stdin, readFile: async (path) => Promise.reject(new Error(`ENOENT ${path}`)) });
  await admin(['create-team', '--id', 'team-a', '--name', '一组']);
  await admin(['create-team', '--id', 'team-c', '--name', '三组']);
  await admin(['create-person', '--work-number', '0307', '--name', PEOPLE.agent.name, '--team', 'team-a', '--roles', 'agent', '--password-stdin'], `${PEOPLE.agent.password}\n`);
  await admin(['create-person', '--work-number', '0401', '--name', PEOPLE.lead.name, '--team', 'team-a', '--roles', 'agent,lead', '--password-stdin'], `${PEOPLE.lead.password}\n`);
  await admin(['create-person', '--work-number', '0701', '--name', PEOPLE.otherLead.name, '--team', 'team-c', '--roles', 'agent,lead', '--password-stdin'], `${PEOPLE.otherLead.password}\n`);
  for (const person of [PEOPLE.agent, PEOPLE.lead, PEOPLE.otherLead]) {
    const account = lab.account(person.sip);
    await admin(['set-sip', '--work-number', person.workNumber, '--uri', account.uri, '--auth-user', account.authUser, '--sip-password-stdin'], `${account.password}\n`);
  }
  await admin(['set-centre', '--sip-servers', lab.wsUrl, '--city', '重庆', '--acw-seconds', '45']);
  const service = await startWorkOrderService({ port: 0, host: '127.0.0.1', store, admission: false });
  return {
    url: service.url,
    store,
    service,
    personId: async (workNumber) => (await store.people.personByWorkNumber(workNumber))!.personId,
    admin,
    close: async () => {
      await service.close();
      dir.remove();
    },
  };
}

/** Signs a desk in to the centre through its sign-in screen and waits until its phone registered. */
export async function signInDesk(page: Page, centreUrl: string, person: { workNumber: string; password: string }): Promise<void> {
  await page.getByTestId('sign-in-screen').waitFor({ state: 'visible', timeout: 15_000 });
  await page.getByTestId('sign-in-centreUrl').locator('input').fill(centreUrl);
  await page.getByTestId('sign-in-workNumber').locator('input').fill(person.workNumber);
  await page.getByTestId('sign-in-password').locator('input').fill(person.password);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('signed-in-badge').waitFor({ state: 'visible', timeout: 15_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid="registration-status"]')?.getAttribute('data-state') === 'registered', undefined, {
    timeout: 15_000,
    polling: 50,
  });
}
