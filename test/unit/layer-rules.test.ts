import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function errorsFor(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

describe('layer rules (npm run lint)', () => {
  it('keep shared/ pure', async () => {
    expect(await errorsFor('shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n")).toHaveLength(1);
    expect(await errorsFor('shared/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await errorsFor('shared/x.ts', "import { x } from '../electron/services/y';\nexport const a = x;\n")).toHaveLength(1);
    expect(await errorsFor('shared/x.ts', "import { z } from 'zod';\nexport const a = z;\n")).toEqual([]);
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
    expect(await errorsFor('test/unit/x.test.ts', "import { startKubeApiSimulator } from '../../electron/services/simulators/kube-api-simulator';\nexport const a = startKubeApiSimulator;\n")).toHaveLength(1);
    expect(await errorsFor('test/unit/x.test.ts', "import { startKeyringSession } from '../support/keyring-session';\nexport const a = startKeyringSession;\n")).toHaveLength(1);
    expect(await errorsFor('test/unit/x.test.ts', "import { kubeletCsrObject } from '../../electron/services/simulators/kubelet-csr';\nexport const a = kubeletCsrObject;\n")).toEqual([]);
    expect(await errorsFor('test/unit/x.test.ts', "import type { App } from 'electron';\nexport type A = App;\n")).toEqual([]);
  });
});
