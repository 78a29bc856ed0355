import { describe, expect, it } from 'vitest';
import { jobContextEnv, jobContextVars, isSafeEnvValue, CONTEXT_VARS } from '../../../shared/terminal/job-context';

const job = (data: Record<string, unknown>) => ({ id: '2026-11-28-abcdef12', data });

describe('job context variables', () => {
  it('maps the flows’ job data to the names used in Red Hat’s procedures', () => {
    const env = jobContextEnv(
      job({
        cluster: { kubeconfigPath: '/jobs/x/kubeconfig', clusterId: '11111111-2222-4333-8444-555555555555', version: '4.18.3', architecture: 'arm64' },
        assisted: { apiUrl: 'https://assisted.mirror.example/', clusterId: 'c-1', infraEnvId: 'ie-1', hostId: 'h-1' },
      }),
      { assistedApiUrl: 'https://api.openshift.com' },
    );
    expect(env).toEqual({
      KUBECONFIG: '/jobs/x/kubeconfig',
      API_URL: 'https://assisted.mirror.example',
      OPENSHIFT_CLUSTER_ID: '11111111-2222-4333-8444-555555555555',
      CLUSTER_ID: 'c-1',
      INFRA_ENV_ID: 'ie-1',
      HOST_ID: 'h-1',
      OCP_VERSION: '4.18.3',
      ARCH: 'aarch64',
    });
  });

  it('knows INFRA_ENV_ID and HOST_ID once the Assisted flow has saved them (its own data shape)', () => {
    const assisted = {
      cluster: { openshiftClusterId: '11111111-2222-4333-8444-555555555555', apiHost: 'api.sno.example', name: 'sno', baseDomain: 'example', version: '4.16.3', source: 'manual' },
      clusterId: 'c-1',
      infraEnv: { id: 'ie-7', name: 'sno_infra-env', imageType: 'full-iso', pullSecretPath: '/p', pullSecretRegistries: [], staticNetwork: false },
      hosts: { 'h-9': { name: 'worker-1', status: 'added-to-existing-cluster', updatedAt: '2026-12-07T10:00:00Z' } },
      selectedHostId: 'h-9',
    };
    const before = jobContextVars(job({ assisted: { cluster: assisted.cluster } }));
    expect(before.find((v) => v.name === 'INFRA_ENV_ID')?.value).toBeUndefined();
    const vars = jobContextVars(job({ assisted }));
    expect(vars.find((v) => v.name === 'INFRA_ENV_ID')).toEqual({ name: 'INFRA_ENV_ID', value: 'ie-7', source: 'data.assisted.infraEnv.id' });
    expect(vars.find((v) => v.name === 'HOST_ID')).toEqual({ name: 'HOST_ID', value: 'h-9', source: 'data.assisted.selectedHostId' });
    expect(vars.find((v) => v.name === 'OCP_VERSION')?.value).toBe('4.16.3');
    expect(vars.find((v) => v.name === 'OPENSHIFT_CLUSTER_ID')?.value).toBe('11111111-2222-4333-8444-555555555555');
  });

  it('falls back to the manual flow and to Settings, and reports what is missing', () => {
    const vars = jobContextVars(job({ manual: { ocpVersion: '4.16.0', arch: 'x86_64' } }), { assistedApiUrl: 'https://api.openshift.com/' });
    expect(vars.map((v) => v.name)).toEqual([...CONTEXT_VARS]);
    expect(vars.find((v) => v.name === 'OCP_VERSION')).toEqual({ name: 'OCP_VERSION', value: '4.16.0', source: 'data.manual.ocpVersion' });
    expect(vars.find((v) => v.name === 'API_URL')).toEqual({ name: 'API_URL', value: 'https://api.openshift.com', source: 'settings.apiUrl' });
    expect(vars.find((v) => v.name === 'HOST_ID')).toEqual({ name: 'HOST_ID' });
  });

  it('never puts a secret-looking or multi-line value into the environment', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLWxvbmctZW5vdWdo';
    const env = jobContextEnv(
      job({
        cluster: { kubeconfigPath: '/a\nrm -rf /', clusterId: jwt, version: 'Bearer abcdefghijklmnop' },
        assisted: { infraEnvId: 'A'.repeat(64), hostId: 42, clusterId: { nested: true } },
      }),
    );
    expect(env).toEqual({ HOST_ID: '42' });
    expect(isSafeEnvValue('/home/tech/.sno-field-kit/jobs/2026-11-28-abcdef12/auth/kubeconfig')).toBe(true);
    expect(isSafeEnvValue('https://api.openshift.com')).toBe(true);
    expect(isSafeEnvValue('url?refresh_token=abc')).toBe(false);
  });
});
