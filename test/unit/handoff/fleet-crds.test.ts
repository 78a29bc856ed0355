import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { collectJobFacts, type JobFacts } from '../../../shared/handoff/facts';
import { buildFleetExport, type ExportFile } from '../../../shared/handoff/fleet-export';
import { defaultFleetOptions, validateFleetOptions, type FleetOptions } from '../../../shared/handoff/fleet-options';
import { bareMetalHost, clusterInstanceNode, rootDeviceHint } from '../../../shared/handoff/fleet-manifests';
import { translate } from '../../../shared/i18n/translate';
import { loadCrd } from '../../support/crd-schema';
import { assistedJobInProgress, finishedManualJob } from '../../support/handoff-jobs';

const crds = {
  infraEnv: loadCrd(['crds', 'infraenvs-crd.yaml'], 'v1beta1'),
  nmStateConfig: loadCrd(['nmstate', 'nmstateconfig-crd.yaml'], 'v1beta1'),
  bareMetalHost: loadCrd(['crds', 'baremetalhosts-crd.yaml'], 'v1alpha1'),
  clusterInstance: loadCrd(['crds', 'clusterinstances-crd.yaml'], 'v1alpha1'),
  siteConfigV1: loadCrd(['crds', 'siteconfigs-crd.yaml'], 'v1'),
  siteConfigV2: loadCrd(['crds', 'siteconfigs-crd.yaml'], 'v2'),
};
const byKind: Record<string, (typeof crds)[keyof typeof crds]> = { InfraEnv: crds.infraEnv, NMStateConfig: crds.nmStateConfig, BareMetalHost: crds.bareMetalHost };
const BMC = 'redfish-virtualmedia+https://10.1.1.20/redfish/v1/Systems/1';
const env = { t: (k: string, p?: Record<string, unknown>) => translate('en', k, p), generatedAt: '2026-11-29T10:00:00.000Z' };

const file = (files: ExportFile[], path: string) => files.find((f) => f.path === path)!;
const docs = (f: ExportFile) => parseAllDocuments(f.content).map((d) => d.toJS() as Record<string, unknown>);

describe('fleet export manifests validate against the upstream CRDs', () => {
  const jobs: Record<string, JobFacts> = {};
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sfk-fleet-'));
    const manual = await finishedManualJob(dir);
    jobs.manual = collectJobFacts(manual.job, await manual.store.audit(manual.job.id));
    const assisted = await assistedJobInProgress(dir);
    jobs.assisted = collectJobFacts(assisted.job, await assisted.store.audit(assisted.job.id));
  });

  for (const kind of ['manual', 'assisted'] as const) {
    it(`${kind} job with a BMC: every applied manifest and both ZTP entries are valid`, () => {
      const options: FleetOptions = { ...defaultFleetOptions(jobs[kind]!, jobs[kind]!.discovery?.sshPublicKey), bmcAddress: BMC };
      const out = buildFleetExport(jobs[kind]!, options, env);
      expect(out.issues).toEqual([]);
      const kustomization = parseYaml(file(out.files, 'kustomization.yaml').content);
      expect(kustomization.resources).toEqual(['infraenv.yaml', 'nmstateconfig.yaml', 'baremetalhost.yaml']);
      for (const path of kustomization.resources as string[]) {
        for (const doc of docs(file(out.files, path))) {
          const crd = byKind[doc.kind as string]!;
          expect(crd.validate(doc), `${path}: ${crd.validate(doc).errors}`).toMatchObject({ ok: true });
        }
      }
      const [ciNode] = parseYaml(file(out.files, 'ztp/clusterinstance-node.yaml').content);
      expect(crds.clusterInstance.validateAt('spec.nodes.items', ciNode)).toMatchObject({ ok: true });
      const [scNode] = parseYaml(file(out.files, 'ztp/siteconfig-node.yaml').content);
      const inSiteConfig = 'spec.clusters.items.nodes.items';
      expect(crds.siteConfigV1.validateAt(inSiteConfig, scNode), crds.siteConfigV1.validateAt(inSiteConfig, scNode).errors).toMatchObject({ ok: true });
      expect(crds.siteConfigV2.validateAt(inSiteConfig, scNode)).toMatchObject({ ok: true });
    });
  }

  it('the pieces reference each other: selector = NMStateConfig label, BMH label = InfraEnv, Secret names only', () => {
    const options = { ...defaultFleetOptions(jobs.assisted!, jobs.assisted!.discovery?.sshPublicKey), bmcAddress: BMC };
    const out = buildFleetExport(jobs.assisted!, options, env);
    type Spec = { metadata: { name: string; labels: Record<string, string> }; spec: { [k: string]: unknown; nmStateConfigLabelSelector: { matchLabels: unknown } } };
    const [infraEnv] = docs(file(out.files, 'infraenv.yaml')) as Spec[];
    const [nmstate] = docs(file(out.files, 'nmstateconfig.yaml')) as { metadata: { labels: Record<string, string> }; spec: { interfaces: unknown[] } }[];
    const [bmh] = docs(file(out.files, 'baremetalhost.yaml')) as Spec[];
    expect(nmstate!.metadata.labels).toEqual(infraEnv!.spec.nmStateConfigLabelSelector.matchLabels);
    expect(bmh!.metadata.labels['infraenvs.agent-install.openshift.io']).toBe(infraEnv!.metadata.name);
    expect(infraEnv!.spec.pullSecretRef).toEqual({ name: 'sno1-pull-secret' });
    expect(infraEnv!.spec.sshAuthorizedKey).toMatch(/^ssh-ed25519 /);
    expect(infraEnv!.spec.additionalNTPSources).toEqual(['ntp1.example.com', 'ntp2.example.com']);
    // the proxy URL carries a password: left out, and the README says so
    expect(infraEnv!.spec.proxy).toBeUndefined();
    expect(out.skipped.map((s) => s.key)).toEqual(['proxyCredentials']);
    expect(bmh!.spec.bmc).toEqual({ address: BMC, credentialsName: 'worker-2-bmc-secret' });
    expect(bmh!.spec.bootMACAddress).toBe('52:54:00:CC:DD:02');
    expect(bmh!.spec.rootDeviceHints).toEqual({ wwn: '0x5000c500a1b2c3d4' });
    // DHCP on the NICs the host reported, each mapped by its MAC
    expect(nmstate!.spec.interfaces).toEqual([
      { name: 'eno1', macAddress: '52:54:00:CC:DD:02' },
      { name: 'eno2', macAddress: '52:54:00:CC:DD:03' },
    ]);
    const secret = docs(file(out.files, 'secrets/pull-secret.yaml'))[0] as { stringData: Record<string, string> };
    expect(secret.stringData['.dockerconfigjson']).toBe('REPLACE_WITH_PULL_SECRET_JSON');
    expect(file(out.files, 'secrets/pull-secret.yaml').applied).toBe(false);
  });

  it('without a BMC: no BareMetalHost, no ZTP entry, and the reason is given', () => {
    const out = buildFleetExport(jobs.manual!, defaultFleetOptions(jobs.manual!), env);
    expect(out.files.map((f) => f.path)).toEqual(['kustomization.yaml', 'infraenv.yaml', 'nmstateconfig.yaml', 'secrets/pull-secret.yaml', 'README.md']);
    expect(out.skipped.map((s) => s.key)).toEqual(['rootDeviceHint', 'noBmc']);
    expect(file(out.files, 'README.md').content).toContain('No ZTP node entry was written');
  });

  it('the validators are strict: a wrong MAC, a missing templateRef or an unknown field fails as on the API server', () => {
    const options = { ...defaultFleetOptions(jobs.manual!), bmcAddress: BMC };
    const node = clusterInstanceNode(options, {});
    const { templateRefs: _t, ...noTemplates } = node;
    expect(crds.clusterInstance.validateAt('spec.nodes.items', noTemplates).ok).toBe(false);
    expect(crds.clusterInstance.validateAt('spec.nodes.items', { ...node, bootMACAddress: 'zz' }).ok).toBe(false);
    const bmh = bareMetalHost(options, {});
    expect(crds.bareMetalHost.validate({ ...bmh, spec: { ...(bmh.spec as object), bootMacAddress: 'x' } }).ok).toBe(false);
    expect(crds.bareMetalHost.validate({ ...bmh, metadata: { name: 'Worker_1' } }).ok).toBe(false);
    expect(crds.infraEnv.validate({ apiVersion: 'agent-install.openshift.io/v1beta1', kind: 'InfraEnv', metadata: { name: 'x' }, spec: {} }).ok).toBe(false);
  });

  it('options are checked field by field before anything is built', () => {
    const bad: FleetOptions = {
      ...defaultFleetOptions(jobs.manual!),
      namespace: 'Sno_1',
      bootMacAddress: '52:54:00:aa:bb',
      bmcAddress: 'https://admin:pw@10.1.1.20',
      sshPublicKey: '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----',
    };
    expect(validateFleetOptions(bad).map((i) => `${i.path}:${i.key}`)).toEqual([
      'namespace:handoff.issues.dnsLabel',
      'bootMacAddress:handoff.issues.mac',
      'bmcAddress:handoff.issues.bmcCredentialsInUrl',
      'sshPublicKey:handoff.issues.sshPrivateKey',
    ]);
    expect(buildFleetExport(jobs.manual!, bad, env).files).toEqual([]);
    expect(validateFleetOptions({ ...bad, namespace: 'sno1', bootMacAddress: '52:54:00:AA:BB:01', bmcAddress: 'ftp://x', sshPublicKey: '' }).map((i) => i.key)).toEqual(['handoff.issues.bmcScheme']);
  });

  it('root device hints: kernel names and by-path as deviceName, WWN links as wwn, other by-id links none', () => {
    expect(rootDeviceHint('/dev/sda')).toEqual({ deviceName: '/dev/sda' });
    expect(rootDeviceHint('/dev/disk/by-path/pci-0000:01:00.0-scsi-0:2:0:0')).toEqual({ deviceName: '/dev/disk/by-path/pci-0000:01:00.0-scsi-0:2:0:0' });
    expect(rootDeviceHint('/dev/disk/by-id/wwn-0x5000C500A1B2C3D4')).toEqual({ wwn: '0x5000c500a1b2c3d4' });
    expect(rootDeviceHint('/dev/disk/by-id/nvme-Samsung_SSD_980_S1')).toBeUndefined();
  });
});
