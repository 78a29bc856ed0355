import { describe, expect, it } from 'vitest';
import type { Job } from '../../../shared/api/domains/jobs';
import type { AssistedState } from '../../../shared/api/domains/assisted';
import { consoleStepStates } from '../../../renderer/flows/console/state';
import { manualStepStates } from '../../../renderer/flows/manual/state';
import { nodeImageStepStates } from '../../../renderer/flows/nodeimage/state';
import { assistedStepStates } from '../../../renderer/flows/assisted/state';
import { openingStep } from '../../../renderer/components/wizard/step-status';
import { placeError, placeIssues } from '../../../renderer/components/wizard/field-errors';
import { filledFromKubeconfig } from '../../../renderer/flows/assisted/cluster-source';
import { nmstateMessages, ntpMessages } from '../../../renderer/flows/assisted/iso-validation';
import { connectionState } from '../../../renderer/app/connection-state';
import { AppError, toWireError } from '../../../shared/api/errors';
import { methods } from '../../../shared/api/contract';
import { clusterDomainOf, hostnameExample, validateHostname } from '../../../shared/hostname';
import { validateDay2Hostname } from '../../../shared/assisted/hostname';

const job = (kind: Job['kind'], data: Record<string, unknown> = {}, extra: Partial<Job> = {}): Job => ({
  id: 'job-123456',
  kind,
  title: 'worker-1',
  status: 'active',
  step: 'start',
  createdAt: '2026-12-07T10:00:00.000Z',
  updatedAt: '2026-12-07T10:00:00.000Z',
  revision: 1,
  data,
  ...extra,
});
const statuses = (states: Record<string, { status: string }>) => Object.fromEntries(Object.entries(states).map(([k, v]) => [k, v.status]));
const kubeCluster = {
  source: 'kubeconfig',
  version: '4.16.3',
  apiServerUrl: 'https://api.sno1.example.com:6443',
  apiHost: 'api.sno1.example.com',
  kubeconfigPath: '/k',
  clusterId: '0f6d2c1e-8a7b-4c3d-9e2f-1a2b3c4d5e6f',
  connectedAt: '2026-12-07T10:00:00.000Z',
};

describe('step states come from the job, not from where the technician clicked', () => {
  it('console path: nothing recorded, an ISO path, steps passed, the job done', () => {
    expect(statuses(consoleStepStates(job('console')))).toEqual({ console: 'inProgress', iso: 'notStarted', install: 'notStarted', join: 'notStarted' });
    expect(statuses(consoleStepStates(job('console', { console: { isoPath: '/tmp/x.iso' } })))).toEqual({ console: 'done', iso: 'inProgress', install: 'notStarted', join: 'notStarted' });
    expect(statuses(consoleStepStates(job('console', { console: { isoPath: '/tmp/x.iso' }, wizard: { reached: 'join' } })))).toEqual({
      console: 'done',
      iso: 'done',
      install: 'done',
      join: 'inProgress',
    });
    expect(consoleStepStates(job('console', {}, { status: 'done' })).join.status).toBe('done');
  });

  it('manual path: a typed but invalid network is in progress, not done, and keeps the later steps closed', () => {
    const base = {
      cluster: kubeCluster,
      manual: { cluster: { architecture: 'x86_64' }, workerIgn: { source: 'cluster', origin: 'x', version: '3.2.0', mergeSources: [], ca: [], sha512: 'a', size: 1 } },
    };
    const bad = manualStepStates(job('manual', base), { ...(base.manual as object), hostname: 'Worker_1' } as never);
    expect(bad.network.status).toBe('inProgress');
    expect(bad.files.enabled).toBe(false);
    const network = {
      interfaces: [{ name: 'ens3', type: 'ethernet', ipv4: { mode: 'dhcp', addresses: [] }, ipv6: { mode: 'disabled', addresses: [] } }],
      dns: { servers: [], search: [] },
      routes: [],
    };
    const good = manualStepStates(job('manual', base), { ...(base.manual as object), hostname: 'worker-1.sno1.example.com', network } as never);
    expect(statuses(good)).toMatchObject({ cluster: 'done', workerIgn: 'done', network: 'done', files: 'notStarted' });
    const old = manualStepStates(job('manual', { cluster: { ...kubeCluster, version: '4.10.3' } }), {});
    expect(old.cluster.status).toBe('attention');
  });

  it('node-image path: a failed run and an unusable oc need attention', () => {
    const cluster = { ...kubeCluster, version: '4.17.2', platform: 'None' };
    const config = { path: '/d/nodes-config.yaml', sha256: 'a', writtenAt: '2026-12-07T10:00:00.000Z' };
    const oc = { path: '/oc', source: 'chosen', usable: false, verdict: 'tooOld', clusterVersion: '4.17.2' };
    const s = nodeImageStepStates(job('nodeimage', { cluster }), { config, oc } as never);
    expect(s.oc.status).toBe('attention');
    const failed = nodeImageStepStates(job('nodeimage', { cluster }), { config, oc: { ...oc, usable: true, verdict: 'ok' }, lastRun: { state: 'failed' } } as never);
    expect(statuses(failed)).toMatchObject({ cluster: 'done', host: 'done', oc: 'done', create: 'attention' });
  });

  it('assisted path: the selected host drives install and finish', () => {
    const state = (hostStatus: string): AssistedState =>
      ({
        data: { clusterId: 'c', cluster: {}, infraEnv: { id: 'i' }, iso: { path: '/x' }, hosts: { h1: { status: hostStatus, name: 'worker-0' } }, selectedHostId: 'h1', events: [], eventsSeen: 0 },
        hosts: [],
      }) as never;
    expect(statuses(assistedStepStates(job('assisted'), state('installing-in-progress')))).toMatchObject({ cluster: 'done', iso: 'done', download: 'done', hosts: 'done', install: 'inProgress' });
    expect(statuses(assistedStepStates(job('assisted'), state('added-to-existing-cluster')))).toMatchObject({ install: 'done', finish: 'inProgress' });
    expect(statuses(assistedStepStates(job('assisted'), state('error')))).toMatchObject({ install: 'attention', finish: 'attention' });
  });

  it('opens the saved step while it can be opened, else the first one not done', () => {
    const states = consoleStepStates(job('console', { console: { isoPath: '/x' } }));
    expect(openingStep(['console', 'iso', 'install', 'join'], states, 'install')).toBe('install');
    expect(openingStep(['console', 'iso', 'install', 'join'], states, 'start')).toBe('iso');
  });
});

describe('errors at their fields', () => {
  it('a contract refusal names the field; the form shows a translated message there (no raw schema output)', () => {
    const refused = methods['assisted.setCluster'].input.safeParse({ id: 'job-123456', openshiftClusterId: 'c', apiHost: '', version: '4.16.3', source: 'manual' });
    expect(refused.success).toBe(false);
    const wire = toWireError(refused.error);
    const placed = placeError(AppError.fromWire(wire), { paths: { apiHost: 'apiHost' } });
    expect(placed.unplaced).toBeNull();
    expect(placed.byField.apiHost).toEqual([{ key: 'app.fieldErrors.required' }]);
  });

  it('an error of a field it cannot place stays one error; a coded error goes to its field', () => {
    const other = new AppError('common.invalidInput', { issues: 'x' }, { fields: [{ path: 'elsewhere', code: 'too_small' }] });
    expect(placeError(other, { paths: { apiHost: 'apiHost' } }).unplaced).toBe(other);
    const old = new AppError('assisted.versionTooOld', { version: '4.10.3' });
    expect(placeError(old, { codes: { 'assisted.versionTooOld': 'version' } }).byField.version?.[0]).toEqual({ key: 'assisted.errors.versionTooOld', params: { version: '4.10.3' } });
  });

  it('validator issues go to the field whose path they start with', () => {
    const { byField, rest } = placeIssues(
      [
        { key: 'k1', path: 'interfaces.0.ipv4.addresses.0.ip' },
        { key: 'k2', path: 'routes.0' },
      ],
      { 'interfaces.0.ipv4.addresses': 'address' },
    );
    expect(byField.address?.map((m) => m.key)).toEqual(['k1']);
    expect(rest.map((i) => i.key)).toEqual(['k2']);
  });

  it('the Assisted ISO step refuses NTP 10.0.0.300 and badly indented nmstate at the field', () => {
    expect(ntpMessages('ntp1.example.com, 10.0.0.1')).toEqual([]);
    expect(ntpMessages('10.0.0.300')).toEqual([{ key: 'app.fieldErrors.ntpSource', params: { value: '10.0.0.300' } }]);
    expect(nmstateMessages('interfaces:\n  - name: eth0\n    type: ethernet\n')).toEqual([]);
    expect(nmstateMessages('interfaces:\n  - name: eth0\n   type: ethernet\n')[0]?.key).toBe('app.fieldErrors.yaml');
  });
});

describe('honest labels and hints', () => {
  it('"Filled in from the loaded kubeconfig" only under values the kubeconfig gave', () => {
    const kube = { source: 'kubeconfig', clusterId: 'abc', apiServerUrl: 'https://api.x:6443', version: '4.16.3' };
    expect(filledFromKubeconfig(kube, { clusterId: 'abc', apiHost: 'https://api.x:6443', version: '4.16.3' })).toBe(true);
    expect(filledFromKubeconfig(kube, { clusterId: 'abc', apiHost: 'https://api.x:6443', version: '4.16.4' })).toBe(false);
    expect(filledFromKubeconfig({ ...kube, source: 'manual' }, { clusterId: 'abc', apiHost: 'https://api.x:6443', version: '4.16.3' })).toBe(false);
  });

  it('host-name hints give a valid example in the cluster domain', () => {
    expect(clusterDomainOf('https://api.sno1.example.com:6443')).toBe('sno1.example.com');
    expect(hostnameExample('Worker_1', 'sno1.example.com')).toBe('worker-1.sno1.example.com');
    expect(hostnameExample('localhost', 'sno1.example.com')).toBe('worker-1.sno1.example.com');
    const issue = validateHostname('Worker_1', 'hostname', 'sno1.example.com')[0];
    expect(issue).toMatchObject({ key: 'manual.issues.hostnameLabel', params: { suggestion: 'worker-1.sno1.example.com' } });
    expect(validateHostname('worker-1', 'hostname', 'sno1.example.com')[0]?.params?.suggestion).toBe('worker-1.sno1.example.com');
    expect(validateDay2Hostname('Worker_1', { domain: 'sno1.example.com' })[0]).toEqual({ key: 'uppercase', params: { suggestion: 'worker-1.sno1.example.com' } });
  });

  it('the masthead connection state', () => {
    expect(connectionState({ practiceMode: true, hostConnected: false, browserOnline: false })).toBe('practice');
    expect(connectionState({ practiceMode: false, hostConnected: true, browserOnline: true })).toBe('online');
    expect(connectionState({ practiceMode: false, hostConnected: false, browserOnline: true })).toBe('offline');
  });
});
