import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a service that cuts the first `faults` connections
 * after `afterBytes` bytes from the client (a network fault mid-request).
 */
export async function startFaultProxy(target: { host: string; port: number }, faults: number, afterBytes: number): Promise<{ url: string; cut: () => number; close: () => Promise<void> }> {
  let left = faults;
  let cut = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    sockets.add(client).add(upstream);
    const faulty = left > 0;
    if (faulty) left--;
    let sent = 0;
    client.on('data', (data: Buffer) => {
      sent += data.length;
      if (faulty && sent > afterBytes) {
        cut++;
        client.destroy();
        upstream.destroy();
        return;
      }
      upstream.write(data);
    });
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    cut: () => cut,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
