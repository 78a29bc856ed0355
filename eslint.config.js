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
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Tests run without the Electron binary.', allowTypeImports: true }] }],
    },
  },
);
