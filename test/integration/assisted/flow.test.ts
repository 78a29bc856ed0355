import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../../shared/api/errors';
import { parseValidationsInfo, blockingFailures } from '../../../shared/assisted/validations';
import type { Backend } from '../../../electron/app/backend';
import type { ApiClient } from '../../../shared/api/client';
import { checkExchanges } from './swagger-contract';
import { openshiftClusterId, sshPublicKey, startBackendFor, startWorld, type AssistedWorld } from './fixture';

let world: AssistedWorld;
let backend: Backend;
let api: ApiClient;

beforeAll(async () => {
  world = await startWorld();
  ({ backend, api } = await startBackendFor(world));
});
afterAll(async () => {
  await backend?.dispose();
  await world?.close();
});

const err = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as AppError,
  );

describe('Assisted day-2 flow against the simulator (every exchange checked against swagger.yaml)', () => {
  it('runs from cluster details to added-to-existing-cluster, with NTP recovering and a localhost host renamed', async () => {
    const sim = world.assisted.day2;
    const job = await api.call('jobs.create', { kind: 'assisted', title: 'worker-0 at site A' });

    // Step 1: bad input is refused with a clear code, nothing is saved
    expect((await err(api.call('assisted.setCluster', { id: job.id, openshiftClusterId, apiHost: 'api.sno.example.com', version: '4.10.3' })))?.code).toBe('assisted.versionTooOld');
    expect((await err(api.call('assisted.setCluster', { id: job.id, openshiftClusterId: 'nope', apiHost: 'api.sno.example.com', version: '4.16.3' })))?.code).toBe('assisted.clusterIdInvalid');
    expect((await err(api.call('assisted.setCluster', { id: job.id, openshiftClusterId, apiHost: '192.168.1.10', version: '4.16.3' })))?.code).toBe('assisted.apiHostInvalid');
    let state = await api.call('assisted.setCluster', { id: job.id, openshiftClusterId, apiHost: 'https://api.sno.example.com:6443', version: '4.16.3' });
    expect(state.data.cluster).toMatchObject({ name: 'sno', baseDomain: 'example.com', apiHost: 'api.sno.example.com' });

    // Step 2: import once; a second prepare finds the same cluster
    state = await api.call('assisted.prepareCluster', { id: job.id });
    expect(state.data.clusterId).toBeTruthy();
    const again = await api.call('assisted.prepareCluster', { id: job.id });
    expect(again.data.clusterId).toBe(state.data.clusterId);
    expect(sim.clusters.size).toBe(1);
    const imported = [...sim.clusters.values()][0]!;
    expect(imported).toMatchObject({ name: 'sno', baseDnsDomain: 'example.com', openshiftClusterId });

    // Step 3: infra-env with pull secret, SSH key, proxy, NTP and static network
    const bad = await api.call('assisted.checkPullSecret', { path: world.pullSecretPath + '.missing' }).catch((e: AppError) => e);
    expect((bad as AppError).code).toBe('assisted.pullSecretUnreadable');
    expect(await api.call('assisted.checkPullSecret', { path: world.pullSecretPath })).toEqual({ ok: true, registries: ['cloud.openshift.com', 'quay.io'] });
    // A cut-off pull secret is told by position and kind; its credentials never reach the error text
    const truncated = `${world.pullSecretPath}.truncated`;
    writeFileSync(truncated, '{"auths":{"cloud.openshift.com":{"auth":"c2VjcmV0OnNlY3JldA==",\n"email":"t@exa');
    const cut = (await err(api.call('assisted.saveInfraEnv', { id: job.id, pullSecretPath: truncated, sshPublicKey, imageType: 'full-iso' })))!;
    expect(cut).toMatchObject({ code: 'assisted.pullSecretNotJson', params: { path: truncated, kind: 'unexpectedEnd', line: 2, column: 15 } });
    expect(JSON.stringify(cut)).not.toMatch(/c2VjcmV0|t@exa/);
    state = await api.call('assisted.saveInfraEnv', {
      id: job.id,
      pullSecretPath: world.pullSecretPath,
      sshPublicKey,
      imageType: 'full-iso',
      httpProxy: 'http://proxy.example.com:3128',
      noProxy: '.example.com',
      ntpSources: 'ntp1.example.com, 10.0.0.1',
      staticNetworkYaml: 'interfaces:\n- name: eno1\n  type: ethernet\n  state: up\n',
      macInterfaceMap: [{ macAddress: '52:54:00:ab:cd:01', logicalNicName: 'eno1' }],
    });
    expect(state.data.infraEnv).toMatchObject({ imageType: 'full-iso', staticNetwork: true, ntpSources: 'ntp1.example.com,10.0.0.1' });
    const env = sim.infraEnvs.get(state.data.infraEnv!.id)!;
    expect(env.clusterId).toBe(state.data.clusterId);
    expect(env.body).toMatchObject({ image_type: 'full-iso', additional_ntp_sources: 'ntp1.example.com,10.0.0.1', proxy: { http_proxy: 'http://proxy.example.com:3128', no_proxy: '.example.com' } });
    // The pull secret reached the service but never the job file
    const jobText = readFileSync(`${backend.services.jobs.folder(job.id)}/job.json`, 'utf8');
    expect(jobText).not.toContain('c2VjcmV0OnNlY3JldA==');

    // Saving again updates the same infra-env instead of creating another
    await api.call('assisted.saveInfraEnv', { id: job.id, pullSecretPath: world.pullSecretPath, sshPublicKey, imageType: 'minimal-iso' });
    expect(sim.infraEnvs.size).toBe(1);
    state = await api.call('assisted.saveInfraEnv', { id: job.id, pullSecretPath: world.pullSecretPath, sshPublicKey, imageType: 'full-iso' });

    // Download: the URL is fetched fresh; the file is complete and hashed
    state = await api.call('assisted.downloadIso', { id: job.id });
    const iso = readFileSync(state.data.iso!.path);
    expect(iso.length).toBe(1024 * 1024);
    expect(iso.toString('ascii', 0x8001, 0x8006)).toBe('CD001');
    expect(state.data.iso!.sha256).toBe(createHash('sha256').update(iso).digest('hex'));
    expect(JSON.stringify(state.data)).not.toMatch(/bytoken/);

    // Step 4: a host boots the ISO, says "localhost", and its clock is off for one cycle
    const hostId = sim.bootHost({ hostname: 'localhost', ntpFailTicks: 1 });
    state = await api.call('assisted.refresh', { id: job.id });
    expect(state.hosts[0]).toMatchObject({ id: hostId, status: 'discovering' });
    sim.tick();
    state = await api.call('assisted.refresh', { id: job.id });
    const host = state.hosts[0]!;
    expect(host.status).toBe('insufficient');
    expect(host).toMatchObject({ macs: ['52:54:00:ab:cd:01'], serial: 'SIM1001', vendor: 'Dell Inc.', model: 'PowerEdge R650', cpuCores: 16 });
    expect(host.ips[0]).toBe('192.168.122.51/24');
    const groups = parseValidationsInfo(host.validationsInfo);
    expect(groups[0]!.state).toBe('failed');
    expect(
      blockingFailures(groups)
        .map((v) => v.id)
        .sort(),
    ).toEqual(['hostname-valid', 'time-synced-between-host-and-service']);

    // Host name: refused before reaching the service when it is localhost
    expect((await err(api.call('assisted.setHostname', { id: job.id, hostId, name: 'localhost' })))?.code).toBe('assisted.hostnameLocalhost');
    expect((await err(api.call('assisted.install', { id: job.id, hostId })))?.code).toBe('assisted.notReady');
    state = await api.call('assisted.setHostname', { id: job.id, hostId, name: 'worker-0' });
    expect(state.hosts[0]!.displayName).toBe('worker-0');
    sim.tick(); // clock recovered
    state = await api.call('assisted.refresh', { id: job.id });
    expect(state.hosts[0]!.status).toBe('known');

    // Step 6: install and follow the stages to the end
    state = await api.call('assisted.install', { id: job.id, hostId });
    expect(state.hosts[0]!.status).toBe('installing');
    const seen: string[] = [];
    for (let i = 0; i < 6 && state.hosts[0]!.status !== 'added-to-existing-cluster'; i += 1) {
      sim.tick();
      state = await api.call('assisted.refresh', { id: job.id });
      seen.push(`${state.hosts[0]!.stage}:${state.hosts[0]!.percentage}`);
    }
    expect(seen).toEqual(['Starting installation:20', 'Installing:40', 'Writing image to disk:60', 'Waiting for control plane:80', 'Done:100']);
    expect(state.hosts[0]!.status).toBe('added-to-existing-cluster');
    expect(state.data.hosts[hostId]).toMatchObject({ name: 'worker-0', status: 'added-to-existing-cluster' });
    // Events were read incrementally: each one exactly once
    const messages = state.data.events.map((e) => e.message);
    expect(new Set(messages.map((m, i) => `${i}:${m}`)).size).toBe(messages.length);
    expect(messages.some((m) => m.includes('Successfully registered'))).toBe(true);
    expect(messages.some((m) => m.includes('to added-to-existing-cluster'))).toBe(true);
    const eventQueries = sim.exchanges.filter((x) => x.path.endsWith('/events'));
    expect(eventQueries.map((x) => Number(x.query.offset))).toEqual([...eventQueries.map((x) => Number(x.query.offset))].sort((a, b) => a - b));
    expect(state.data.eventsSeen).toBe(Number(eventQueries.at(-1)!.headers['Event-Count']));

    // The whole conversation follows the spec
    expect(checkExchanges(sim.exchanges)).toEqual([]);
    // And the audit trail records the important steps
    const audit = (await api.call('jobs.audit', { id: job.id })).map((a) => a.action);
    expect(audit).toEqual(expect.arrayContaining(['assisted.imported', 'assisted.infraEnv', 'assisted.isoDownloaded', 'assisted.hostname', 'assisted.install']));

    // The hand-off reads what the flow recorded at install (the live host view is gone after a restart)
    const { html } = await api.call('handoff.report', { jobId: job.id, lang: 'en' });
    for (const fact of ['worker-0', 'SIM1001', 'Dell Inc. PowerEdge R650', '52:54:00:AB:CD:01', '192.168.122.51/24', `sha256:${state.data.iso!.sha256}`]) expect(html).toContain(fact);
    const options = await api.call('handoff.fleetDefaults', { jobId: job.id });
    expect(options).toMatchObject({ nodeName: 'worker-0', clusterName: 'sno', bootMacAddress: '52:54:00:AB:CD:01', sshPublicKey });
    const exported = await api.call('handoff.exportFleet', { jobId: job.id, lang: 'en', options });
    const nmstate = readFileSync(join(exported.folder, 'nmstateconfig.yaml'), 'utf8');
    expect(nmstate).toContain('macAddress: 52:54:00:AB:CD:01');
    for (const f of exported.files) expect(readFileSync(join(exported.folder, f.path), 'utf8')).not.toContain('c2VjcmV0OnNlY3JldA==');
    expect(html).not.toContain('c2VjcmV0OnNlY3JldA==');
  });
});
