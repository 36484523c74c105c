// The local HTTP server the replay benches' page (replay-stream.ts, replay-first-paint.ts) talks to in
// the lab Chromium, standing in for IPC (the JSON replies as the lab's bridge carries them) and for
// app:// (main's ReplayStreams, the very handler the Electron entry gives protocol.handle). Both
// benches served it alike; it lives here so they serve the audio the same way.
import { createServer, type Server } from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { createAppCore } from '../src/main/app-core';
import { APP_SENDER } from '../test/support/app-core';

type Core = ReturnType<typeof createAppCore>;

/** What a bench path answers: a body with its type, or an IPC call whose reply is sent as the bridge carries it. */
export type LabAnswer = { contentType: string; body: string | Buffer } | { ipc: string; payload: unknown };

/**
 * Listens on 127.0.0.1 (a free port): `answer` serves the bench's own paths (its page, the IPC calls it
 * makes), recordings/<call> goes to main's ReplayStreams handler with the request's range, anything
 * else is 404.
 */
export async function replayLabServer(core: Core, answer: (url: URL) => LabAnswer | null): Promise<{ server: Server; port: number }> {
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const answered = answer(url);
      if (answered && 'body' in answered) return void res.writeHead(200, { 'content-type': answered.contentType }).end(answered.body);
      if (answered) {
        const reply = await core.router.handle(APP_SENDER, answered.ipc, answered.payload);
        if (!reply.ok) return void res.writeHead(500).end(JSON.stringify(reply.error));
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply.value));
      }
      if (url.pathname.startsWith('/recordings/')) {
        const response = await core.replayAudio.handle(new Request(url, { method: req.method ?? 'GET', headers: req.headers.range ? { range: req.headers.range } : {} }));
        res.writeHead(response.status, Object.fromEntries(response.headers));
        if (!response.body) return void res.end();
        Readable.fromWeb(response.body as WebReadableStream).on('error', () => res.destroy()).pipe(res);
        return undefined;
      }
      res.writeHead(404).end();
      return undefined;
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}
