// Loads main's bundle (argv[2]) in plain Node with `electron` and `electron-log/main` stubbed: whenReady() never
// resolves, so only the bundle's top level runs. Prints { loadMs, packages }: the whole require, and each package the
// bundle required at its top level with the time that took. Used by bench/main-load.bench.ts and the e2e check that
// main's bundle leaves its first-use packages alone (test/e2e/main-bundle.e2e.test.ts).
/* global require, process, performance */
// A CommonJS script on purpose: it hooks Node's CommonJS loader, which is how Electron loads main's bundle.
/* eslint-disable @typescript-eslint/no-require-imports */
const Module = require('node:module');
const stub = () =>
  new Proxy(function () {}, {
    get: (_t, key) => (key === 'then' ? undefined : key === 'whenReady' ? () => new Promise(() => {}) : key === Symbol.toPrimitive ? () => '' : stub()),
    apply: () => stub(),
    construct: () => stub(),
  });
const original = Module._load;
const packages = {};
let depth = 0;
Module._load = function (request, ...rest) {
  if (request === 'electron') return stub();
  if (request === 'electron-log/main') return { __esModule: true, default: stub() };
  depth++;
  const started = performance.now();
  try {
    return original.call(this, request, ...rest);
  } finally {
    depth--;
    if (depth === 1 && !request.startsWith('node:')) packages[request] = (packages[request] ?? 0) + performance.now() - started;
  }
};
const started = performance.now();
require(process.argv[2]);
process.stdout.write(JSON.stringify({ loadMs: performance.now() - started, packages }));
process.exit(0);
