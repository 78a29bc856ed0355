import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { parse } from 'yaml';
import { fixturePath } from '../../support/fixtures';
import { fromNmstate, parseNetworkYaml } from '../../../shared/network/nmstate-parse';
import { toNmstateObject } from '../../../shared/network/nmstate';
import { toKeyfiles } from '../../../shared/network/keyfile';
import { toNmcliCommands } from '../../../shared/network/nmcli';
import { validateNetwork, type NetworkModel } from '../../../shared/network/model';
import { blocking } from '../../../shared/network/issue';
import { runCli } from '../../../electron/cli/main';
import { parseIni } from '../manual/fixtures';

const keys = (issues: { key: string }[]) => issues.map((i) => i.key.replace(/^manual\.issues\./, ''));
const example = (f: string) => readFileSync(fixturePath('examples', 'nmstate', f), 'utf8');

/** A bond whose ports say `controller: bond0` and which lists no ports itself (nmstate 2.2 form). */
const bondByController = `
interfaces:
  - name: bond0
    type: bond
    state: up
    link-aggregation:
      mode: active-backup
      options:
        miimon: "100"
    ipv4:
      enabled: true
      dhcp: false
      address:
        - ip: 10.1.101.50
          prefix-length: "24"
  - name: eno1
    type: ethernet
    state: up
    mac-address: 52:54:00:aa:00:01
    controller: bond0
  - name: eno2
    type: ethernet
    state: up
    mac-address: 52:54:00:aa:00:02
    controller: bond0
dns-resolver:
  config:
    server: [10.1.101.1]
routes:
  config:
    - destination: 0.0.0.0/0
      next-hop-address: 10.1.101.1
      next-hop-interface: bond0
`;

const bridgeByController = `
interfaces:
  - name: br-ex0
    type: linux-bridge
    state: up
    bridge:
      options:
        stp:
          enabled: false
    ipv4: { enabled: true, dhcp: true }
  - name: ens3
    type: ethernet
    controller: br-ex0
`;

async function cli(argv: string[], stdin: string) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdin: Readable.from([Buffer.from(stdin)]), stdout: (t) => (out += t), stderr: (t) => (err += t), lang: 'en', env: {} });
  return { code, out, err };
}

describe('nmstate forms accepted by nmstate 2.2: ports that name their controller', () => {
  it('a bond whose ports carry controller: has those ports, validates and renders with the ports tied to it', () => {
    const [p] = parseNetworkYaml(bondByController);
    const m = p!.model;
    expect(p!.issues).toEqual([]);
    expect(m.interfaces.find((i) => i.name === 'bond0')!.bond).toEqual({ mode: 'active-backup', ports: ['eno1', 'eno2'], miimon: 100 });
    expect(m.interfaces.filter((i) => i.controller === 'bond0').map((i) => i.name)).toEqual(['eno1', 'eno2']);
    expect(blocking(validateNetwork(m))).toEqual([]);
    const files = Object.fromEntries(toKeyfiles(m).map((k) => [k.fileName, parseIni(k.content)]));
    expect(files['eno1.nmconnection']!.connection).toMatchObject({ master: 'bond0', 'slave-type': 'bond' });
    expect(files['bond0.nmconnection']!.ipv4).toMatchObject({ method: 'manual', address1: '10.1.101.50/24', route1: '0.0.0.0/0,10.1.101.1', dns: '10.1.101.1;' });
    // and the nmstate the app writes lists the ports under the bond, which every nmstate reads
    const again = fromNmstate(toNmstateObject(m));
    expect(again.model.interfaces.find((i) => i.name === 'bond0')!.bond!.ports).toEqual(['eno1', 'eno2']);
  });

  it('a Linux bridge with a port by controller: renders NetworkManager bridge connections', () => {
    const [p] = parseNetworkYaml(bridgeByController);
    const m = p!.model;
    expect(m.interfaces.find((i) => i.name === 'br-ex0')).toMatchObject({ type: 'linux-bridge', bridge: { ports: ['ens3'], stp: false }, ipv4: { mode: 'dhcp' } });
    expect(blocking(validateNetwork(m))).toEqual([]);
    const files = Object.fromEntries(toKeyfiles(m).map((k) => [k.fileName, parseIni(k.content)]));
    expect(files['br-ex0.nmconnection']!.connection).toMatchObject({ type: 'bridge', 'autoconnect-slaves': '1' });
    expect(files['br-ex0.nmconnection']!.bridge).toEqual({ stp: 'false' });
    expect(files['ens3.nmconnection']!.connection).toMatchObject({ master: 'br-ex0', 'slave-type': 'bridge' });
    const cmds = toNmcliCommands(m);
    expect(cmds[0]).toContain('nmcli con add type bridge con-name br-ex0');
    expect(cmds[1]).toMatch(/master br-ex0 slave-type bridge/);
    expect(cmds.filter((c) => c.startsWith('nmcli con up'))).toEqual(['nmcli con up br-ex0']);
  });

  it('the manual path and the CLI accept the controller form (it used to be refused as a bond without ports)', async () => {
    const validate = await cli(['network', 'validate', '-'], bondByController);
    expect(validate.out).not.toContain('needs at least one port');
    expect(validate.code).toBe(0);
    const rendered = await cli(['network', 'render', '-f', 'nmstate', '-'], bridgeByController);
    expect(rendered.code).toBe(0);
    expect(rendered.out).toContain('linux-bridge');
    expect(rendered.out).toMatch(/port:\s*\n\s*- name: ens3/);
  });

  it('a controller that lists its ports owns exactly those: a port naming it without being listed is reported', () => {
    const yaml = bondByController.replace('      mode: active-backup', '      mode: active-backup\n      port: [eno1]');
    const [p] = parseNetworkYaml(yaml);
    expect(p!.model.interfaces.find((i) => i.name === 'bond0')!.bond!.ports).toEqual(['eno1']);
    const issues = validateNetwork(p!.model);
    expect(issues).toContainEqual(expect.objectContaining({ key: 'manual.issues.portNotListed', params: { name: 'eno2', controller: 'bond0' } }));
    // an explicitly empty list is a list too (nmstate refuses controller: against ports: [])
    const empty = parseNetworkYaml(bridgeByController.replace('    bridge:\n', '    bridge:\n      port: []\n'))[0]!;
    expect(keys(validateNetwork(empty.model))).toEqual(expect.arrayContaining(['bridgePorts', 'portNotListed']));
  });

  it('a port listed by one bond that names another as controller is a conflict', () => {
    const yaml = `interfaces:
  - { name: bond0, type: bond, link-aggregation: { mode: 1, port: [eno1] }, ipv4: { enabled: true, dhcp: true } }
  - { name: bond1, type: bond, link-aggregation: { mode: 1 }, ipv4: { enabled: true, dhcp: true } }
  - { name: eno1, type: ethernet, controller: bond1 }
`;
    const { issues } = fromNmstate(parse(yaml));
    expect(keys(issues)).toEqual(['portControllerConflict']);
    expect(issues[0]!.params).toEqual({ name: 'eno1', listed: 'bond0', controller: 'bond1' });
  });

  it('an empty controller means "no controller", and a bond without a mode is reported instead of guessed silently', () => {
    const detached = fromNmstate({ interfaces: [{ name: 'eno1', type: 'ethernet', controller: '', ipv4: { enabled: true, dhcp: true } }] });
    expect(detached.model.interfaces[0]!.controller).toBeUndefined();
    const modeless = fromNmstate({
      interfaces: [
        { name: 'bond0', type: 'bond', ipv4: { enabled: true, dhcp: true } },
        { name: 'eno1', controller: 'bond0' },
      ],
    });
    expect(keys(modeless.issues)).toEqual(['bondModeMissing']);
    expect(modeless.model.interfaces[0]!.bond!.ports).toEqual(['eno1']);
  });
});

describe('nmstate forms: values written as strings, numeric bond modes, ports-config, nodes-config', () => {
  it('reads numbers and booleans written as strings and bond modes 0-6', () => {
    const { model, issues } = fromNmstate({
      interfaces: [
        { name: 'eno1', type: 'ethernet', mtu: '9000', 'mac-address': '52:54:00:aa:00:01' },
        { name: 'bond0', type: 'bond', mtu: 9000, 'link-aggregation': { mode: 4, port: ['eno1'] }, ipv4: { enabled: 'false' } },
        {
          name: 'bond0.201',
          type: 'vlan',
          mtu: '1500',
          vlan: { 'base-iface': 'bond0', id: '201' },
          ipv4: { enabled: 'true', dhcp: 'false', address: [{ ip: '192.168.201.10', 'prefix-length': '24' }] },
        },
      ],
      routes: { config: [{ destination: '10.0.0.0/8', 'next-hop-address': '192.168.201.1', 'next-hop-interface': 'bond0.201', metric: '50', 'table-id': '254' }] },
    });
    expect(issues).toEqual([]);
    const by = (n: string) => model.interfaces.find((i) => i.name === n)!;
    expect(by('eno1').mtu).toBe(9000);
    expect(by('bond0').bond!.mode).toBe('802.3ad');
    expect(by('bond0.201')).toMatchObject({ mtu: 1500, vlan: { baseIface: 'bond0', id: 201 }, ipv4: { mode: 'static', addresses: [{ ip: '192.168.201.10', prefixLength: 24 }] } });
    expect(model.routes[0]).toMatchObject({ metric: 50, tableId: 254 });
    expect(blocking(validateNetwork(model))).toEqual([]);
    expect(fromNmstate({ interfaces: [{ name: 'b', type: 'bond', 'link-aggregation': { mode: '1', port: [] } }] }).model.interfaces[0]!.bond!.mode).toBe('active-backup');
  });

  it('nmstate example: bond with port and ports-config (and miimon)', () => {
    const [p] = parseNetworkYaml(example('nmstate-example-bond-ports-config.yml'));
    expect(p!.model.interfaces.find((i) => i.name === 'bond0')!.bond).toEqual({ mode: 'active-backup', ports: ['eth1', 'eth2'], miimon: 140 });
    expect(p!.model.interfaces.filter((i) => i.controller === 'bond0')).toHaveLength(2);
    // no addressing anywhere: the only finding is that the node would have no address
    expect(keys(blocking(validateNetwork(p!.model)))).toEqual(['noAddressing']);
  });

  it('nmstate example: a bridge whose ports are {name, stp-…} objects, with STP on', () => {
    const [p] = parseNetworkYaml(example('nmstate-example-linux-bridge-stp.yml'));
    expect(p!.model.interfaces.find((i) => i.name === 'linux-br0')).toMatchObject({ type: 'linux-bridge', bridge: { ports: ['eth1'], stp: true } });
    expect(toNmcliCommands(p!.model).join('\n')).toContain('bridge.stp yes');
  });

  it('nmstate example: a bond inside a bridge and a VLAN inside another, controllers listed before ports', () => {
    const [p] = parseNetworkYaml(example('nmstate-example-bond-bridge-vlan.yml'));
    const m = p!.model;
    const by = (n: string) => m.interfaces.find((i) => i.name === n)!;
    expect(by('bond0').controller).toBe('br0');
    expect(by('vlan29').controller).toBe('br29');
    expect(by('eth1').controller).toBe('bond0');
    expect(keys(blocking(validateNetwork(m)))).toEqual(['noAddressing']);
    const files = Object.fromEntries(toKeyfiles(m).map((k) => [k.fileName, parseIni(k.content)]));
    expect(files['bond0.nmconnection']!.connection).toMatchObject({ master: 'br0', 'slave-type': 'bridge' });
    expect(files['eth1.nmconnection']!.connection).toMatchObject({ master: 'bond0', 'slave-type': 'bond' });
    // parents are created before what sits on them
    const order = toKeyfiles(m).map((k) => k.fileName.replace('.nmconnection', ''));
    expect(order.indexOf('bond0')).toBeLessThan(order.indexOf('br0'));
    expect(order.indexOf('bond0')).toBeLessThan(order.indexOf('vlan29'));
  });

  it('reads the networkConfig of every host of a nodes-config.yaml, with the MACs from hosts[].interfaces', () => {
    const yaml = `hosts:
- hostname: worker-1
  interfaces: [{ name: eth0, macAddress: 52:54:00:aa:00:01 }]
  networkConfig:
    interfaces: [{ name: eth0, type: ethernet, state: up, ipv4: { enabled: true, dhcp: true } }]
- hostname: worker-2
  interfaces: [{ name: eth0, macAddress: 52:54:00:aa:00:02 }]
`;
    const parsed = parseNetworkYaml(yaml);
    expect(parsed.map((p) => p.label)).toEqual(['nodes-config host worker-1']);
    expect(parsed[0]!.model.interfaces[0]!.macAddress).toBe('52:54:00:AA:00:01');
  });

  it('the model round-trips through nmstate for bridges too', () => {
    const m: NetworkModel = parseNetworkYaml(bridgeByController)[0]!.model;
    const again = fromNmstate(toNmstateObject(m)).model;
    expect(again.interfaces.map((i) => [i.name, i.type, i.controller ?? '', i.bridge?.ports ?? []])).toEqual(m.interfaces.map((i) => [i.name, i.type, i.controller ?? '', i.bridge?.ports ?? []]));
  });
});
