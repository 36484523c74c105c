// A static file server for the built renderer, run INSIDE the lab's network
// namespace (via lab.inNetns) on localhost:80. Playwright's request routing
// serves the app's pages, but it never sees AudioWorklet module requests
// (checked: addModule fails with "Unable to load a worklet's module" under
// context.route), so those reach the network: this answers them, same origin
// as the routed pages (http://localhost/app/...).
//   node static-server.mjs <dir> <urlPrefix> <port>
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const [dir, prefix = '/app/', port = '80'] = process.argv.slice(2);
const TYPES = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css', '.html': 'text/html; charset=utf-8', '.map': 'application/json', '.wav': 'audio/wav' };

const server = createServer(async (request, response) => {
  const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
  const relative = path.startsWith(prefix) ? path.slice(prefix.length) : null;
  const file = relative === null ? null : normalize(join(dir, relative));
  if (!file || !file.startsWith(normalize(dir) + sep)) {
    response.writeHead(404).end();
    return;
  }
  try {
    const body = await readFile(file);
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
  } catch {
    response.writeHead(404).end();
  }
});
server.listen({ port: Number(port), host: '::', ipv6Only: false }, () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
