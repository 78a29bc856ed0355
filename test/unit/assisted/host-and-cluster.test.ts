import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatBytes, hostView } from '../../../shared/assisted/host-display';
import { suggestHostname, validateDay2Hostname } from '../../../shared/assisted/hostname';
import { apiHostFromUrl, apiVipDnsname, checkPullSecret, checkSshPublicKey, clusterNamesFromApiHost, isValidClusterName, versionAtLeast } from '../../../shared/assisted/cluster';

describe('host display', () => {
  const inventory = JSON.stringify({
    hostname: 'localhost',
    interfaces: [
      { name: 'eno1', mac_address: '52:54:00:AA:BB:01', ipv4_addresses: ['10.0.0.5/24'], ipv6_addresses: ['fe80::1/64'], speed_mbps: 10000, has_carrier: true },
      { name: 'eno2', mac_address: '52:54:00:aa:bb:02', ipv4_addresses: [], ipv6_addresses: [] },
    ],
    disks: [{ name: 'sda', path: '/dev/sda', size_bytes: 960e9, drive_type: 'SSD', model: 'X', serial: 'S1' }],
    cpu: { count: 8 },
    memory: { physical_bytes: 34359738368 },
    system_vendor: { manufacturer: 'Dell Inc.', product_name: 'PowerEdge R650', serial_number: 'ABC123', virtual: false },
  });

  it('shows what a technician recognises: MACs, IPs (v4 first), serial, vendor/model, CPU, RAM, disks', () => {
    const v = hostView({ id: 'h1', status: 'insufficient', statusInfo: 'x', inventory, requestedHostname: 'worker-0' });
    expect(v).toMatchObject({
      displayName: 'worker-0',
      inventoryHostname: 'localhost',
      macs: ['52:54:00:aa:bb:01', '52:54:00:aa:bb:02'],
      ips: ['10.0.0.5/24', 'fe80::1/64'],
      serial: 'ABC123',
      vendor: 'Dell Inc.',
      model: 'PowerEdge R650',
      cpuCores: 8,
      memoryBytes: 34359738368,
    });
    expect(v.disks[0]).toMatchObject({ name: 'sda', sizeBytes: 960e9, type: 'SSD' });
  });

  it('falls back to the inventory hostname, then the id; tolerates a damaged inventory', () => {
    expect(hostView({ id: 'h1', status: 'discovering', inventory }).displayName).toBe('localhost');
    const bare = hostView({ id: 'h2', status: 'discovering', inventory: '{broken' });
    expect(bare).toMatchObject({ displayName: 'h2', macs: [], ips: [], disks: [] });
  });

  it('formats sizes in binary units', () => {
    expect(formatBytes(34359738368)).toBe('32 GiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(undefined)).toBe('—');
  });
});

describe('day-2 host names', () => {
  it('refuses localhost variants, upper case, bad characters and over-long labels', () => {
    for (const n of ['localhost', 'localhost.localdomain', 'localhost6.localdomain6']) expect(validateDay2Hostname(n)[0]?.key).toBe('localhost');
    expect(validateDay2Hostname('Worker-1')[0]).toEqual({ key: 'uppercase', params: { suggestion: 'worker-1' } });
    expect(validateDay2Hostname('worker_1')[0]?.key).toBe('invalid');
    expect(validateDay2Hostname('-worker')[0]?.key).toBe('invalid');
    expect(validateDay2Hostname('a'.repeat(64))[0]?.key).toBe('labelTooLong');
    expect(validateDay2Hostname('  ')[0]?.key).toBe('empty');
    expect(validateDay2Hostname('worker-1.site-a.example.com')).toEqual([]);
  });

  it('catches what the service cannot: a clash with an existing node (short name too) or another host', () => {
    expect(validateDay2Hostname('sno-0', { nodeNames: ['sno-0.example.com'] })[0]).toEqual({ key: 'existingNode', params: { node: 'sno-0.example.com' } });
    expect(validateDay2Hostname('worker-1', { otherHosts: ['worker-1'] })[0]?.key).toBe('duplicateHost');
  });

  it('accepts every RFC 1123 label the service accepts', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/), (name) => {
        fc.pre(!name.startsWith('localhost'));
        expect(validateDay2Hostname(name)).toEqual([]);
      }),
    );
  });

  it('suggests the next free worker-N', () => {
    expect(suggestHostname(['worker-0', 'worker-1.example.com'])).toBe('worker-2');
  });
});

describe('cluster details', () => {
  it('checks the version floor 4.11', () => {
    expect(versionAtLeast('4.11.0')).toBe(true);
    expect(versionAtLeast('4.16.3-rc.1')).toBe(true);
    expect(versionAtLeast('5.0')).toBe(true);
    expect(versionAtLeast('4.10.67')).toBe(false);
    expect(versionAtLeast('garbage')).toBe(false);
  });

  it('derives name and base domain only from api.<name>.<base>', () => {
    expect(apiHostFromUrl('https://api.sno.example.com:6443')).toBe('api.sno.example.com');
    expect(clusterNamesFromApiHost('https://api.sno.lab.example.com:6443')).toEqual({ name: 'sno', baseDomain: 'lab.example.com' });
    expect(clusterNamesFromApiHost('10.0.0.5')).toBeUndefined();
    expect(clusterNamesFromApiHost('sno.example.com')).toBeUndefined();
    expect(apiVipDnsname({ name: 'sno', baseDomain: 'example.com' })).toBe('api.sno.example.com');
    expect(isValidClusterName('sno-1')).toBe(true);
    expect(isValidClusterName('SNO')).toBe(false);
  });

  it('validates a pull secret without exposing it', () => {
    expect(checkPullSecret('{"auths":{"cloud.openshift.com":{"auth":"x"},"quay.io":{"auth":"y"}}}')).toEqual({ ok: true, registries: ['cloud.openshift.com', 'quay.io'] });
    expect(checkPullSecret('not json').problem).toBe('notJson');
    expect(checkPullSecret('{"foo":1}').problem).toBe('noAuths');
    expect(checkPullSecret('{"auths":{}}').problem).toBe('emptyAuths');
    expect(checkPullSecret('{"auths":{"quay.io":{}}}').problem).toBe('noCloudOpenshift');
  });

  it('accepts one OpenSSH public key and refuses a private key', () => {
    const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq3Vb0m1c0F3o7p6QZ8bq0wq4o3uJxJpM2M8xvH1k2R me@laptop';
    expect(checkSshPublicKey(key)).toEqual({ ok: true, type: 'ssh-ed25519', comment: 'me@laptop' });
    expect(checkSshPublicKey('-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n-----END OPENSSH PRIVATE KEY-----').problem).toBe('privateKey');
    expect(checkSshPublicKey(`${key}\n${key}`).problem).toBe('multiple');
    expect(checkSshPublicKey('ssh-ed25519 short').problem).toBe('invalid');
    expect(checkSshPublicKey('').problem).toBe('empty');
  });
});
