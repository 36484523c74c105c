import { z } from 'zod';

/**
 * zod 4 compiles fast object parsers with `new Function` and probes for it on
 * the first object schema it builds. Our CSP has no 'unsafe-eval', so the probe
 * would be reported as a CSP violation on every start. jitless skips both.
 * Must run before any schema is built: main.tsx imports this module first.
 */
z.config({ jitless: true });
