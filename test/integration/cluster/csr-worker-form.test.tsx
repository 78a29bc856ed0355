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

describe("the CSR panel's expected worker", () => {
  it('is read-only until the saved worker has been read, then shown on one line; Change edits it, Cancel drops the edit, Save keeps it', async () => {
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
    // Not read yet: the form is there but nothing can be typed, so the saved name cannot land under the cursor.
    const loadingName = (await screen.findByTestId('csr-node-name')) as HTMLInputElement;
    const loadingFields = [loadingName, screen.getByTestId('csr-addresses'), screen.getByTestId('csr-save-worker')] as (HTMLInputElement | HTMLButtonElement)[];
    expect(loadingFields.map((f) => f.disabled)).toEqual([true, true, true]);

    // Read: the saved worker on one line, no form.
    release();
    const summaryName = await screen.findByTestId('csr-worker-summary-name', {}, { timeout: 20_000 });
    expect(summaryName.textContent).toBe('worker-saved.example.com');
    expect(screen.getByTestId('csr-worker-summary-addresses').textContent).toContain('192.168.50.0/24');
    expect(screen.queryByTestId('csr-node-name')).toBeNull();

    // Change opens the form with the saved values; Cancel drops what was typed.
    fireEvent.click(screen.getByTestId('csr-change-worker'));
    const name = screen.getByTestId('csr-node-name') as HTMLInputElement;
    expect([name.value, (screen.getByTestId('csr-addresses') as HTMLInputElement).value, name.disabled]).toEqual(['worker-saved.example.com', '192.168.50.0/24', false]);
    fireEvent.change(name, { target: { value: 'worker-typo.example.com' } });
    fireEvent.click(screen.getByTestId('csr-cancel-worker'));
    expect(screen.getByTestId('csr-worker-summary-name').textContent).toBe('worker-saved.example.com');
    expect((await api.call('csr.list', { jobId: job.id })).expected?.nodeName).toBe('worker-saved.example.com');

    // Change, type, Save: saved, then folded again showing the new name.
    fireEvent.click(screen.getByTestId('csr-change-worker'));
    expect((screen.getByTestId('csr-node-name') as HTMLInputElement).value).toBe('worker-saved.example.com');
    fireEvent.change(screen.getByTestId('csr-node-name'), { target: { value: 'worker-1.example.com' } });
    fireEvent.click(screen.getByTestId('csr-save-worker'));
    await vi.waitFor(() => expect(screen.getByTestId('csr-worker-summary-name').textContent).toBe('worker-1.example.com'), { timeout: 20_000 });
    expect((await api.call('csr.list', { jobId: job.id })).expected?.nodeName).toBe('worker-1.example.com');
  }, 60_000);
});
