#!/usr/bin/env node
// A SUBSCRIBE (Event: dialog) over plain SIP/TCP with digest credentials, run
// inside the lab namespace (lab.inNetns): prints one JSON line with the final
// response's status and reason, and the bodies of the NOTIFYs that arrived
// within --wait-ms (each answered 200). For the presence tests: who may watch
// whose calls is decided by the lab's Kamailio, and is checked on the wire.
//   node sip-subscribe-probe.mjs --port 5066 --user 1001 --password pw-1001 --target 1002 [--wait-ms 0]
import { createHash, randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5066' },
    user: { type: 'string' },
    password: { type: 'string' },
    target: { type: 'string' },
    domain: { type: 'string', default: 'hotline.test' },
    'wait-ms': { type: 'string', default: '0' },
    'timeout-ms': { type: 'string', default: '5000' },
  },
});
const { user, password, target, domain } = values;
if (!user || !password || !target) throw new Error('--user, --password and --target are needed');
const port = Number(values.port);
const waitMs = Number(values['wait-ms']);
const md5 = (text) => createHash('md5').update(text).digest('hex');
const token = () => randomBytes(6).toString('hex');

const socket = connect(port, '127.0.0.1');
await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
const local = `127.0.0.1:${socket.localPort}`;
const callId = `${token()}@probe`;
const fromTag = token();
const uri = `sip:${target}@${domain}`;
let cseq = 0;
const notifies = [];
let waiter = null;

function subscribe(authorization) {
  cseq += 1;
  const lines = [
    `SUBSCRIBE ${uri} SIP/2.0`,
    `Via: SIP/2.0/TCP ${local};branch=z9hG4bK${token()};rport`,
    'Max-Forwards: 70',
    `From: <sip:${user}@${domain}>;tag=${fromTag}`,
    `To: <${uri}>`,
    `Call-ID: ${callId}`,
    `CSeq: ${cseq} SUBSCRIBE`,
    `Contact: <sip:${user}@${local};transport=tcp>`,
    'Event: dialog',
    'Accept: application/dialog-info+xml',
    `Expires: ${waitMs > 0 ? 60 : 0}`,
    ...(authorization ? [authorization] : []),
    'Content-Length: 0',
  ];
  socket.write(`${lines.join('\r\n')}\r\n\r\n`);
}

function digest(challenge) {
  const field = (name) => new RegExp(`${name}="?([^",]+)"?`, 'i').exec(challenge)?.[1] ?? '';
  const realm = field('realm');
  const nonce = field('nonce');
  const cnonce = token();
  const nc = '00000001';
  const ha1 = md5(`${user}:${realm}:${password}`);
  const ha2 = md5(`SUBSCRIBE:${uri}`);
  const response = md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`);
  return `Proxy-Authorization: Digest username="${user}", realm="${realm}", nonce="${nonce}", uri="${uri}", response="${response}", algorithm=MD5, qop=auth, nc=${nc}, cnonce="${cnonce}"`;
}

/** Splits the TCP stream into SIP messages (Content-Length framed). */
let buffer = '';
socket.on('data', (chunk) => {
  buffer += chunk.toString('utf8');
  for (;;) {
    const end = buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = buffer.slice(0, end);
    const length = Number(/\r\ncontent-length\s*:\s*(\d+)/i.exec(head)?.[1] ?? '0');
    if (buffer.length < end + 4 + length) return;
    const body = buffer.slice(end + 4, end + 4 + length);
    buffer = buffer.slice(end + 4 + length);
    onMessage(head, body);
  }
});

function onMessage(head, body) {
  const [start, ...headers] = head.split('\r\n');
  if (start.startsWith('NOTIFY ')) {
    const echo = headers.filter((line) => /^(via|from|to|call-id|cseq)\s*:/i.test(line));
    socket.write(['SIP/2.0 200 OK', ...echo, 'Content-Length: 0', '', ''].join('\r\n'));
    const state = headers.find((line) => /^subscription-state\s*:/i.test(line))?.replace(/^[^:]+:\s*/, '') ?? null;
    notifies.push({ subscriptionState: state, body });
    return;
  }
  const status = /^SIP\/2\.0 (\d{3}) ?(.*)$/.exec(start);
  if (!status || !headers.some((line) => /^cseq\s*:.*SUBSCRIBE/i.test(line))) return;
  const code = Number(status[1]);
  if (code < 200) return;
  const challenge = headers.find((line) => /^proxy-authenticate\s*:/i.test(line));
  if (code === 407 && challenge && cseq === 1) {
    subscribe(digest(challenge));
    return;
  }
  waiter?.({ status: code, reason: status[2] });
}

const timeout = Number(values['timeout-ms']);
let noAnswer;
const final = await new Promise((resolve) => {
  waiter = resolve;
  noAnswer = setTimeout(() => resolve({ status: 0, reason: 'no final response' }), timeout);
  subscribe(null);
});
// Answered: the bound's timer must not hold the process for the rest of it.
clearTimeout(noAnswer);
if (final.status >= 200 && final.status < 300 && waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
process.stdout.write(`${JSON.stringify({ ...final, notifies })}\n`);
socket.destroy();
