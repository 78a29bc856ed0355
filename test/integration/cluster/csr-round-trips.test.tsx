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
import { kubeletCsrObject } from '../../../electron/services/simulators/kubelet-csr';
import { startTestBackend } from '../../support/backend';
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

const watches = (resource: string) => sim.requests.filter((r) => r.query.includes('watch=true') && r.path.endsWith(resource)).length;

describe('CSR approval round trips', () => {
  it('approving one CSR in the panel costs one CSR list, one Node GET and the PUT; the panel reads nothing after it', async () => {
    const kubeconfig = join(mkdtempSync(join(tmpdir(), 'sfk-rt-')), 'kubeconfig');
    sim.writeKubeconfig(kubeconfig);
    const started = await startTestBackend();
    backend = started.backend;
    const { api } = started;
    const created = await api.call('jobs.create', { kind: 'manual', title: 'round trips' });
    await api.call('cluster.connect', { jobId: created.id, kubeconfigPath: kubeconfig });
    await api.call('cluster.setWorker', { jobId: created.id, worker: { nodeName: 'worker-rt', addresses: ['192.168.50.0/24'] } });
    const job = await api.call('jobs.get', { id: created.id });

    render(
      <ApiProvider client={api}>
        <CsrPanel job={job} />
      </ApiProvider>,
    );
    // The panel has read its state and started the join watch (a list and a watch per resource).
    await screen.findByTestId('csr-auto-approve');
    await vi.waitFor(() => expect([watches('certificatesigningrequests'), watches('nodes')]).toEqual([1, 1]), { timeout: 20_000 });

    // The kubelet's CSR arrives through the watch; the panel shows it from the event alone.
    const before = sim.requests.length;
    const csr = sim.addCsr(await kubeletCsrObject('client', 'worker-rt'));
    const name = csr.metadata.name;
    const button = await screen.findByTestId(`csr-approve-${name}`, {}, { timeout: 20_000 });
    expect(sim.requests.slice(before)).toEqual([]);

    const start = sim.requests.length;
    fireEvent.click(button);
    // Approved, then issued by the signer: both reach the panel as events.
    await vi.waitFor(() => expect(screen.getByTestId(`csr-condition-${name}`).textContent).toBe('Approved,Issued'), { timeout: 20_000 });
    const made = sim.requests.slice(start).filter((r) => !r.query.includes('watch=true'));
    expect(made.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      'GET /api/v1/nodes/worker-rt',
      'GET /apis/certificates.k8s.io/v1/certificatesigningrequests',
      `PUT /apis/certificates.k8s.io/v1/certificatesigningrequests/${name}/approval`,
    ]);
    expect(made.length).toBeLessThanOrEqual(4);
    expect(sim.getCsr(name)!.status.conditions[0]).toMatchObject({ type: 'Approved', reason: 'SnoFieldKitApprove' });
    expect(await screen.findByText(`Approved ${name}`, { exact: false })).toBeTruthy();
  }, 60_000);
});
