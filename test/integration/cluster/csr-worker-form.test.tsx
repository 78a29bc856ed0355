// @vitest-environment happy-dom
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { ApiProvider } from '../../../renderer/api/context';
import { CsrPanel } from '../../../renderer/components/cluster/CsrPanel';
import { initI18n } from '../../../renderer/i18n';
import { startKubeApiSimulator, type KubeApiSimulator } from '../../../electron/services/simulators/kube-api-simulator';
import { startTestBackend } from '../../support/backend';
import type { ApiClient } from '../../../shared/api/client';
import type { Backend } from '../../../electron/app/backend';

let sim: KubeApiSimulator;
let backend: Backend | undefined;

beforeAll(async () => {
  sim = await startKubeApiSimulator({ nodes: [{ name: 'sno-0', roles: ['control-plane', 'master', 'worker'], ready: true }] });
  await initI18n('en');
});
afterAll(async () => {
  cleanup();
  await backend?.dispose();
  await sim?.close();
});

/** The same client, except that csr.list answers only once `release` is called. */
function holdingCsrList(api: ApiClient): { client: ApiClient; release: () => void } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const client: ApiClient = {
    call: (async (method: Parameters<ApiClient['call']>[0], ...input: unknown[]) => {
      if (method === 'csr.list') await gate;
      return (api.call as (m: string, ...i: unknown[]) => Promise<unknown>)(method, ...input);
    }) as ApiClient['call'],
    on: api.on,
  };
  return { client, release };
}

describe("the CSR panel's expected worker form", () => {
  it('is read-only until the saved worker has been read, so the saved name never lands under what the technician types', async () => {
    const kubeconfig = join(mkdtempSync(join(tmpdir(), 'sfk-form-')), 'kubeconfig');
    sim.writeKubeconfig(kubeconfig);
    const started = await startTestBackend();
    backend = started.backend;
    const { api } = started;
    const created = await api.call('jobs.create', { kind: 'manual', title: 'worker form' });
    await api.call('cluster.connect', { jobId: created.id, kubeconfigPath: kubeconfig });
    await api.call('cluster.setWorker', { jobId: created.id, worker: { nodeName: 'worker-saved.example.com', addresses: ['192.168.50.0/24'] } });
    const job = await api.call('jobs.get', { id: created.id });
    const { client, release } = holdingCsrList(api);

    render(
      <ApiProvider client={client}>
        <CsrPanel job={job} />
      </ApiProvider>,
    );
    const name = (await screen.findByTestId('csr-node-name')) as HTMLInputElement;
    const addresses = screen.getByTestId('csr-addresses') as HTMLInputElement;
    const save = screen.getByTestId('csr-save-worker') as HTMLButtonElement;
    expect([name.disabled, addresses.disabled, save.disabled]).toEqual([true, true, true]);

    release();
    await vi.waitFor(() => expect(name.disabled).toBe(false), { timeout: 20_000 });
    expect(name.value).toBe('worker-saved.example.com');
    expect(addresses.value).toBe('192.168.50.0/24');

    // From now on the field holds exactly what is typed.
    fireEvent.change(name, { target: { value: 'worker-1.example.com' } });
    expect(name.value).toBe('worker-1.example.com');
    expect(save.disabled).toBe(false);
  }, 60_000);
});
