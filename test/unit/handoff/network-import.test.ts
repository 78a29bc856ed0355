import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { importNetworkYaml } from '../../../shared/network/import';
import { buildFleetExport } from '../../../shared/handoff/fleet-export';
import { clusterInstanceNode } from '../../../shared/handoff/fleet-manifests';
import { defaultFleetOptions } from '../../../shared/handoff/fleet-options';
import type { JobFacts } from '../../../shared/handoff/facts';
import type { NetworkModel } from '../../../shared/network/model';
import { translate } from '../../../shared/i18n/translate';
import { toNmstateObject } from '../../../shared/network/nmstate';
import { fixturePath } from '../../support/fixtures';

const bond: NetworkModel = {
  interfaces: [
    { name: 'eno1', type: 'ethernet', macAddress: '52:54:00:00:00:01', ipv4: { mode: 'disabled', addresses: [] }, ipv6: { mode: 'disabled', addresses: [] }, controller: 'bond0' },
    { name: 'eno2', type: 'ethernet', macAddress: '52:54:00:00:00:02', ipv4: { mode: 'disabled', addresses: [] }, ipv6: { mode: 'disabled', addresses: [] }, controller: 'bond0' },
    {
      name: 'bond0',
      type: 'bond',
      bond: { mode: 'active-backup', ports: ['eno1', 'eno2'], miimon: 100 },
      ipv4: { mode: 'static', addresses: [{ ip: '10.1.101.51', prefixLength: 24 }], gateway: '10.1.101.1' },
      ipv6: { mode: 'disabled', addresses: [] },
    },
  ],
  dns: { servers: ['10.1.101.1'], search: [] },
  routes: [],
};

function facts(network: NetworkModel): JobFacts {
  return {
    job: { id: '2026-11-28-abcdef01', title: 'w', kind: 'manual', status: 'done', createdAt: '2026-11-28T08:00:00Z', updatedAt: '2026-11-28T09:00:00Z' },
    finished: true,
    cluster: { clusterId: 'x', version: '4.18.12', apiServerUrl: 'https://api.sno1.example.com:6443', apiHost: 'api.sno1.example.com', source: 'manual' },
    node: { name: 'worker-3.sno1.example.com', macs: ['52:54:00:00:00:01'], ips: [] },
    path: { kind: 'manual', facts: [] },
    artifacts: [],
    usbWrites: [],
    csrs: [],
    overrides: [],
    timeline: [],
    network,
  };
}

describe('importing a node network (manual network step)', () => {
  const exported = buildFleetExport(facts(bond), { ...defaultFleetOptions(facts(bond)), bmcAddress: 'ipmi://10.1.1.9' }, { t: (k, p) => translate('en', k, p), generatedAt: '2026-11-29T10:00:00Z' });
  const content = (path: string) => exported.files.find((f) => f.path === path)!.content;

  for (const path of ['nmstateconfig.yaml', 'ztp/clusterinstance-node.yaml', 'ztp/siteconfig-node.yaml']) {
    it(`reads back the exported ${path} into a model that renders the same nmstate (bond, MACs, address, gateway)`, () => {
      const result = importNetworkYaml(content(path));
      expect(result.errors).toEqual([]);
      expect(result.candidates).toHaveLength(1);
      const model = result.candidates[0]!.model;
      expect(toNmstateObject(model)).toEqual(toNmstateObject(bond));
      expect(model.interfaces.find((i) => i.name === 'bond0')?.bond).toEqual({ mode: 'active-backup', ports: ['eno1', 'eno2'], miimon: 100 });
      if (path.startsWith('ztp/')) expect(result.candidates[0]!.hostName).toBe('worker-3.sno1.example.com');
    });
  }

  it('a ClusterInstance with several nodes gives one candidate per node, named by host', () => {
    const options = defaultFleetOptions(facts(bond));
    const nodes = ['worker-3', 'worker-4'].map((name) => clusterInstanceNode({ ...options, nodeName: name, bmcAddress: 'ipmi://10.1.1.9' }, { network: bond }));
    const doc = { apiVersion: 'siteconfig.open-cluster-management.io/v1alpha1', kind: 'ClusterInstance', metadata: { name: 'sno1', namespace: 'sno1' }, spec: { clusterName: 'sno1', nodes } };
    const result = importNetworkYaml(stringify(doc));
    expect(result.candidates.map((c) => [c.label, c.hostName])).toEqual([
      ['ClusterInstance sno1 node worker-3', 'worker-3'],
      ['ClusterInstance sno1 node worker-4', 'worker-4'],
    ]);
  });

  it("the upstream ZTP SiteConfig example still imports, with the node's host name", () => {
    const result = importNetworkYaml(readFileSync(fixturePath('examples', 'nmstate', 'siteconfig-ztp-example-sno-ipv6-static.yaml'), 'utf8'));
    expect(result.errors).toEqual([]);
    expect(result.candidates[0]!.hostName).toBe('example-node1.example.com');
    expect(result.candidates[0]!.model.interfaces[0]!.ipv6.mode).toBe('static');
  });

  it('says which field is wrong: a bad MAC, a missing NIC name, config that is not a mapping', () => {
    const text = [
      'apiVersion: siteconfig.open-cluster-management.io/v1alpha1',
      'kind: ClusterInstance',
      'metadata: {name: sno1}',
      'spec:',
      '  nodes:',
      '  - hostName: worker-3',
      '    nodeNetwork:',
      '      interfaces:',
      '      - {name: eno1, macAddress: "52:54:00:00:00"}',
      '      - {macAddress: "52:54:00:00:00:02"}',
      '      config: [not, a, mapping]',
    ].join('\n');
    expect(importNetworkYaml(text)).toEqual({
      candidates: [],
      errors: [
        { path: 'spec.nodes[0].nodeNetwork.config', key: 'notMapping' },
        { path: 'spec.nodes[0].nodeNetwork.interfaces[0].macAddress', key: 'badMac', params: { value: '52:54:00:00:00' } },
        { path: 'spec.nodes[0].nodeNetwork.interfaces[1].name', key: 'missing' },
      ],
    });
    expect(translate('zh-CN', 'handoff.import.badMac', { value: '52:54:00:00:00' })).toContain('不是 MAC 地址');
  });

  it('a YAML syntax error gives its line and column; nothing recognisable is "no network"', () => {
    const broken = importNetworkYaml('interfaces:\n  - name: eno1\n   type: ethernet\n');
    expect(broken.errors).toEqual([{ path: '', key: 'yaml', params: expect.objectContaining({ line: 3 }) }]);
    expect(importNetworkYaml('kind: ConfigMap\ndata: {a: b}\n').errors).toEqual([{ path: '', key: 'noNetwork' }]);
    expect(importNetworkYaml('  ').errors).toEqual([{ path: '', key: 'empty' }]);
  });
});
