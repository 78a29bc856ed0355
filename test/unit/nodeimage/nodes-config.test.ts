import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { fixturePath } from '../../support/fixtures';
import { buildNodesConfig, equivalentCommands, nodesConfigYaml, staticAddresses, type NodesConfigInput } from '../../../shared/nodeimage/nodes-config';
import { validateNodesConfig } from '../../../shared/nodeimage/validate-nodes-config';
import { parseMac } from '../../../shared/nodeimage/mac';
import { hintsFor } from '../../../shared/nodeimage/root-device';
import { dhcpModel, type NetworkModel } from '../../../shared/network/model';
import { blocking } from '../../../shared/network/issue';
import { formToModel, emptyForm } from '../../../shared/network/simple-form';
import { fromNmstate } from '../../../shared/network/nmstate-parse';
import { translate } from '../../../shared/i18n';

const read = (f: string) => readFileSync(fixturePath('node-image', 'nodes-config', f), 'utf8');
const errors = (issues: { key: string; severity?: string }[]) => blocking(issues as never).map((i: { key: string }) => i.key.replace(/^nodeimage\.issues\./, ''));

const staticVlan = (): NetworkModel =>
  formToModel({ ...emptyForm(), iface: 'eno1', mac: '52:54:00:AA:00:01', mode: 'static', address: '10.1.101.50/24', gateway: '10.1.101.1', dns: '10.1.101.1', vlanId: '201' });

const bond: NetworkModel = {
  interfaces: [
    { name: 'eno1', type: 'ethernet', macAddress: '52:54:00:aa:00:01', controller: 'bond0', ipv4: { mode: 'disabled', addresses: [] }, ipv6: { mode: 'disabled', addresses: [] } },
    { name: 'eno2', type: 'ethernet', macAddress: '52-54-00-AA-00-02', controller: 'bond0', ipv4: { mode: 'disabled', addresses: [] }, ipv6: { mode: 'disabled', addresses: [] } },
    {
      name: 'bond0',
      type: 'bond',
      bond: { mode: '802.3ad', ports: ['eno1', 'eno2'], miimon: 100 },
      ipv4: { mode: 'static', addresses: [{ ip: '10.1.101.51', prefixLength: 24 }], gateway: '10.1.101.1' },
      ipv6: { mode: 'disabled', addresses: [] },
    },
  ],
  dns: { servers: ['10.1.101.1'], search: ['sno1.example.com'] },
  routes: [{ destination: '172.16.0.0/12', nextHopAddress: '10.1.101.254', nextHopInterface: 'bond0' }],
};

const input = (network: NetworkModel, extra: Partial<NodesConfigInput['hosts'][number]> = {}): NodesConfigInput => ({
  hosts: [{ hostname: 'worker-1.sno1.example.com', network, rootDevice: { by: 'path', value: '/dev/disk/by-path/pci-0000:03:00.0-scsi-0:2:0:0' }, ...extra }],
});

describe('nodes-config.yaml from the job network model', () => {
  it('static + VLAN: interfaces by MAC, nmstate networkConfig with the VLAN, DNS and default route; passes the rules', () => {
    const { doc, issues } = buildNodesConfig(input(staticVlan()));
    expect(issues).toEqual([]);
    const host = doc.hosts[0]!;
    expect(host).toMatchObject({
      hostname: 'worker-1.sno1.example.com',
      rootDeviceHints: { deviceName: '/dev/disk/by-path/pci-0000:03:00.0-scsi-0:2:0:0' },
      interfaces: [{ name: 'eno1', macAddress: '52:54:00:aa:00:01' }],
    });
    const nm = host.networkConfig as { interfaces: { name: string; type: string; vlan?: unknown }[]; routes: { config: unknown[] }; 'dns-resolver': unknown };
    expect(nm.interfaces.map((i) => [i.name, i.type])).toEqual([
      ['eno1', 'ethernet'],
      ['eno1.201', 'vlan'],
    ]);
    expect(nm.routes.config).toContainEqual({ destination: '0.0.0.0/0', 'next-hop-address': '10.1.101.1', 'next-hop-interface': 'eno1.201' });
    expect(validateNodesConfig(doc)).toEqual([]);
    expect(staticAddresses(doc)).toEqual(['10.1.101.50']);
  });

  it('bond: both ports listed in interfaces[] (MACs normalised), the YAML parses back to the same network', () => {
    const { doc } = buildNodesConfig(input(bond, { rootDevice: { by: 'serial', value: 'S4EWNX0R123456' } }));
    expect(doc.hosts[0]!.interfaces).toEqual([
      { name: 'eno1', macAddress: '52:54:00:aa:00:01' },
      { name: 'eno2', macAddress: '52:54:00:aa:00:02' },
    ]);
    expect(doc.hosts[0]!.rootDeviceHints).toEqual({ serialNumber: 'S4EWNX0R123456' });
    const text = nodesConfigYaml(doc);
    expect(text.startsWith('# nodes-config.yaml')).toBe(true);
    const back = parse(text) as typeof doc;
    expect(validateNodesConfig(back)).toEqual([]);
    const model = fromNmstate(back.hosts[0]!.networkConfig, back.hosts[0]!.interfaces).model;
    expect(model.interfaces.find((i) => i.name === 'bond0')!.bond).toEqual({ mode: '802.3ad', ports: ['eno1', 'eno2'], miimon: 100 });
    expect(model.routes).toContainEqual({ destination: '172.16.0.0/12', nextHopAddress: '10.1.101.254', nextHopInterface: 'bond0' });
  });

  it('DHCP only: no networkConfig (the node-joiner default), the MAC still identifies the host', () => {
    const { doc } = buildNodesConfig(input(dhcpModel('eno1', '52:54:00:aa:00:09')));
    expect(doc.hosts[0]!.networkConfig).toBeUndefined();
    expect(doc.hosts[0]!.interfaces).toEqual([{ name: 'eno1', macAddress: '52:54:00:aa:00:09' }]);
    expect(errors(validateNodesConfig(doc))).toEqual([]);
  });

  it('root device: by-path is deviceName, a wwn-… by-id link is the wwn hint, other by-id names are refused with the reason', () => {
    expect(hintsFor({ by: 'id', value: '/dev/disk/by-id/wwn-0x600508e000000000ce506dc50ab0ad05' }, 'h').hints).toEqual({ wwn: '0x600508e000000000ce506dc50ab0ad05' });
    const nvme = hintsFor({ by: 'id', value: '/dev/disk/by-id/nvme-SAMSUNG_MZQL2960HCJR-00A07_S64FNE0R123456' }, 'hosts.0.rootDeviceHints');
    expect(nvme.hints).toEqual({});
    expect(nvme.issues[0]).toMatchObject({ key: 'nodeimage.issues.rootByIdNotWwn', path: 'hosts.0.rootDeviceHints.wwn' });
    expect(hintsFor({ by: 'path', value: '/dev/sda' }, 'h').issues[0]!.key).toBe('nodeimage.issues.rootByPathFormat');
    expect(hintsFor({ by: 'serial', value: 'has space' }, 'h').issues[0]!.key).toBe('nodeimage.issues.rootSerialFormat');
    // no hint at all is allowed, but the technician is warned the first suitable disk is used
    const none = buildNodesConfig(input(dhcpModel('eno1', '52:54:00:aa:00:09'), { rootDevice: { by: 'none' } })).doc;
    expect(validateNodesConfig(none).map((i) => [i.key, i.severity])).toContainEqual(['nodeimage.issues.rootNone', 'warning']);
  });

  it('a NIC without a MAC cannot be matched: the host has no interfaces and the builder output says so at the field', () => {
    const { doc } = buildNodesConfig(input(formToModel({ ...emptyForm(), iface: 'eno1', mode: 'static', address: '10.1.101.50/24', gateway: '10.1.101.1', dns: '10.1.101.1' })));
    const issues = validateNodesConfig(doc);
    expect(issues).toContainEqual(expect.objectContaining({ key: 'nodeimage.issues.interfacesRequired', path: 'hosts.0.interfaces' }));
    expect(issues).toContainEqual(expect.objectContaining({ key: 'nodeimage.issues.networkConfigIfaceUnmapped', severity: 'warning' }));
  });

  it('equivalent commands: the file form the app runs, the single-node flags form, and the monitor', () => {
    const { doc } = buildNodesConfig(input(staticVlan()));
    const cmds = equivalentCommands(doc, '/data/jobs/x/nodeimage', '/home/t/kubeconfig');
    expect(cmds.create).toBe('oc adm node-image create --dir=/data/jobs/x/nodeimage --kubeconfig=/home/t/kubeconfig');
    expect(cmds.singleNode).toContain('--mac-address=52:54:00:aa:00:01');
    expect(cmds.singleNode).toContain('--root-device-hint=deviceName:/dev/disk/by-path/pci-0000:03:00.0-scsi-0:2:0:0');
    expect(cmds.singleNode).toContain('--network-config-path=');
    expect(cmds.monitor).toBe('oc adm node-image monitor --kubeconfig=/home/t/kubeconfig --ip-addresses 10.1.101.50');
  });
});

describe("nodes-config rules: the installer's own test cases", () => {
  const { cases } = JSON.parse(read('installer-host-rule-cases.json')) as { cases: { name: string; config: unknown; expectedError: string | null; path?: string }[] };
  for (const c of cases) {
    it(`${c.name}: ${c.expectedError ? 'refused at the field the installer names' : 'accepted'}`, () => {
      const issues = validateNodesConfig(c.config);
      const blockingIssues = blocking(issues);
      if (!c.expectedError) {
        expect(blockingIssues).toEqual([]);
        return;
      }
      expect(blockingIssues.length).toBeGreaterThan(0);
      expect(blockingIssues.map((i) => i.path)).toContain(c.path);
      // every message is actionable text in both languages, not a key
      for (const i of blockingIssues) {
        expect(translate('en', i.key, i.params)).not.toBe(i.key);
        expect(translate('zh-CN', i.key, i.params)).not.toBe(i.key);
      }
    });
  }
});

describe('nodes-config rules: real examples', () => {
  it('the installer test data (add-nodes, overrides with sshKey + cpuArchitecture, PXE bootArtifactsBaseURL) is accepted', () => {
    for (const f of ['installer-add-nodes.yaml', 'installer-add-nodes-overrides.yaml', 'installer-add-nodes-pxe.yaml']) {
      expect(errors(validateNodesConfig(parse(read(f))))).toEqual([]);
    }
  });

  it('the openshift-docs example is accepted, with a warning for its placeholder MAC 00:00:00:00:00:00', () => {
    const issues = validateNodesConfig(parse(read('docs-two-workers-static.yaml')));
    expect(blocking(issues)).toEqual([]);
    expect(issues).toContainEqual(expect.objectContaining({ key: 'nodeimage.issues.macZero', path: 'hosts.0.interfaces.0.macAddress', severity: 'warning' }));
  });

  it("the enhancement's sample is refused: eth0 listed twice, a MAC on two hosts, a MAC that differs from networkConfig", () => {
    const issues = blocking(validateNodesConfig(parse(read('enhancement-two-workers.yaml'))));
    expect(issues.map((i) => [i.key.replace('nodeimage.issues.', ''), i.path])).toEqual(
      expect.arrayContaining([
        ['interfaceNameDuplicate', 'hosts.0.interfaces.1.name'],
        ['macDuplicate', 'hosts.1.interfaces.0.macAddress'],
        ['interfaceMacMismatch', 'hosts.1.interfaces'],
      ]),
    );
  });

  it('add-nodes conflicts with the cluster: an address or host name an existing node already has', () => {
    const doc = parse(read('docs-two-workers-static.yaml'));
    const existingNodes = [
      {
        name: 'master-0',
        addresses: [
          { type: 'InternalIP', address: '192.168.122.2' },
          { type: 'Hostname', address: 'extra-worker-2' },
        ],
      },
    ];
    const issues = blocking(validateNodesConfig(doc, { existingNodes }));
    expect(issues).toContainEqual(expect.objectContaining({ key: 'nodeimage.issues.addressInUse', params: { address: '192.168.122.2', node: 'master-0' } }));
    expect(issues).toContainEqual(expect.objectContaining({ key: 'nodeimage.issues.hostnameInUse', path: 'hosts.1.hostname' }));
  });

  it('what the installer would silently ignore is caught: a misspelt hint, unknown keys, invalid nmstate', () => {
    const doc = {
      hosts: [
        {
          hostname: 'worker-1',
          interfaces: [{ name: 'eth0', macAddress: '52:54:00:aa:00:01' }],
          rootDeviceHints: { serial: 'ABC' },
          networkConfig: { interfaces: [{ name: 'eth0', type: 'ethernet', ipv4: { enabled: true, address: [{ ip: '10.1.1.300', 'prefix-length': 24 }] } }] },
          rol: 'worker',
        },
      ],
    };
    const issues = validateNodesConfig(doc);
    expect(issues).toContainEqual(expect.objectContaining({ key: 'nodeimage.issues.rootUnknownHint', path: 'hosts.0.rootDeviceHints.serial' }));
    expect(issues).toContainEqual(expect.objectContaining({ key: 'nodeimage.issues.unknownHostKey', path: 'hosts.0.rol', severity: 'warning' }));
    expect(issues).toContainEqual(expect.objectContaining({ key: 'manual.issues.ipv4Address', path: 'hosts.0.networkConfig.interfaces.0.ipv4.addresses.0.ip' }));
  });

  it('top level: cpuArchitecture names, SSH key and the PXE base URL are checked', () => {
    const issues = validateNodesConfig({
      cpuArchitecture: 'x64',
      sshKey: '-----BEGIN OPENSSH PRIVATE KEY-----',
      bootArtifactsBaseURL: 'ftp//x',
      hosts: [{ interfaces: [{ name: 'eth0', macAddress: '52:54:00:aa:00:01' }] }],
    });
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['cpuArchitecture', 'sshKey', 'bootArtifactsBaseURL']));
    expect(issues.find((i) => i.path === 'sshKey')!.key).toBe('assisted.errors.sshKeyPrivateKey');
  });
});

describe('MAC addresses as the installer parses them', () => {
  it('accepts the three Go forms of six octets, refuses others', () => {
    expect(parseMac('00:B9:9B:C8:AC:F4')).toBe('00:b9:9b:c8:ac:f4');
    expect(parseMac('00-b9-9b-c8-ac-f4')).toBe('00:b9:9b:c8:ac:f4');
    expect(parseMac('00b9.9bc8.acf4')).toBe('00:b9:9b:c8:ac:f4');
    for (const bad of ['000000', '00:ef:29:72:b9:771', '00:b9:9b:c8:ac', '00:00:5e:00:53:00:00:01', '0:b9:9b:c8:ac:f4', '00:b9-9b:c8:ac:f4']) expect(parseMac(bad)).toBeUndefined();
  });
});

describe('sno-field-kit node-image validate', () => {
  const cli = async (argv: string[], stdin = '', lang: 'en' | 'zh-CN' = 'en') => {
    const { Readable } = await import('node:stream');
    const { runCli } = await import('../../../electron/cli/main');
    let out = '';
    let err = '';
    const code = await runCli(argv, { stdin: Readable.from([Buffer.from(stdin)]), stdout: (t) => (out += t), stderr: (t) => (err += t), lang, env: {} });
    return { code, out, err };
  };

  it('exit 0 for the installer example, 1 with each problem at its field (zh-CN too), 2 for bad YAML', async () => {
    expect((await cli(['node-image', 'validate', fixturePath('node-image', 'nodes-config', 'installer-add-nodes.yaml')])).code).toBe(0);
    const bad = await cli(['node-image', 'validate', '-'], read('enhancement-two-workers.yaml'));
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('[hosts.1.interfaces.0.macAddress]');
    const zh = await cli(['node-image', 'validate', '-'], read('enhancement-two-workers.yaml'), 'zh-CN');
    expect(zh.out).toContain('MAC 地址 00:00:00:00:00:01 已被');
    expect((await cli(['node-image', 'validate', '-'], 'hosts: [\n\tbad')).code).toBe(2);
  });
});
