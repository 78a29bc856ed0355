import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { generateFiles } from '../../../electron/services/manual/generate';
import { dhcpModel } from '../../../shared/network/model';
import type { GenerateInput } from '../../../shared/api/domains/manual';
import { shellWords, staticModel, workerIgnFixture } from './fixtures';

const worker = workerIgnFixture();
const base: GenerateInput = {
  hostname: 'worker-1.sno1.example.com',
  network: staticModel(),
  delivery: 'served',
  server: { host: '10.1.101.10', port: 8080 },
  installDevice: '/dev/disk/by-id/nvme-x',
  appendKargs: [],
  nmcliStyle: 'add',
};

describe('job file generation', () => {
  it('DHCP: no network files, no --copy-network', () => {
    const set = generateFiles(worker, { ...base, network: dhcpModel('eno1') });
    expect(set.files.map((f) => f.name)).toEqual(['worker.ign', 'new-worker.ign', 'install.sh']);
    expect(set.commands.install).not.toContain('--copy-network');
    expect(set.commands.nmcli).toBe('');
  });

  it('IPv6 server address: bracketed URLs, quoted for the shell, curl without globbing', () => {
    const set = generateFiles(worker, { ...base, server: { host: '2001:db8::10', port: 8080 } });
    expect(set.nodeIgnitionUrl).toBe('http://[2001:db8::10]:8080/new-worker.ign');
    const [curl] = shellWords(set.commands.verify);
    expect(curl).toEqual([
      'curl',
      '-fsSg',
      '-o',
      '/tmp/new-worker.ign',
      'http://[2001:db8::10]:8080/new-worker.ign',
      '&&',
      'echo',
      `${set.nodeIgnitionSha512}  /tmp/new-worker.ign`,
      '|',
      'sha512sum',
      '-c',
      '-',
    ]);
    expect(shellWords(set.commands.install)[0]).toContain('--ignition-url=http://[2001:db8::10]:8080/new-worker.ign');
    const nodeIgn = JSON.parse(set.files.find((f) => f.name === 'new-worker.ign')!.content);
    expect(nodeIgn.ignition.config.merge[0].source).toBe('http://[2001:db8::10]:8080/worker.ign');
  });

  it("each file's recorded sha512 is the hash of its content; the same input gives the same bytes", () => {
    const a = generateFiles(worker, base);
    const b = generateFiles(worker, base);
    expect(a).toEqual(b);
    for (const f of a.files) expect(f.sha512).toBe(createHash('sha512').update(f.content).digest('hex'));
    expect(a.nodeIgnitionSha512).toBe(a.files.find((f) => f.name === 'new-worker.ign')!.sha512);
  });

  it('refuses invalid input with every issue in the error details', () => {
    try {
      generateFiles(worker, { ...base, hostname: 'localhost', installDevice: 'sda' });
      expect.unreachable();
    } catch (err) {
      expect((err as { code: string }).code).toBe('manual.invalidInput');
      expect((err as { details: { key: string }[] }).details.map((i) => i.key)).toEqual(['manual.issues.hostnameLocalhost', 'manual.issues.installDevice']);
    }
  });
});
