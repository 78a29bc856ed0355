import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../../support/fixtures';
import { parseNetworkYaml, fromNmstate } from '../../../shared/network/nmstate-parse';
import { toNmstateObject } from '../../../shared/network/nmstate';
import { toKeyfiles } from '../../../shared/network/keyfile';
import { validateNetwork, type NetworkModel } from '../../../shared/network/model';
import { parseIni } from './fixtures';

const withExplicitMtu = (m: NetworkModel): NetworkModel => ({ ...m, interfaces: m.interfaces.map((i) => ({ ...i, mtu: i.mtu ?? 1500 })) });

const examples = ['nmstateconfig-assisted-service-docs-two-nic-static.yaml', 'siteconfig-ztp-example-sno-ipv6-static.yaml', 'siteconfig-ztp-test-mno-vlan-mtu.yaml'];
const read = (f: string) => readFileSync(fixturePath('examples', 'nmstate', f), 'utf8');

describe('nmstate reference examples', () => {
  for (const file of examples) {
    it(`${file}: parses into valid models and round-trips through nmstate without loss`, () => {
      const parsed = parseNetworkYaml(read(file));
      expect(parsed.length).toBeGreaterThan(0);
      for (const p of parsed) {
        expect(p.issues).toEqual([]);
        expect(validateNetwork(p.model).filter((i) => i.severity !== 'warning')).toEqual([]);
        const again = fromNmstate(toNmstateObject(p.model));
        // The renderer writes the MTU explicitly (1500 when unset) so a jumbo parent is never inherited.
        expect(again.model).toEqual(withExplicitMtu(p.model));
      }
    });
  }

  it('assisted-service example: two static NICs, MACs, DNS and both default routes survive', () => {
    const [p] = parseNetworkYaml(read(examples[0]!));
    const m = p!.model;
    expect(m.interfaces.map((i) => [i.name, i.macAddress, i.ipv4.addresses])).toEqual([
      ['eth0', '02:00:00:80:12:14', [{ ip: '192.168.126.30', prefixLength: 24 }]],
      ['eth1', '02:00:00:80:12:15', [{ ip: '192.168.140.30', prefixLength: 24 }]],
    ]);
    expect(m.dns.servers).toEqual(['192.168.126.1']);
    expect(m.routes).toEqual([
      { destination: '0.0.0.0/0', nextHopAddress: '192.168.126.1', nextHopInterface: 'eth0', tableId: 254 },
      { destination: '0.0.0.0/0', nextHopAddress: '192.168.140.1', nextHopInterface: 'eth1', metric: 100, tableId: 254 },
    ]);
    const eth1 = parseIni(toKeyfiles(m).find((k) => k.fileName === 'eth1.nmconnection')!.content);
    expect(eth1.ipv4).toMatchObject({ route1: '0.0.0.0/0,192.168.140.1,100', route1_options: 'table=254' });
  });

  it('ZTP IPv6 example: IPv6-only static address, search domain and ::/0 route', () => {
    const [p] = parseNetworkYaml(read(examples[1]!));
    const m = p!.model;
    expect(m.interfaces[0]).toMatchObject({
      name: 'eno1',
      macAddress: 'AA:BB:CC:DD:EE:11',
      ipv4: { mode: 'disabled' },
      ipv6: { mode: 'static', addresses: [{ ip: '1111:2222:3333:4444::aaaa:1', prefixLength: 64 }] },
    });
    expect(m.dns).toEqual({ servers: ['1111:2222:3333:4444::2'], search: ['example.com'] });
    expect(m.routes[0]).toMatchObject({ destination: '::/0', nextHopAddress: '1111:2222:3333:4444::1' });
  });

  it('ZTP VLAN example: VLAN 201 on an MTU 9000 parent keeps MTU 1500 (five nodes)', () => {
    const parsed = parseNetworkYaml(read(examples[2]!));
    expect(parsed).toHaveLength(5);
    for (const p of parsed) {
      const [parent, vlan] = p.model.interfaces;
      expect(parent).toMatchObject({ name: 'ens43f0', mtu: 9000 });
      expect(vlan).toMatchObject({ type: 'vlan', mtu: 1500, vlan: { baseIface: 'ens43f0', id: 201 }, ipv4: { mode: 'static' } });
      const files = Object.fromEntries(toKeyfiles(p.model).map((k) => [k.fileName, parseIni(k.content)]));
      expect(files['ens43f0.nmconnection']!.ethernet!.mtu).toBe('9000');
      expect(files['ens43f0.201.nmconnection']!.vlan).toEqual({ id: '201', parent: 'ens43f0' });
      expect(files['ens43f0.201.nmconnection']!.ethernet!.mtu).toBe('1500');
    }
  });

  it('reports interface types the model does not carry instead of dropping them silently', () => {
    const { model, issues } = fromNmstate({
      interfaces: [
        { name: 'br-ex', type: 'ovs-bridge' },
        { name: 'eth0', type: 'ethernet', ipv4: { enabled: true, dhcp: true } },
      ],
    });
    expect(model.interfaces.map((i) => i.name)).toEqual(['eth0']);
    expect(issues).toEqual([expect.objectContaining({ key: 'manual.issues.unsupportedInterfaceType', params: { name: 'br-ex', type: 'ovs-bridge' } })]);
  });
});
