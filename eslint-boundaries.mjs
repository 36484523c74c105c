// Lint rules for the boundaries inside the code base that process boundaries do not cover:
// - a renderer feature (src/renderer/features/<name>/) is used by other features only through its
//   public face, features/<name>/index.ts;
// - the centre's service (services/<name>/) is used from src/ only through services/<name>/index.ts,
//   and never imports app code (src/main, src/renderer, src/preload): shared code is in src/shared.
import { dirname, relative, resolve, sep } from 'node:path';

const root = process.cwd();
const rel = (file) => relative(root, file).split(sep).join('/');

function areaOf(path) {
  let match = /^src\/renderer\/features\/([^/]+)(\/.*)?$/.exec(path);
  if (match) return { kind: 'feature', name: match[1], rest: match[2] ?? '' };
  match = /^services\/([^/]+)(\/.*)?$/.exec(path);
  if (match) return { kind: 'service', name: match[1], rest: match[2] ?? '' };
  return null;
}

// A feature's words (locales) are gathered by src/renderer/i18n, so they are public too.
const isPublicFace = (rest) => rest === '' || /^\/index(\.tsx?)?$/.test(rest) || /^\/locales(\/|\.ts$|$)/.test(rest);

const boundaries = {
  meta: { type: 'problem', schema: [], messages: { internal: '{{what}}' } },
  create(context) {
    const file = rel(context.filename);
    const from = areaOf(file);
    return {
      ImportDeclaration(node) {
        const source = node.source.value;
        if (typeof source !== 'string' || !source.startsWith('.')) return;
        const target = rel(resolve(dirname(context.filename), source));
        const to = areaOf(target);
        if (from?.kind === 'service' && /^src\/(main|renderer|preload)\//.test(target)) {
          context.report({ node, messageId: 'internal', data: { what: 'The centre service imports only src/shared from the app.' } });
          return;
        }
        if (!to || (from && from.kind === to.kind && from.name === to.name)) return;
        if (!isPublicFace(to.rest)) {
          const face = to.kind === 'feature' ? `features/${to.name}/index.ts` : `services/${to.name}/index.ts`;
          context.report({ node, messageId: 'internal', data: { what: `Import ${to.kind} "${to.name}" through its public face (${face}), not ${target}.` } });
        }
      },
    };
  },
};

export const boundariesPlugin = { rules: { boundaries } };
