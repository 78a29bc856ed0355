// `npm start`: build, then launch the Electron app; where the Electron binary is missing (it cannot
// be downloaded on every machine), say so in one line and start the browser host instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

function electronBinary() {
  try {
    const pkgDir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(pkgDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

// SFK_SKIP_BUILD: the renderer is already built (tests, repeated starts).
if (!process.env.SFK_SKIP_BUILD) run('npx', ['vite', 'build', '--logLevel', 'warn']);
const binary = process.env.ELECTRON_OVERRIDE_DIST_PATH ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron') : electronBinary();
if (binary && existsSync(binary)) {
  run('node', ['scripts/build-electron.mjs']);
  const child = spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('The Electron binary is not installed on this machine (it could not be downloaded), so SNO Field Kit starts in browser mode instead.');
  const child = spawn('npx', ['tsx', 'electron/host/serve.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
