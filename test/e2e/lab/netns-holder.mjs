// Holder of the lab's network namespace (started as `unshare -n -- node netns-holder.mjs`).
//
// - Keeps the namespace alive as long as the test process needs it.
// - Answers probes from inside the namespace (the test's Node process is
//   outside it): one JSON request per line on stdin, one JSON reply per line on
//   stdout.
//     {"id":1,"cmd":"probe-ws","port":5066,"timeoutMs":1000} -> {"id":1,"ok":true}
//     ("host" defaults to 127.0.0.1; the agent network's holder probes 10.77.0.1)
//     {"id":2,"cmd":"sweep"} -> {"id":2,"ok":true,"killed":[pids]}
// - Watchdog: when stdin closes (the test process ended, even by SIGKILL) or on
//   SIGTERM/SIGINT/SIGHUP, it SIGKILLs every other process in this namespace
//   (Kamailio, Chromium started by the wrapper, ...), removes the lab temp dir
//   given as argv[2] (only a `hotline-lab-*` dir; omitted to keep it) and exits.
import { readdirSync, readlinkSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import net from 'node:net';
import { createInterface } from 'node:readline';

const ownNs = readlinkSync('/proc/self/ns/net');
const labTmpDir = process.argv[2];

function processesInNamespace() {
  const pids = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    if (pid === process.pid) continue;
    try {
      if (readlinkSync(`/proc/${name}/ns/net`) === ownNs) pids.push(pid);
    } catch {
      // gone meanwhile, or a kernel thread
    }
  }
  return pids;
}

function sweep() {
  const killed = [];
  for (let round = 0; round < 5; round++) {
    const pids = processesInNamespace();
    if (pids.length === 0) break;
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
        killed.push(pid);
      } catch {
        // already gone
      }
    }
  }
  return killed;
}

/** TCP connect + WebSocket upgrade (sub-protocol sip); ok when the reply is 101. */
function probeWs(host, port, timeoutMs) {
  return new Promise((resolve) => {
    let done = false;
    let received = '';
    const socket = net.connect({ host, port });
    const finish = (result) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ ok: false, error: 'timeout' }), timeoutMs);
    socket.on('connect', () => {
      socket.write(
        'GET / HTTP/1.1\r\n' +
          `Host: ${host}:${port}\r\n` +
          'Upgrade: websocket\r\n' +
          'Connection: Upgrade\r\n' +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n' +
          'Sec-WebSocket-Protocol: sip\r\n' +
          'Sec-WebSocket-Version: 13\r\n\r\n',
      );
    });
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      const end = received.indexOf('\r\n');
      if (end >= 0) {
        const statusLine = received.slice(0, end);
        finish(/^HTTP\/1\.1 101 /.test(statusLine) ? { ok: true } : { ok: false, error: statusLine });
      }
    });
    socket.on('error', (err) => finish({ ok: false, error: err.code ?? String(err) }));
    socket.on('close', () => finish({ ok: false, error: 'closed' }));
  });
}

let exiting = false;
function shutdown(code) {
  if (exiting) return;
  exiting = true;
  sweep();
  if (labTmpDir && basename(labTmpDir).startsWith('hotline-lab-')) {
    try {
      rmSync(labTmpDir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // best effort
    }
  }
  process.exit(code);
}

process.on('SIGTERM', () => shutdown(0));
process.on('SIGINT', () => shutdown(0));
process.on('SIGHUP', () => shutdown(0));
process.stdout.on('error', () => shutdown(0));

const rl = createInterface({ input: process.stdin });
rl.on('line', async (line) => {
  let req;
  try {
    req = JSON.parse(line);
  } catch {
    return;
  }
  let reply;
  if (req.cmd === 'probe-ws') {
    reply = await probeWs(typeof req.host === 'string' ? req.host : '127.0.0.1', Number(req.port), Number(req.timeoutMs ?? 1000));
  } else if (req.cmd === 'sweep') {
    reply = { ok: true, killed: sweep() };
  } else {
    reply = { ok: false, error: `unknown command ${String(req.cmd)}` };
  }
  process.stdout.write(`${JSON.stringify({ id: req.id, ...reply })}\n`);
});
rl.on('close', () => shutdown(0));

process.stdout.write(`${JSON.stringify({ ready: true, pid: process.pid, ns: ownNs })}\n`);
