// Bundles the Electron main process and preload with esbuild (CommonJS: sandboxed preloads must be).
import { build } from 'esbuild';
import { copyFileSync } from 'node:fs';

const common = { bundle: true, platform: 'node', target: 'node22', format: 'cjs', sourcemap: true, logLevel: 'info' };
await build({
  ...common,
  entryPoints: ['electron/main.ts'],
  outfile: 'dist/electron/main.cjs',
  // Native modules stay outside the bundle (unpacked from the asar by electron-builder).
  external: ['electron', '@napi-rs/keyring', '@napi-rs/lzma', '@lydell/node-pty'],
});
await build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', external: ['electron'] });
// The privileged USB writer helper: run by a plain Node binary (through pkexec), never by Electron.
await build({ ...common, entryPoints: ['electron/usb-helper/main.ts'], outfile: 'dist/electron/usb-helper.cjs' });
// Practice mode runs the stand-in oc (electron/practice/oc-standin.mjs) as the practice cluster's oc:
// ship it beside the practice base ISO (electron-builder copies resources/ as extraResources).
copyFileSync('electron/practice/oc-standin.mjs', 'resources/practice/oc-standin.mjs');
