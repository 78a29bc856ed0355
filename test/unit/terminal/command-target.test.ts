import { describe, expect, it } from 'vitest';
import { looksNodeOnly, planSend, type TabInfo } from '../../../shared/terminal/command-target';

const local: TabInfo = { id: 'l1', kind: 'local', running: true };
const sshNode: TabInfo = { id: 's1', kind: 'ssh', running: true, sshHost: '192.0.2.10' };
const sshOther: TabInfo = { id: 's2', kind: 'ssh', running: true, sshHost: '192.0.2.99' };
const install = 'sudo coreos-installer install /dev/sda --ignition-url http://192.0.2.1:8080/worker.ign';
const node = { node: { host: '192.0.2.10', name: 'worker-1' } };

describe('where "Send to terminal" may paste a command', () => {
  it('offers nothing to paste for what is not a command (JSON, keyfiles, hashes): the default target', () => {
    expect(planSend('none', '{"auths":{}}', [local, sshNode], 'l1')).toEqual({ action: 'copy' });
  });

  it('sends a laptop command to a local tab, never to an SSH tab even when that one is active', () => {
    expect(planSend('laptop', 'oc get nodes', [sshNode, local], 's1')).toEqual({ action: 'send', tabId: 'l1', via: 'local' });
    expect(planSend('laptop', 'oc get nodes', [sshNode], 's1')).toEqual({ action: 'openLocal' });
  });

  it('sends a node command only to an SSH tab to that node, never to the laptop shell or another node', () => {
    expect(planSend(node, install, [local, sshOther, sshNode], 'l1')).toEqual({ action: 'send', tabId: 's1', via: 'ssh' });
    expect(planSend(node, 'sudo reboot', [local, sshOther], 'l1')).toEqual({ action: 'openSsh', host: '192.0.2.10' });
    expect(planSend({ node: { name: 'worker-1' } }, 'sudo reboot', [local, sshNode], 'l1')).toEqual({ action: 'openSsh', host: undefined });
  });

  it('ignores tabs whose program has ended', () => {
    expect(planSend(node, 'sudo reboot', [{ ...sshNode, running: false }], 's1')).toEqual({ action: 'openSsh', host: '192.0.2.10' });
    expect(planSend('laptop', 'oc get csr', [{ ...local, running: false }], 'l1')).toEqual({ action: 'openLocal' });
  });

  it('refuses a node-only command marked for the laptop (a wrong caller must not wipe the laptop disk)', () => {
    expect(looksNodeOnly(install)).toBe(true);
    expect(looksNodeOnly('sudo reboot')).toBe(true);
    expect(looksNodeOnly('oc adm certificate approve csr-abc')).toBe(false);
    expect(planSend('laptop', install, [local], 'l1')).toEqual({ action: 'copy' });
    expect(planSend('laptop', `echo ready\n${install}`, [local], 'l1')).toEqual({ action: 'copy' });
  });
});
