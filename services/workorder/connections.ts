import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * The server's connections with how many requests each has open, so a
 * closing service can end every connection not serving a request. Node's own
 * closeIdleConnections leaves a connection whose client began a request it
 * never finished (it counts as active until the keep-alive timeout).
 */
export function trackConnections(server: Server): { closeIdle(): void } {
  const open = new Map<Socket, number>();
  server.on('connection', (socket: Socket) => {
    open.set(socket, 0);
    socket.once('close', () => open.delete(socket));
  });
  server.on('request', (req, res) => {
    const socket = req.socket;
    open.set(socket, (open.get(socket) ?? 0) + 1);
    res.once('close', () => {
      if (open.has(socket)) open.set(socket, Math.max(0, (open.get(socket) ?? 1) - 1));
    });
  });
  return {
    closeIdle: () => {
      server.closeIdleConnections();
      for (const [socket, requests] of open) if (requests === 0) socket.destroy();
    },
  };
}
