import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateNetwork, type NetworkModel } from '../../../shared/network/model';
import { validateHostname } from '../../../shared/hostname';
import { parseIp, parseIpv6, parseCidr, ipv4Netmask } from '../../../shared/network/ip';
import { staticModel } from './fixtures';

const keys = (m: NetworkModel) => validateNetwork(m).map((i) => i.key.replace('manual.issues.', ''));
const withV4 = (ip: string, prefixLength: number, gateway?: string): NetworkModel => {
  const m = staticModel();
  m.interfaces[0]!.ipv4 = { mode: 'static', addresses: [{ ip, prefixLength }], ...(gateway !== undefined ? { gateway } : {}) };
  return m;
};

/** A host address inside 10.x/8 … with a gateway in the same subnet, built from numbers. */
const v4Host = fc.tuple(fc.integer({ min: 8, max: 30 }), fc.integer({ min: 0, max: 2 ** 24 - 1 }), fc.integer({ min: 1, max: 2 ** 22 }));

function v4(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

describe('network validation: examples', () => {
  it('gateway outside the subnet, bad prefix, network/broadcast address, duplicates', () => {
    expect(keys(withV4('10.1.101.50', 24, '10.1.102.1'))).toEqual(['gatewayOutsideSubnet']);
    expect(keys(withV4('10.1.101.50', 33, '10.1.101.1'))).toEqual(['prefixRange']);
    expect(keys(withV4('10.1.101.0', 24, '10.1.101.1'))).toEqual(['addressIsNetwork']);
    expect(keys(withV4('10.1.101.255', 24, '10.1.101.1'))).toEqual(['addressIsBroadcast']);
    expect(keys(withV4('10.1.101.50', 24, '10.1.101.50'))).toEqual(['gatewayIsAddress']);
    expect(keys(withV4('10.1.101.300', 24))).toEqual(['ipv4Address']);
    expect(keys(withV4('127.0.0.1', 8))).toEqual(['addressSpecial']);
    expect(keys(withV4('10.1.101.50', 31, '10.1.101.51'))).toEqual([]);
    const dup = staticModel();
    dup.interfaces[0]!.ipv4.addresses.push({ ip: '10.1.101.50', prefixLength: 24 });
    expect(keys(dup)).toEqual(['duplicateAddress']);
  });

  it('MTU range (>= 1280 with IPv6), MAC format, VLAN id and parent', () => {
    const m = staticModel();
    m.interfaces[0]!.mtu = 1000;
    expect(keys(m)).toEqual([]);
    m.interfaces[0]!.ipv6 = { mode: 'dhcp', addresses: [] };
    expect(keys(m)).toEqual(['mtuRangeV6']);
    m.interfaces[0]!.mtu = 9000;
    m.interfaces[0]!.macAddress = '52:54:00:aa:bb';
    expect(keys(m)).toEqual(['macFormat']);
    m.interfaces[0]!.macAddress = '01:00:5e:00:00:01';
    expect(keys(m)).toEqual(['macNotUnicast']);
    m.interfaces[0]!.macAddress = '52:54:00:aa:bb:cc';
    m.interfaces.push({ name: 'ens3.5000', type: 'vlan', vlan: { baseIface: 'ens9', id: 5000 }, ipv4: { mode: 'dhcp', addresses: [] }, ipv6: { mode: 'disabled', addresses: [] } });
    expect(keys(m)).toEqual(['vlanId', 'vlanBase']);
  });

  it('static without DNS is a warning, not an error; no addressing at all is an error', () => {
    const m = staticModel();
    m.dns.servers = [];
    expect(validateNetwork(m)).toEqual([expect.objectContaining({ key: 'manual.issues.noDnsServers', severity: 'warning' })]);
    m.interfaces[0]!.ipv4 = { mode: 'disabled', addresses: [] };
    expect(keys(m)).toContain('noAddressing');
  });

  it('host names: RFC 1123 FQDN, not localhost, lower case', () => {
    expect(validateHostname('worker-1.sno1.example.com')).toEqual([]);
    const k = (n: string) => validateHostname(n).map((i) => i.key.replace('manual.issues.', ''));
    expect(k('worker-1')).toEqual(['hostnameNotFqdn']);
    expect(k('localhost.localdomain')).toEqual(['hostnameLocalhost']);
    expect(k('Worker-1.example.com')).toEqual(['hostnameUppercase']);
    expect(k('-worker.example.com')).toEqual(['hostnameLabel']);
    expect(k('worker_1.example.com')).toEqual(['hostnameLabel']);
    expect(k('')).toEqual(['hostnameEmpty']);
    expect(k(' w.example.com')).toEqual(['hostnameWhitespace']);
    expect(k('10.1.101.50')).toEqual(['hostnameNumericTld']);
    expect(k(`${'a'.repeat(64)}.example.com`)).toEqual(['hostnameLabel']);
  });

  it('IPv6 notation variants parse to the same value', () => {
    expect(parseIpv6('2001:db8::1')).toBe(parseIpv6('2001:0db8:0:0:0:0:0:0001'));
    expect(parseIpv6('::ffff:10.1.2.3')).toBe(parseIpv6('::ffff:a01:203'));
    for (const bad of ['1::2::3', '12345::', '1:2:3:4:5:6:7:8:9', ':', 'g::1', 'fe80::1%eth0']) expect(parseIpv6(bad)).toBeUndefined();
    expect(parseCidr('10.0.0.0/8')?.prefix).toBe(8);
    expect(ipv4Netmask(22)).toBe('255.255.252.0');
  });
});

describe('network validation: properties', () => {
  it('a host address with a gateway from the same subnet is always accepted', () => {
    fc.assert(
      fc.property(v4Host, ([prefix, base, offsets]) => {
        const size = 2 ** (32 - prefix);
        const net = ((0x0a000000 | base) >>> 0) - (((0x0a000000 | base) >>> 0) % size);
        const host = net + 1 + (offsets % (size - 2));
        const gw = host === net + 1 ? net + 2 : net + 1;
        fc.pre(gw < net + size - 1);
        expect(keys(withV4(v4(host), prefix, v4(gw)))).toEqual([]);
      }),
    );
  });

  it('a gateway in a different subnet is always reported', () => {
    fc.assert(
      fc.property(fc.integer({ min: 8, max: 30 }), fc.integer({ min: 1, max: 2 ** 20 }), (prefix, distance) => {
        const size = 2 ** (32 - prefix);
        const host = 0x0a000000 + 1;
        const gw = (0x0a000000 + size * (1 + (distance % 8)) + 1) >>> 0;
        fc.pre(gw >>> 24 === 10);
        expect(keys(withV4(v4(host), prefix, v4(gw)))).toEqual(['gatewayOutsideSubnet']);
      }),
    );
  });

  it('any octet string either parses as IPv4 with the same numbers or is reported', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 300 }), { minLength: 3, maxLength: 5 }), (parts) => {
        const text = parts.join('.');
        const valid = parts.length === 4 && parts.every((p) => p >= 0 && p <= 255);
        expect(parseIp(text) !== undefined).toBe(valid);
      }),
    );
  });

  it('validation never throws, whatever the model holds', () => {
    const ipCfg = fc.record({
      mode: fc.constantFrom('disabled', 'dhcp', 'static'),
      addresses: fc.array(fc.record({ ip: fc.string(), prefixLength: fc.integer({ min: -10, max: 200 }) }), { maxLength: 3 }),
      gateway: fc.option(fc.string(), { nil: undefined }),
    });
    const iface = fc.record({
      name: fc.string({ maxLength: 20 }),
      type: fc.constantFrom('ethernet', 'bond', 'vlan'),
      macAddress: fc.option(fc.string(), { nil: undefined }),
      mtu: fc.option(fc.integer({ min: -1, max: 70000 }), { nil: undefined }),
      ipv4: ipCfg,
      ipv6: ipCfg,
    });
    fc.assert(
      fc.property(fc.array(iface, { maxLength: 4 }), fc.array(fc.string(), { maxLength: 3 }), (interfaces, servers) => {
        const issues = validateNetwork({ interfaces, dns: { servers, search: [] }, routes: [] } as NetworkModel);
        for (const i of issues) expect(i.key).toMatch(/^manual\.issues\.[a-zA-Z0-9]+$/);
      }),
    );
  });

  it('host names built from valid labels are accepted; any with an invalid character is not', () => {
    const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/);
    fc.assert(
      fc.property(fc.array(label, { minLength: 2, maxLength: 5 }), fc.constantFrom('_', ' ', '/', '*', 'é'), (labels, bad) => {
        fc.pre(labels[0] !== 'localhost' && !/^\d+$/.test(labels[labels.length - 1]!));
        const name = labels.join('.');
        expect(validateHostname(name)).toEqual([]);
        expect(validateHostname(`${labels[0]}${bad}x.${labels.slice(1).join('.')}`).length).toBeGreaterThan(0);
      }),
    );
  });
});
