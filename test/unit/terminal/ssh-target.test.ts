import { describe, expect, it } from 'vitest';
import { isValidSshHost, sshArgs, sshTargetSchema, suggestSshTarget } from '../../../shared/terminal/ssh-target';

describe('SSH target', () => {
  it('accepts addresses and host names, and nothing ssh could read as an option', () => {
    for (const ok of ['192.168.10.21', 'fd00::21', 'worker-1.sno.example.com', 'node1']) expect(isValidSshHost(ok), ok).toBe(true);
    for (const bad of ['-oProxyCommand=x', '1.2.3.256', 'a b', 'host;rm', '', '999.1.1.1']) expect(isValidSshHost(bad), bad).toBe(false);
    expect(sshTargetSchema.safeParse({ host: '10.0.0.5', user: 'core; reboot' }).success).toBe(false);
    expect(sshTargetSchema.parse({ host: ' 10.0.0.5 ' })).toEqual({ host: '10.0.0.5', user: 'core', port: 22 });
  });

  it('builds ssh arguments with only the job key and the job’s known_hosts', () => {
    expect(sshArgs({ host: '10.0.0.5', user: 'core', port: 2222, keyPath: '/k/id' }, { knownHostsFile: '/jobs/j/known_hosts' })).toEqual([
      '-i',
      '/k/id',
      '-o',
      'IdentitiesOnly=yes',
      '-o',
      'UserKnownHostsFile=/jobs/j/known_hosts',
      '-o',
      'ServerAliveInterval=15',
      '-p',
      '2222',
      '--',
      'core@10.0.0.5',
    ]);
    expect(sshArgs({ host: 'n1', user: 'core', port: 22 })).toEqual(['-o', 'ServerAliveInterval=15', '-p', '22', '--', 'core@n1']);
  });

  it('suggests the last target, else what the flows saved', () => {
    expect(suggestSshTarget({ manual: { nodeIp: '10.1.1.9', sshKeyPath: '/k' } })).toEqual({ host: '10.1.1.9', user: 'core', port: 22, keyPath: '/k' });
    expect(suggestSshTarget({ manual: { nodeIp: '10.1.1.9' }, terminal: { ssh: { host: '10.1.1.10', user: 'root', port: 2200 } } })).toEqual({ host: '10.1.1.10', user: 'root', port: 2200 });
    expect(suggestSshTarget({ manual: { nodeIp: 'not valid!' } })).toEqual({ user: 'core', port: 22 });
  });
});
