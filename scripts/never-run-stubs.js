// An esbuild plugin shared by scripts/bundle.js and the bench's reference Ink app.

/**
 * Modules that are imported but never run in tenant-mode, replaced by tiny stand-ins:
 * - react-devtools-core and ws: Ink's devtools, loaded only when DEV=true.
 * - web-streams-polyfill: node-fetch's fallback for Node < 18 (Node ≥ 18 has node:stream/web).
 * - ajv, ajv-formats and semver: conf's schema validation and migrations, which tenant-mode never asks for (no
 *   `schema`, no `migrations` option; source/store/credentials.ts checks the file's shape itself). A stand-in that
 *   throws says so if that ever changes.
 */
const notBundled = (what) =>
  `throw new Error('${what} is not bundled: conf is given no schema or migrations');`;
const neverRun = {
  'ajv/dist/2020.js': `export class Ajv2020 { constructor() { ${notBundled('ajv')} } }`,
  'ajv-formats': `export default {default() { ${notBundled('ajv-formats')} }};`,
  semver: `const refuse = () => { ${notBundled('semver')} };
export default {eq: refuse, clean: refuse, satisfies: refuse, lte: refuse, gt: refuse};`,
  'react-devtools-core': 'export default {connectToDevTools() {}};',
  ws: 'export default class WebSocket {}; export const WebSocketServer = class {};',
  'web-streams-polyfill/dist/ponyfill.es2018.js': 'module.exports = {};',
};
export const stubs = {
  name: 'never-run-stubs',
  setup(builder) {
    const filter = new RegExp(
      `^(${Object.keys(neverRun)
        .map((name) => name.replace(/[./]/g, '\\$&'))
        .join('|')})$`,
    );
    builder.onResolve({filter}, (args) => ({path: args.path, namespace: 'never-run'}));
    builder.onLoad({filter: /.*/, namespace: 'never-run'}, (args) => ({
      contents: neverRun[args.path],
      loader: 'js',
    }));
  },
};
