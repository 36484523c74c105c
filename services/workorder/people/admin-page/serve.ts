import type { PeopleRoute } from '../context';
import { ADMIN_HTML } from './html';
import { ADMIN_JS } from './script';
import { ADMIN_CSS } from './style';

/**
 * The admin screen for a centre's IT, served by the service itself at /admin/
 * (same origin as the JSON API it calls). Nothing but its own files may load
 * or run; it may only talk to this service; no page may frame it.
 */
export const ADMIN_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const FILES: Record<string, { type: string; body: string }> = {
  '': { type: 'text/html; charset=utf-8', body: ADMIN_HTML },
  'admin.js': { type: 'text/javascript; charset=utf-8', body: ADMIN_JS },
  'admin.css': { type: 'text/css; charset=utf-8', body: ADMIN_CSS },
  // Without an icon of its own the browser asks /favicon.ico, which the API answers 401.
  'icon.svg': {
    type: 'image/svg+xml',
    body: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0052d9"/></svg>',
  },
};

export const ADMIN_PAGE_ROUTES: PeopleRoute[] = [
  {
    path: /^\/admin$/,
    methods: {
      GET: async (_ctx, _req, res) => {
        res.writeHead(308, { location: '/admin/', 'content-length': '0' }).end();
      },
    },
  },
  {
    path: /^\/admin\/(|admin\.js|admin\.css|icon\.svg)$/,
    methods: {
      GET: async (_ctx, _req, res, params) => {
        const file = FILES[params[0] ?? ''] as { type: string; body: string };
        res.writeHead(200, {
          'content-type': file.type,
          'content-length': String(Buffer.byteLength(file.body)),
          'content-security-policy': ADMIN_CSP,
          'x-content-type-options': 'nosniff',
          'x-frame-options': 'DENY',
          'referrer-policy': 'no-referrer',
          'cache-control': 'no-store',
        });
        res.end(file.body);
      },
    },
  },
];
