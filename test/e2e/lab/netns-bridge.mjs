// Runs inside the lab's network namespace (nsenter) and lets the test process,
// which lives outside it, reach a service on the namespace's loopback:
//   node netns-bridge.mjs udp-ping <host> <port> <payload> <timeoutMs>
//       sends one datagram, prints the first reply on stdout, exits 0 (1 on timeout)
//   node netns-bridge.mjs tcp-pipe <host> <port> <connectTimeoutMs>
//       connects (retrying until the timeout: the service may still be starting),
//       then copies stdin to the socket and the socket to stdout until either ends
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import process from 'node:process';

const [mode, host, portText, arg] = process.argv.slice(2);
const port = Number(portText);

if (mode === 'udp-ping') {
  const timeoutMs = Number(process.argv[6] ?? '1000');
  const socket = createSocket('udp4');
  const timer = setTimeout(() => {
    socket.close();
    process.exit(1);
  }, timeoutMs);
  socket.on('message', (message) => {
    clearTimeout(timer);
    process.stdout.write(message.toString('latin1'));
    socket.close();
  });
  socket.send(Buffer.from(arg ?? '', 'latin1'), port, host);
} else if (mode === 'tcp-pipe') {
  const deadline = Date.now() + Number(arg ?? '5000');
  const attempt = () => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      process.stdin.pipe(socket);
      socket.pipe(process.stdout);
      socket.once('close', () => process.exit(0));
      process.stdin.once('end', () => socket.end());
    });
    socket.once('error', (error) => {
      socket.destroy();
      if (Date.now() > deadline) {
        console.error(`netns-bridge: cannot connect to ${host}:${port}: ${error.message}`);
        process.exit(1);
      }
      setTimeout(attempt, 50);
    });
  };
  attempt();
} else {
  console.error(`netns-bridge: unknown mode ${mode}`);
  process.exit(2);
}
