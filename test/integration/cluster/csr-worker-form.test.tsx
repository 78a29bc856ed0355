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
import { en } from '../../../shared/i18n/en';

let sim: KubeApiSimulator;
const backends: Backend[] = [];

beforeAll(async () => {
  sim = await startKubeApiSimulator({ nodes: [{ name: 'sno-0', roles: ['control-plane', 'master', 'worker'], ready: true }] });
  await initI18n('en');
});
afterAll(async () => {
  cleanup();
  for (const b of backends) await b.dispose();
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

/** A connected manual job, with `worker` saved when given. */
async function connectedJob(api: ApiClient, worker?: { nodeName: string; addresses: string[] }) {
  const kubeconfig = join(mkdtempSync(join(tmpdir(), 'sfk-form-')), 'kubeconfig');
  sim.writeKubeconfig(kubeconfig);
  const created = await api.call('jobs.create', { kind: 'manual', title: 'worker form' });
  await api.call('cluster.connect', { jobId: created.id, kubeconfigPath: kubeconfig });
  if (worker) await api.call('cluster.setWorker', { jobId: created.id, worker });
  return api.call('jobs.get', { id: created.id });
}

const input = (testId: string) => screen.getByTestId(testId) as HTMLInputElement;

describe("the CSR panel's expected worker", () => {
  it('is read-only until the saved worker has been read, then shown on one line; Change edits a copy, Cancel drops it, Save keeps it', async () => {
    const started = await startTestBackend();
    backends.push(started.backend);
    const { api } = started;
    const job = await connectedJob(api, { nodeName: 'worker-saved.example.com', addresses: ['192.168.50.0/24'] });
    const { client, release } = holdingCsrList(api);
    render(
      <ApiProvider client={client}>
        <CsrPanel job={job} />
      </ApiProvider>,
    );

    // Not read yet: nothing can be typed, so the saved name cannot land under the cursor; no "enter a name first" either.
    await screen.findByTestId('csr-node-name');
    expect([input('csr-node-name').disabled, input('csr-addresses').disabled]).toEqual([true, true]);
    expect(screen.queryByText(en.cluster.csr.noWorker)).toBeNull();

    // Read: the saved worker on one line, no form.
    release();
    const summaryName = await screen.findByTestId('csr-worker-summary-name', {}, { timeout: 20_000 });
    expect(summaryName.textContent).toBe('worker-saved.example.com');
    expect(screen.getByTestId('csr-worker-summary-addresses').textContent).toContain('192.168.50.0/24');
    expect(screen.queryByTestId('csr-node-name')).toBeNull();

    // Change opens the form on the saved values, with the keyboard in the name; Cancel drops what was typed.
    fireEvent.click(screen.getByTestId('csr-change-worker'));
    expect([input('csr-node-name').value, input('csr-addresses').value, input('csr-node-name').disabled]).toEqual(['worker-saved.example.com', '192.168.50.0/24', false]);
    expect(document.activeElement).toBe(input('csr-node-name'));
    fireEvent.change(input('csr-node-name'), { target: { value: 'worker-typo.example.com' } });
    fireEvent.click(screen.getByTestId('csr-cancel-worker'));
    expect(screen.getByTestId('csr-worker-summary-name').textContent).toBe('worker-saved.example.com');
    expect(document.activeElement).toBe(screen.getByTestId('csr-change-worker'));
    expect((await api.call('csr.list', { jobId: job.id })).expected?.nodeName).toBe('worker-saved.example.com');

    // Change again: a fresh copy of the saved worker, not the dropped typing. Type, Save: saved, then folded showing it.
    fireEvent.click(screen.getByTestId('csr-change-worker'));
    expect(input('csr-node-name').value).toBe('worker-saved.example.com');
    fireEvent.change(input('csr-node-name'), { target: { value: 'worker-1.example.com' } });
    fireEvent.click(screen.getByTestId('csr-save-worker'));
    await vi.waitFor(() => expect(screen.getByTestId('csr-worker-summary-name').textContent).toBe('worker-1.example.com'), { timeout: 20_000 });
    expect((await api.call('csr.list', { jobId: job.id })).expected?.nodeName).toBe('worker-1.example.com');
    cleanup();
  }, 60_000);

  it('keeps what the technician is typing when a worker is saved meanwhile from elsewhere', async () => {
    const started = await startTestBackend();
    backends.push(started.backend);
    const { api } = started;
    const job = await connectedJob(api);
    render(
      <ApiProvider client={api}>
        <CsrPanel job={job} />
      </ApiProvider>,
    );
    await vi.waitFor(() => expect(input('csr-node-name').disabled).toBe(false), { timeout: 20_000 });
    fireEvent.change(input('csr-node-name'), { target: { value: 'worker-2.example.com' } });

    // Another window saves a different worker; the panel hears of it and reads the list again.
    await api.call('cluster.setWorker', { jobId: job.id, worker: { nodeName: 'worker-other.example.com', addresses: ['10.0.0.0/24'] } });
    await vi.waitFor(() => expect(screen.getByTestId('csr-cancel-worker')).toBeTruthy(), { timeout: 20_000 });
    expect([input('csr-node-name').value, input('csr-addresses').value]).toEqual(['worker-2.example.com', '']);

    // Saving now stores exactly what is on screen, not a mix with the other window's addresses.
    fireEvent.click(screen.getByTestId('csr-save-worker'));
    await vi.waitFor(() => expect(screen.getByTestId('csr-worker-summary-name').textContent).toBe('worker-2.example.com'), { timeout: 20_000 });
    expect((await api.call('csr.list', { jobId: job.id })).expected).toMatchObject({ nodeName: 'worker-2.example.com', addresses: [] });
    cleanup();
  }, 60_000);
});
