import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { emptyForm, formToModel, modelToForm, type SimpleNetworkForm } from '../../../shared/network/simple-form';
import { validateNetwork } from '../../../shared/network/model';

describe('simple network form', () => {
  it('static IPv4 on a VLAN becomes a parent without addresses and a VLAN carrying them', () => {
    const form: SimpleNetworkForm = { ...emptyForm(), iface: 'ens3', mode: 'static', address: '10.1.101.50/24', gateway: '10.1.101.1', dns: '10.1.101.1, 10.1.101.2', vlanId: '201' };
    const m = formToModel(form);
    expect(m.interfaces.map((i) => [i.name, i.type, i.ipv4.mode])).toEqual([
      ['ens3', 'ethernet', 'disabled'],
      ['ens3.201', 'vlan', 'static'],
    ]);
    expect(m.dns.servers).toEqual(['10.1.101.1', '10.1.101.2']);
    expect(validateNetwork(m)).toEqual([]);
    expect(modelToForm(m)).toEqual({ ...form, dns: '10.1.101.1 10.1.101.2' });
  });

  it('a typo is kept so that validation names it', () => {
    const m = formToModel({ ...emptyForm(), iface: 'ens3', mode: 'static', address: '10.1.101.500/24', dns: '10.1.101.1' });
    expect(validateNetwork(m).map((i) => i.key)).toEqual(['manual.issues.ipv4Address']);
    const noPrefix = formToModel({ ...emptyForm(), iface: 'ens3', mode: 'static', address: '10.1.101.5', dns: '10.1.101.1' });
    // Typed without "/24": the hint says to add the prefix, with an example (not "prefix length 0 is not valid").
    expect(validateNetwork(noPrefix)).toEqual([{ key: 'manual.issues.prefixMissing', path: 'interfaces.0.ipv4.addresses.0.prefixLength', params: { value: '10.1.101.5', example: 24 } }]);
  });

  it('form → model → form is the identity for every form the wizard can produce', () => {
    const octet = fc.integer({ min: 1, max: 254 });
    const form = fc.record({
      iface: fc.constantFrom('ens3', 'eno1', 'enp1s0f0'),
      mac: fc.constantFrom('', '52:54:00:12:34:56'),
      mode: fc.constantFrom<'dhcp' | 'static'>('dhcp', 'static'),
      o: octet,
      dns: fc.constantFrom('', '10.0.0.53', '10.0.0.53 10.0.0.54'),
      search: fc.constantFrom('', 'example.com'),
      mtu: fc.constantFrom('1500', '9000', ''),
      v6: fc.boolean(),
      vlanId: fc.constantFrom('', '5', '4094'),
    });
    fc.assert(
      fc.property(form, (f) => {
        const input: SimpleNetworkForm = {
          iface: f.iface,
          mac: f.mac,
          mode: f.mode,
          address: f.mode === 'static' ? `10.0.0.${f.o}/24` : '',
          gateway: f.mode === 'static' ? '10.0.0.254' : '',
          dns: f.dns,
          search: f.search,
          mtu: f.mtu,
          address6: f.v6 ? '2001:db8::5/64' : '',
          gateway6: f.v6 ? '2001:db8::1' : '',
          vlanId: f.vlanId,
        };
        expect(modelToForm(formToModel(input))).toEqual(input);
      }),
    );
  });
});
