// Runs a TypeScript entry of the work-order service on plain Node 22:
//   node services/workorder/run.mjs server            (see server.ts for the environment)
//   node services/workorder/run.mjs admin issue-token --agent 0307 --team team-a
// esbuild bundles the entry (packages stay external) into node_modules/.cache,
// where better-sqlite3, pg and zod resolve from the project's node_modules.
/* global console, URL */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ENTRIES = { server: 'server.ts', admin: 'admin.ts' };
const [name, ...args] = process.argv.slice(2);
const entry = ENTRIES[name];
if (!entry) {
  console.error(`Usage: node services/workorder/run.mjs ${Object.keys(ENTRIES).join('|')} [args...]`);
  process.exit(2);
}
const outfile = fileURLToPath(new URL(`../../node_modules/.cache/hotline-workorder/${name}-${process.pid}.mjs`, import.meta.url));
await build({
  entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
});
// The entry reads process.argv: make it look like `node <entry> args...`.
process.argv = [process.argv[0], outfile, ...args];
process.setSourceMapsEnabled(true);
try {
  await import(pathToFileURL(outfile).href);
} finally {
  // Loaded; the per-process file (so two commands never write the same one) can go.
  rmSync(outfile, { force: true });
}
