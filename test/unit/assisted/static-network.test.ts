import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formNetworkIssues, networkBlocks, staticNetworkInput } from '../../../renderer/flows/assisted/static-network';
import { withoutProxyCredentials } from '../../../renderer/flows/assisted/drafts';
import { emptyForm, formToModel } from '../../../shared/network/simple-form';

const staticForm = { ...emptyForm(), iface: 'eno1', mac: '52:54:00:aa:00:01', mode: 'static' as const, address: '10.1.101.50/24', gateway: '10.1.101.1', dns: '10.1.101.1' };

describe('the Assisted ISO step network: the manual form, made into nmstate', () => {
  it('DHCP sends no static configuration and has nothing to fix', () => {
    const dhcp = formToModel(emptyForm());
    expect(formNetworkIssues(dhcp)).toEqual([]);
    expect(staticNetworkInput('form', dhcp, '')).toEqual({});
    expect(networkBlocks('form', dhcp, '')).toBe(false);
  });

  it('a static address becomes nmstate YAML with the address, route and DNS, and the MAC-to-NIC map', () => {
    const input = staticNetworkInput('form', formToModel(staticForm), 'ignored: true');
    const yaml = parse(input.staticNetworkYaml!) as { interfaces: { name: string; ipv4: { address: { ip: string; 'prefix-length': number }[] } }[]; 'dns-resolver': unknown; routes: unknown };
    expect(yaml.interfaces[0]!.name).toBe('eno1');
    expect(yaml.interfaces[0]!.ipv4.address).toEqual([{ ip: '10.1.101.50', 'prefix-length': 24 }]);
    expect(JSON.stringify(yaml.routes)).toContain('10.1.101.1');
    expect(JSON.stringify(yaml['dns-resolver'])).toContain('10.1.101.1');
    expect(input.macInterfaceMap).toEqual([{ macAddress: '52:54:00:AA:00:01', logicalNicName: 'eno1' }]);
  });

  it('bad values are refused at their fields: the address, a missing prefix, the MAC', () => {
    const issues = formNetworkIssues(formToModel({ ...staticForm, mac: '', address: '10.1.101.300/24' }));
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['interfaces.0.macAddress', expect.stringMatching(/^interfaces\.0\.ipv4\.addresses/)]));
    expect(networkBlocks('form', formToModel({ ...staticForm, mac: '' }), '')).toBe(true);
  });

  it('the advanced YAML box is sent as it is, and badly indented YAML blocks the ISO', () => {
    expect(staticNetworkInput('yaml', formToModel(staticForm), 'interfaces: []\n')).toEqual({ staticNetworkYaml: 'interfaces: []\n' });
    expect(networkBlocks('yaml', formToModel(emptyForm()), 'interfaces:\n  - name: eno1\n   type: ethernet\n')).toBe(true);
    expect(networkBlocks('yaml', formToModel(emptyForm()), '')).toBe(false);
  });

  it('a proxy URL with a password is not saved as typed; one without is', () => {
    expect(withoutProxyCredentials({ httpProxy: 'http://tech:s3cret@proxy:3128', httpsProxy: 'http://proxy:3128', ntp: 'x' })).toEqual({ httpsProxy: 'http://proxy:3128', ntp: 'x' });
  });
});
