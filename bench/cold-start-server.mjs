// The built renderer over plain HTTP for the phone bench's cold starts, run INSIDE the lab's
// namespace (lab.inNetns) on localhost:80. Unlike Playwright's request routing (which turns the
// browser's HTTP cache off, and with it V8's code cache), this lets Chromium cache what the
// Electron app keeps between starts: the hashed assets are immutable (as Vite names them), the
// page is revalidated. Several builds can be served side by side, each under its own prefix
// (the bench alternates between them run by run).
//   node cold-start-server.mjs <port> <urlPrefix>=<dir> [<urlPrefix>=<dir> ...]
/* global URL */
import { createServer } from 'node:http';
import process from 'node:process';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const [port = '80', ...pairs] = process.argv.slice(2);
const roots = pairs.map((pair) => {
  const at = pair.indexOf('=');
  return { prefix: pair.slice(0, at), dir: pair.slice(at + 1) };
});
const TYPES = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css', '.html': 'text/html; charset=utf-8', '.map': 'application/json', '.wav': 'audio/wav', '.woff2': 'font/woff2' };

const server = createServer(async (request, response) => {
  const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
  const root = roots.find((r) => path.startsWith(r.prefix));
  const relative = root ? path.slice(root.prefix.length) : null;
  const file = relative === null || !root ? null : normalize(join(root.dir, relative));
  if (!file || !root || !file.startsWith(normalize(root.dir) + sep)) {
    response.writeHead(404).end();
    return;
  }
  try {
    const info = await stat(file);
    const etag = `"${info.size}-${info.mtimeMs}"`;
    const immutable = relative.startsWith('assets/');
    const headers = {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      etag,
      'last-modified': new Date(info.mtimeMs).toUTCString(),
    };
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, headers).end();
      return;
    }
    const body = await readFile(file);
    response.writeHead(200, headers).end(body);
  } catch {
    response.writeHead(404).end();
  }
});
server.listen({ port: Number(port), host: '::', ipv6Only: false }, () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
