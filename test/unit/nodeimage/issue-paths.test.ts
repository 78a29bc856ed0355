import { describe, expect, it } from 'vitest';
import { toFormIssues } from '../../../renderer/flows/nodeimage/issue-paths';
import { validateNodesConfig } from '../../../shared/nodeimage/validate-nodes-config';
import { buildNodesConfig } from '../../../shared/nodeimage/nodes-config';
import { emptyForm, formToModel } from '../../../shared/network/simple-form';
import { formPaths } from '../../../renderer/components/network/network-form-model';

describe('nodes-config issues placed at the form fields', () => {
  it('MAC, address, host name and disk findings land under the fields the technician typed them in', () => {
    const form = { ...emptyForm(), iface: 'eno1', mac: '52:54:00:aa:00', mode: 'static' as const, address: '10.1.101.300/24', gateway: '10.1.101.1', dns: '10.1.101.1' };
    const { doc, issues } = buildNodesConfig({ hosts: [{ hostname: 'Worker_1', network: formToModel(form), rootDevice: { by: 'id', value: '/dev/disk/by-id/ata-X' } }] });
    const placed = toFormIssues([...issues, ...validateNodesConfig(doc)], true);
    const at = (path: string) => placed.filter((i) => i.path === path || i.path?.startsWith(`${path}.`)).map((i) => i.key);
    const paths = formPaths(form);
    expect(at(paths.mac!)).toContain('nodeimage.issues.macInvalid');
    expect(at(paths.address!)).toContain('manual.issues.ipv4Address');
    expect(at('hostname')).toContain('manual.issues.hostnameLabel');
    expect(at('rootDevice')).toContain('nodeimage.issues.rootByIdNotWwn');
  });

  it('with an imported (multi-NIC) network the interfaces[] findings stay in the list instead', () => {
    const placed = toFormIssues([{ key: 'nodeimage.issues.macInvalid', path: 'hosts.0.interfaces.1.macAddress' }], false);
    expect(placed[0]!.path).toBe('hosts.0.interfaces.1.macAddress');
  });
});
