/**
 * A minimal RFC 6455 WebSocket server (text frames, ping/close) on Node's http
 * upgrade, enough to speak SIP over WebSocket (RFC 7118) to one browser. Written
 * here rather than taken from a package: the hostile SIP server needs to cut a
 * connection at an exact point (destroy the socket, no close frame), which is
 * the one thing a polished library makes awkward.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
/** Largest frame we accept; a SIP message over WebSocket is a few KiB. */
const MAX_FRAME = 1 << 20;

export interface WsConnection {
  readonly id: number;
  send(text: string): void;
  /** Cuts the TCP connection with no close frame: a server crash or a reset. */
  reset(): void;
  readonly closed: boolean;
}

export interface WsServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startWsServer(
  onConnection: (connection: WsConnection) => void,
  onText: (connection: WsConnection, text: string) => void,
  onClose: (connection: WsConnection) => void = () => undefined,
): Promise<WsServer> {
  const sockets = new Set<Duplex>();
  let ids = 0;
  const server: Server = createServer((_request, response) => {
    response.writeHead(426).end();
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex) => {
    const key = request.headers['sec-websocket-key'];
    const protocols = String(request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    if (typeof key !== 'string' || !protocols.includes('sip')) {
      socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    const accept = createHash('sha1').update(key + GUID).digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\nSec-WebSocket-Protocol: sip\r\n\r\n`,
    );
    sockets.add(socket);
    let closed = false;
    const connection: WsConnection = {
      id: ++ids,
      send: (text) => {
        if (!closed) socket.write(frame(0x1, Buffer.from(text, 'utf8')));
      },
      reset: () => {
        closed = true;
        socket.destroy();
      },
      get closed() {
        return closed;
      },
    };
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (let i = 0; i < 1_000; i++) {
        const parsed = readFrame(buffered);
        if (parsed === 'incomplete') return;
        if (parsed === 'invalid') {
          connection.reset();
          return;
        }
        buffered = buffered.subarray(parsed.length);
        if (parsed.opcode === 0x1) onText(connection, parsed.payload.toString('utf8'));
        else if (parsed.opcode === 0x9) socket.write(frame(0xa, parsed.payload));
        else if (parsed.opcode === 0x8) {
          if (!closed) socket.end(frame(0x8, Buffer.alloc(0)));
          closed = true;
        }
      }
    });
    const gone = () => {
      if (!sockets.delete(socket)) return;
      closed = true;
      onClose(connection);
    };
    socket.on('close', gone);
    socket.on('error', gone);
    onConnection(connection);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const header = length < 126 ? Buffer.alloc(2) : length < 65_536 ? Buffer.alloc(4) : Buffer.alloc(10);
  header[0] = 0x80 | opcode;
  if (length < 126) header[1] = length;
  else if (length < 65_536) {
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  } else {
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([header, payload]);
}

type Frame = { opcode: number; payload: Buffer; length: number };

/** One client frame (always masked, RFC 6455 5.3); unfragmented text is all a browser sends for SIP. */
function readFrame(data: Buffer): Frame | 'incomplete' | 'invalid' {
  if (data.length < 2) return 'incomplete';
  const opcode = data[0]! & 0x0f;
  const masked = (data[1]! & 0x80) !== 0;
  let length = data[1]! & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (data.length < 4) return 'incomplete';
    length = data.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (data.length < 10) return 'incomplete';
    const big = data.readBigUInt64BE(2);
    if (big > BigInt(MAX_FRAME)) return 'invalid';
    length = Number(big);
    offset = 10;
  }
  if (!masked || length > MAX_FRAME) return 'invalid';
  if (data.length < offset + 4 + length) return 'incomplete';
  const mask = data.subarray(offset, offset + 4);
  const payload = Buffer.alloc(length);
  for (let i = 0; i < length; i++) payload[i] = data[offset + 4 + i]! ^ mask[i % 4]!;
  return { opcode, payload, length: offset + 4 + length };
}
