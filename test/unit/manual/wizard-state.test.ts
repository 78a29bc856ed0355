import { describe, expect, it } from 'vitest';
import { enabledSteps, initialStep, parseVersion, versionSupported, clusterFacts, manualState } from '../../../renderer/flows/manual/state';
import type { Job } from '../../../shared/api/domains/jobs';
import { staticModel } from './fixtures';

const job = (data: Record<string, unknown>, step = 'start'): Job => ({
  id: '2026-11-28-abcdef01',
  kind: 'manual',
  title: 't',
  status: 'active',
  step,
  createdAt: '',
  updatedAt: '',
  revision: 1,
  data,
});

describe('manual wizard state', () => {
  it('accepts OpenShift 4.11 and later only', () => {
    expect(['4.11', '4.11.0', '4.16.3', '4.18.0-rc.1', '5.0.1'].map(versionSupported)).toEqual([true, true, true, true, true]);
    expect(['4.10.99', '4.6', '3.11', 'latest', '', undefined].map(versionSupported)).toEqual([false, false, false, false, false, false]);
    expect(parseVersion('4.16.3')).toEqual([4, 16]);
  });

  it('opens each step only when the previous ones are done, and resumes at the saved step', () => {
    const cluster = { version: '4.16.3', architecture: 'x86_64', kubeconfigPath: '/k', apiServerUrl: 'https://api:6443' };
    const workerIgn = { source: 'cluster', origin: 'x', version: '3.2.0', mergeSources: [], caCount: 0, ca: [], sha512: 'a'.repeat(128), size: 1, loadedAt: '' };
    const steps = (data: Record<string, unknown>) =>
      Object.entries(enabledSteps(job(data), manualState(job(data))))
        .filter(([, v]) => v)
        .map(([k]) => k);
    expect(steps({})).toEqual(['cluster']);
    expect(steps({ cluster })).toEqual(['cluster', 'workerIgn']);
    expect(steps({ cluster: { ...cluster, version: '4.10.1' } })).toEqual(['cluster']);
    // Without a known architecture the technician picks one on the cluster step first.
    expect(steps({ cluster: { ...cluster, architecture: undefined } })).toEqual(['cluster']);
    expect(steps({ cluster, manual: { workerIgn } })).toEqual(['cluster', 'workerIgn', 'network']);
    const generated = { files: [], nodeIgnitionUrl: 'http://h/new-worker.ign', generatedAt: '' };
    const full = { cluster, manual: { workerIgn, hostname: 'w.example.com', network: staticModel(), generated } };
    expect(steps(full)).toHaveLength(8);
    expect(initialStep('console', enabledSteps(job(full), manualState(job(full))))).toBe('console');
    expect(initialStep('console', enabledSteps(job({ cluster }), manualState(job({ cluster }))))).toBe('workerIgn');
  });

  it("the architecture picked for the new node wins over the cluster's; a broken slice starts afresh", () => {
    expect(clusterFacts(job({ cluster: { version: '4.16.3', architecture: 'x86_64' } }), { cluster: { architecture: 'aarch64' } }).architecture).toBe('aarch64');
    expect(manualState(job({ manual: { hostname: 42 } }))).toEqual({});
  });
});
