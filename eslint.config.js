// Layer rules are enforced here so a wrong import fails `npm run lint` (docs/architecture.md):
// - shared/ imports only zod, yaml and itself (an allow-list: a new package is refused until added);
// - electron/usb-helper/ (runs as root) imports only `node:` builtins, shared/ and itself;
// - electron/services/ never imports electron, the renderer, or the layers above it (rpc/, host/, app/);
// - the renderer never imports Node builtins or electron/; the rest of the Node layer never imports electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';
import { dirname, relative, resolve } from 'node:path';

const restrict = (paths, patterns = []) => ({
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      paths: paths.map((name) => ({ name, message: `Layer rule: '${name}' may not be imported from this layer (see docs/architecture.md).` })),
      patterns,
    },
  ],
});

/**
 * layers/imports: every import, re-export, dynamic import() and require() of a file is classified as
 * a builtin, a package or a repository path, then checked against the layer's allow-list (`allow`:
 * anything not listed is refused) or deny-list (`forbid`). Patterns cannot say "only these", hence
 * this small rule.
 */
const builtinSet = new Set(builtinModules);
function classify(specifier, filename, cwd) {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    return {
      kind: 'path',
      path: relative(cwd, resolve(dirname(filename), specifier))
        .split('\\')
        .join('/'),
    };
  }
  if (specifier.startsWith('node:') || builtinSet.has(specifier.split('/')[0])) return { kind: 'builtin', prefixed: specifier.startsWith('node:') };
  const parts = specifier.split('/');
  return { kind: 'package', name: specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0] };
}
const within = (path, dirs) => dirs.some((d) => path === d.replace(/\/$/, '') || path.startsWith(d));
function verdict(target, { allow, forbid }) {
  if (allow) {
    if (target.kind === 'path') return within(target.path, allow.paths ?? []);
    if (target.kind === 'builtin') return allow.builtins === 'any' || (allow.builtins === 'node:' && target.prefixed);
    return (allow.packages ?? []).includes(target.name);
  }
  if (target.kind === 'path') return !within(target.path, forbid.paths ?? []);
  if (target.kind === 'builtin') return !forbid.builtins;
  return !(forbid.packages ?? []).includes(target.name);
}
const layerPlugin = {
  rules: {
    imports: {
      meta: { type: 'problem', schema: [{ type: 'object', additionalProperties: true }] },
      create(context) {
        const [options] = context.options;
        const check = (node) => {
          if (!node || node.type !== 'Literal' || typeof node.value !== 'string') return;
          const target = classify(node.value, context.filename, context.cwd);
          if (!verdict(target, options)) context.report({ node, message: `Layer rule (${options.layer}): '${node.value}' may not be imported here. ${options.why} (see docs/architecture.md)` });
        };
        return {
          ImportDeclaration: (n) => check(n.source),
          ExportNamedDeclaration: (n) => check(n.source),
          ExportAllDeclaration: (n) => check(n.source),
          ImportExpression: (n) => check(n.source),
          TSImportType: (n) => check(n.argument?.type === 'TSLiteralType' ? n.argument.literal : n.argument),
          TSExternalModuleReference: (n) => check(n.expression),
          CallExpression: (n) => n.callee.type === 'Identifier' && n.callee.name === 'require' && check(n.arguments[0]),
        };
      },
    },
  },
};
const layer = (options) => ({ plugins: { layers: layerPlugin }, rules: { 'layers/imports': ['error', options] } });

const noElectronInTests = { name: 'electron', message: 'Tests run without the Electron binary.', allowTypeImports: true };
const notUnit = 'Unit tests are pure: a test that spawns a process, opens a server, socket, pty or the keychain belongs under test/integration/<area>/.';
const unitForbidden = [
  ...['child_process', 'net', 'http', 'https', 'http2', 'tls', 'dgram'].flatMap((m) => [m, `node:${m}`]),
  'ws',
  'undici',
  'got',
  '@lydell/node-pty',
  '@napi-rs/keyring',
  'playwright-core',
];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.cache/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    ...layer({ layer: 'shared', why: 'shared/ is pure: it imports only zod, yaml and itself.', allow: { paths: ['shared/'], packages: ['zod', 'yaml'] } }),
  },
  {
    files: ['electron/usb-helper/**/*.ts'],
    languageOptions: { globals: globals.node },
    ...layer({
      layer: 'usb-helper',
      why: 'The USB helper runs as root: it imports only node: builtins, shared/ and itself.',
      allow: { paths: ['electron/usb-helper/', 'shared/'], builtins: 'node:' },
    }),
  },
  {
    files: ['electron/services/**/*.{ts,mjs}'],
    languageOptions: { globals: globals.node },
    ...layer({
      layer: 'services',
      why: 'Services never import electron, the renderer, or the layers that sit on them (rpc/, host/, app/): they receive what they need.',
      forbid: { packages: ['electron'], paths: ['renderer/', 'electron/rpc/', 'electron/host/', 'electron/app/'] },
    }),
  },
  {
    files: ['electron/app/**/*.ts', 'electron/host/**/*.ts', 'electron/rpc/**/*.ts', 'electron/cli/**/*.ts', 'electron/practice/**/*.{ts,mjs}'],
    languageOptions: { globals: globals.node },
    rules: restrict(['electron'], [{ group: ['**/renderer/**'], message: 'Layer rule: the Node layer never imports the renderer.' }]),
  },
  {
    files: ['electron/*.ts', 'electron/*.cts'],
    languageOptions: { globals: globals.node },
    rules: restrict([], [{ group: ['**/renderer/**'], message: 'Layer rule: the Electron layer never imports the renderer.' }]),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ...layer({
      layer: 'renderer',
      why: 'The renderer reaches the main process only through the API contract: no Node builtins, no electron/, no Node-only packages.',
      forbid: {
        builtins: true,
        paths: ['electron/'],
        packages: ['electron', 'ws', 'conf', 'got', 'undici', 'tar', '@napi-rs/lzma', '@lydell/node-pty', '@napi-rs/keyring', '@kubernetes/client-node'],
      },
    }),
  },
  {
    files: ['test/**/*.{ts,tsx}', 'scripts/**/*.{ts,mjs,js}', 'bin/**/*.mjs', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      // Nothing that tests import may load the Electron binary; type-only imports are fine.
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [noElectronInTests] }],
    },
  },
  {
    // Unit tests are pure: a test that starts a process or a server, opens a socket, a pty or the
    // keychain, or drives a peer program lives under test/integration/<area>/ (browsers: test/e2e/).
    files: ['test/unit/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [noElectronInTests, ...unitForbidden.map((name) => ({ name, message: notUnit }))],
          patterns: [
            {
              group: [
                '**/simulators/*-simulator',
                '**/simulators/assisted-day2',
                ...['host', 'browser', 'keyring-session', 'iso-fixtures', 'peers', 'ports'].map((f) => `**/support/${f}`),
                '**/integration/**',
                '**/e2e/**',
              ],
              message: notUnit,
            },
          ],
        },
      ],
    },
  },
);
