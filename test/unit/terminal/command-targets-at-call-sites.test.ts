import { describe, expect, it } from 'vitest';
import { manualConsoleCommands, nodeAddress } from '../../../renderer/flows/manual/console-commands';
import { buildInstallCommand, LIST_DISKS_COMMAND } from '../../../shared/coreos-installer';
import { toNmcliScript } from '../../../shared/network/nmcli';
import { formToModel, emptyForm } from '../../../shared/network/simple-form';
import { dhcpModel } from '../../../shared/network/model';
import { equivalentCommands, buildNodesConfig } from '../../../shared/nodeimage/nodes-config';
import { approveNamedCommand, manualCsrCommands } from '../../../shared/csr/approval-advice';
import { looksNodeOnly, planSend, type TabInfo } from '../../../shared/terminal/command-target';

const SHA = 'a'.repeat(128);
const staticNet = formToModel({ ...emptyForm(), iface: 'eno1', mac: '52:54:00:AA:00:01', mode: 'static', address: '10.1.101.50/24', gateway: '10.1.101.1', dns: '10.1.101.1' });
const generated = (network = staticNet) => ({
  commands: {
    nmcli: toNmcliScript(network),
    install: buildInstallCommand({ device: '/dev/disk/by-id/nvme-Samsung_SSD_980_S1', ignitionUrl: 'http://10.1.101.10:8080/new-worker.ign', ignitionSha512: SHA, copyNetwork: true, appendKargs: [] }),
    listDisks: LIST_DISKS_COMMAND,
    verify: `curl -fsSg -o /tmp/new-worker.ign 'http://10.1.101.10:8080/new-worker.ign' && echo '${SHA}  /tmp/new-worker.ign' | sha512sum -c -`,
  },
});
const tabs: TabInfo[] = [
  { id: 'local', kind: 'local', running: true },
  { id: 'ssh-node', kind: 'ssh', running: true, sshHost: '10.1.101.50' },
];

describe('command targets where the flows build commands', () => {
  it('every manual console-step command targets the node (its address and name), never the laptop', () => {
    const steps = manualConsoleCommands(generated(), { hostname: 'worker-1.sno1.example.com', network: staticNet });
    const withText = steps.filter((s) => s.text);
    expect(withText.map((s) => s.key)).toEqual(['network', 'disks', 'verify', 'install', 'reboot']);
    for (const s of withText) expect(s.target).toEqual({ node: { host: '10.1.101.50', name: 'worker-1.sno1.example.com' } });
    // The install and reboot commands really are node-only, and so can only go to that node's SSH tab.
    const install = steps.find((s) => s.key === 'install')!;
    expect(looksNodeOnly(install.text!)).toBe(true);
    expect(planSend(install.target, install.text!, tabs, 'local')).toEqual({ action: 'send', tabId: 'ssh-node', via: 'ssh' });
  });

  it('with DHCP the node has no known address: the commands still target the node, and sending offers to open an SSH tab', () => {
    const steps = manualConsoleCommands(generated(dhcpModel('eno1')), { hostname: 'worker-1', network: dhcpModel('eno1') });
    expect(nodeAddress(dhcpModel('eno1'))).toBeUndefined();
    const reboot = steps.find((s) => s.key === 'reboot')!;
    expect(reboot.target).toEqual({ node: { host: undefined, name: 'worker-1' } });
    expect(planSend(reboot.target, reboot.text!, [tabs[0]!])).toEqual({ action: 'openSsh', host: undefined });
  });

  it('the commands the flows mark laptop are laptop commands: none of them is a node command', () => {
    const { doc } = buildNodesConfig({ hosts: [{ hostname: 'worker-1.sno1.example.com', network: staticNet, rootDevice: { by: 'path', value: '/dev/disk/by-path/pci-0000:03:00.0' } }] });
    const ni = equivalentCommands(doc, '/data/jobs/x/nodeimage', '/home/t/kubeconfig');
    const csr = manualCsrCommands('worker-1');
    const laptop = [
      ni.create,
      ni.singleNode ?? '',
      ni.monitor ?? '',
      "wget -O discovery.iso 'https://api.openshift.com/images/x'",
      "sha256sum '/tmp/discovery.iso'",
      csr.list,
      csr.describe,
      csr.approveOne,
      csr.watch,
      approveNamedCommand(['csr-abc', 'csr-def']) ?? '',
    ].filter(Boolean);
    expect(laptop.length).toBeGreaterThan(8);
    expect(laptop.filter(looksNodeOnly)).toEqual([]);
    // and every command a node step shows would be refused by the laptop's shell
    const nodeSide = manualConsoleCommands(generated(), { network: staticNet }).filter((s) => s.key === 'install' || s.key === 'reboot' || s.key === 'network');
    expect(nodeSide.every((s) => looksNodeOnly(s.text!))).toBe(true);
  });
});
