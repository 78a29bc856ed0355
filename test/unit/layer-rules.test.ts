import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function errorsFor(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports' || m.ruleId === 'layers/imports').map((m) => m.message);
}

const use = (line: string) => `${line}\nexport const a = [x];\n`;

describe('layer rules (npm run lint)', () => {
  it('keep shared/ pure', async () => {
    expect(await errorsFor('shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n")).toHaveLength(1);
    expect(await errorsFor('shared/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await errorsFor('shared/x.ts', "import { x } from '../electron/services/y';\nexport const a = x;\n")).toHaveLength(1);
    expect(await errorsFor('shared/x.ts', "import { z } from 'zod';\nexport const a = z;\n")).toEqual([]);
  });

  it('let shared/ import only zod, yaml and itself (an allow-list: any other package fails)', async () => {
    for (const bad of [
      "import x from 'undici';",
      "import x from '@lydell/node-pty';",
      "import x from 'got';",
      "import { x } from 'some-new-package/sub';",
      "import { x } from '../../test/support/x';",
      "import { x } from '../../scripts/x';",
    ]) {
      expect(await errorsFor('shared/api/x.ts', use(bad)), bad).toHaveLength(1);
    }
    // Re-exports, type-only imports, dynamic import() and require() count too.
    expect(await errorsFor('shared/x.ts', "export { fetch } from 'undici';\n")).toHaveLength(1);
    expect(await errorsFor('shared/x.ts', "import type { Dispatcher } from 'undici';\nexport type A = Dispatcher;\n")).toHaveLength(1);
    expect(await errorsFor('shared/x.ts', "export const a = () => import('node:os');\n")).toHaveLength(1);
    expect(await errorsFor('shared/x.ts', "export type A = import('node:os').CpuInfo;\n")).toHaveLength(1);
    for (const good of ["import { parse as x } from 'yaml';", "import { z as x } from 'zod';", "import { x } from './api/errors';", "import { x } from '../shared/url';"]) {
      expect(await errorsFor('shared/x.ts', use(good)), good).toEqual([]);
    }
  });

  it('let the USB helper (root) import only node: builtins, shared/ and itself', async () => {
    for (const bad of ["import { x } from '../services/usb/usb-service';", "import x from 'undici';", "import { x } from 'fs';", "import { x } from '../../renderer/x';"]) {
      expect(await errorsFor('electron/usb-helper/x.ts', use(bad)), bad).toHaveLength(1);
    }
    for (const good of ["import { x } from 'node:fs';", "import { x } from '../../shared/api/errors';", "import { x } from './block-io';"]) {
      expect(await errorsFor('electron/usb-helper/x.ts', use(good)), good).toEqual([]);
    }
  });

  it('keep the services from importing the layers above them (rpc/, host/, app/) or the renderer', async () => {
    for (const bad of [
      "import { x } from '../rpc/dispatcher';",
      "import { x } from '../host/browser-host';",
      "import { x } from '../app/composition';",
      "import { x } from '../../renderer/api/query';",
    ]) {
      expect(await errorsFor('electron/services/x.ts', use(bad)), bad).toHaveLength(1);
    }
    expect(await errorsFor('electron/services/x.ts', use("import { x } from './events/event-bus';"))).toEqual([]);
    expect(await errorsFor('electron/app/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
  });

  it('keep electron out of the services and the host', async () => {
    expect(await errorsFor('electron/services/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await errorsFor('electron/host/x.ts', "import { shell } from 'electron';\nexport const a = shell;\n")).toHaveLength(1);
    expect(await errorsFor('electron/practice/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await errorsFor('electron/services/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n")).toEqual([]);
  });

  it('keep Node and main-process code out of the renderer', async () => {
    expect(await errorsFor('renderer/x.ts', "import { readFileSync } from 'fs';\nexport const a = readFileSync;\n")).toHaveLength(1);
    expect(await errorsFor('renderer/x.ts', "import { JobStore } from '../electron/services/jobs/job-store';\nexport const a = JobStore;\n")).toHaveLength(1);
    expect(await errorsFor('renderer/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n")).toHaveLength(1);
    expect(await errorsFor('renderer/pages/x.tsx', use("import { x } from 'node:path';"))).toHaveLength(1);
    expect(await errorsFor('renderer/pages/x.tsx', use("import type { x } from '../../electron/app/composition';"))).toHaveLength(1);
    expect(await errorsFor('renderer/pages/x.tsx', use("import { x } from '../../shared/api/contract';"))).toEqual([]);
  });

  it('let only the Electron shell import electron at run time', async () => {
    expect(await errorsFor('electron/main.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
    expect(await errorsFor('test/x.test.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await errorsFor('test/x.test.ts', "import type { App } from 'electron';\nexport type A = App;\n")).toEqual([]);
  });

  it('keep processes, servers, sockets, ptys and the keychain out of test/unit', async () => {
    const spawn = "import { spawn } from 'node:child_process';\nexport const a = spawn;\n";
    expect(await errorsFor('test/unit/x.test.ts', spawn)).toHaveLength(1);
    expect(await errorsFor('test/integration/x/x.test.ts', spawn)).toEqual([]);
    expect(await errorsFor('test/unit/x.test.ts', "import { createServer } from 'http';\nexport const a = createServer;\n")).toHaveLength(1);
    expect(
      await errorsFor('test/unit/x.test.ts', "import { startKubeApiSimulator } from '../../electron/services/simulators/kube-api-simulator';\nexport const a = startKubeApiSimulator;\n"),
    ).toHaveLength(1);
    expect(await errorsFor('test/unit/x.test.ts', "import { startKeyringSession } from '../support/keyring-session';\nexport const a = startKeyringSession;\n")).toHaveLength(1);
    expect(await errorsFor('test/unit/x.test.ts', "import { kubeletCsrObject } from '../../electron/services/simulators/kubelet-csr';\nexport const a = kubeletCsrObject;\n")).toEqual([]);
    expect(await errorsFor('test/unit/x.test.ts', "import type { App } from 'electron';\nexport type A = App;\n")).toEqual([]);
  });
});
