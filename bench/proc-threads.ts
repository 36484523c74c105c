/**
 * CPU time of a Chromium's processes and threads from /proc (Linux), for saying where a start's CPU goes
 * beyond the renderer's main thread: the browser process, the GPU process's software compositing, the
 * renderer's raster and compositor threads, the network and audio services. Diagnostic only
 * (PHONE_BENCH_COLD_THREADS=1 in the cold starts).
 */
import { readFileSync, readdirSync } from 'node:fs';

const TICKS_PER_MS = 100 / 1000; // USER_HZ is 100 on Linux

interface ProcInfo {
  pid: number;
  ppid: number;
  cmdline: string;
}

function readProc(pid: number): ProcInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    return { pid, ppid, cmdline };
  } catch {
    return null;
  }
}

/** A process's kind: browser, renderer, gpu-process, or a utility's sub-type (network, audio, storage...). */
function kindOf(cmdline: string): string {
  const type = /--type=([\w-]+)/.exec(cmdline)?.[1];
  if (!type) return 'browser';
  if (type !== 'utility') return type;
  return /--utility-sub-type=([\w.]+)/.exec(cmdline)?.[1]?.replace(/\.mojom\.\w+$/, '') ?? 'utility';
}

/** CPU ms by "process kind / thread name" of the Chromium whose browser process was started with `profileDir`. */
export function chromiumThreadCpu(profileDir: string): Map<string, number> {
  const all = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProc(Number(name)))
    .filter((p): p is ProcInfo => p !== null);
  const root = all.find((p) => p.cmdline.includes(`--user-data-dir=${profileDir}`) && !p.cmdline.includes('--type='));
  const cpu = new Map<string, number>();
  if (!root) return cpu;
  const tree = new Set([root.pid]);
  for (let grew = true, guard = 0; grew && guard < 10; guard++) {
    grew = false;
    for (const p of all) {
      if (tree.has(p.pid) || !tree.has(p.ppid)) continue;
      tree.add(p.pid);
      grew = true;
    }
  }
  for (const p of all.filter((q) => tree.has(q.pid))) {
    const kind = kindOf(p.cmdline);
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${p.pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        const stat = readFileSync(`/proc/${p.pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replace(/\d+$/, '');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const ms = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_MS;
        const key = `${kind} / ${name}`;
        cpu.set(key, (cpu.get(key) ?? 0) + ms);
      } catch {
        // the thread ended between the listing and the read
      }
    }
  }
  return cpu;
}

/** What each process kind / thread spent between two snapshots, largest first. */
export function cpuBetween(before: Map<string, number>, after: Map<string, number>): Array<[string, number]> {
  return [...after]
    .map(([key, ms]): [string, number] => [key, ms - (before.get(key) ?? 0)])
    .filter(([, ms]) => ms > 0)
    .sort((a, b) => b[1] - a[1]);
}
