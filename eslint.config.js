// Layer rules are enforced here so a wrong import fails `npm run lint`:
// shared/ is pure, electron/services and electron/host never touch `electron`,
// the renderer never touches Node or the main-process code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const restrict = (paths, patterns = []) => ({
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      paths: paths.map((name) => ({ name, message: `Layer rule: '${name}' may not be imported from this layer (see docs/architecture.md).` })),
      patterns,
    },
  ],
});

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
    rules: restrict(
      [...nodeBuiltins, 'electron', 'react', 'react-dom', 'ws', 'conf', 'got'],
      [
        { group: ['**/electron/**', '**/renderer/**', '@patternfly/*', '@xterm/*'], message: 'Layer rule: shared/ is pure and imports no other layer.' },
      ],
    ),
  },
  {
    files: ['electron/services/**/*.ts', 'electron/host/**/*.ts', 'electron/rpc/**/*.ts', 'electron/cli/**/*.ts', 'electron/practice/**/*.{ts,mjs}'],
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
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        [...nodeBuiltins, 'electron', 'ws', 'conf', 'got', '@lydell/node-pty', '@napi-rs/keyring', '@kubernetes/client-node'],
        [{ group: ['**/electron/**'], message: 'Layer rule: the renderer reaches the main process only through the API contract.' }],
      ),
    },
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
          patterns: [{ group: ['**/simulators/*-simulator', '**/simulators/assisted-day2', ...['host', 'browser', 'keyring-session', 'iso-fixtures', 'peers', 'ports'].map((f) => `**/support/${f}`), '**/integration/**', '**/e2e/**'], message: notUnit }],
        },
      ],
    },
  },
);
