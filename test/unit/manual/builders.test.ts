import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { buildNodeIgnition } from '../../../shared/ignition/node-ignition';
import { decodeDataUrl, utf8Decode, base64Encode, base64Decode, utf8Encode, textDataUrl } from '../../../shared/ignition/encoding';
import { inspectWorkerIgn } from '../../../shared/ignition/worker-ign';
import { toKeyfiles } from '../../../shared/network/keyfile';
import { toNmcliCommands, toNmcliScript } from '../../../shared/network/nmcli';
import { toNmstateYaml, toNmStateConfig } from '../../../shared/network/nmstate';
import { dhcpModel, validateNetwork } from '../../../shared/network/model';
import { buildInstallCommand, validateInstallInput } from '../../../shared/coreos-installer';
import { bondVlanModel, parseIni, shellWords, staticModel, workerIgnFixture } from './fixtures';
import { expectGolden, goldenFiles } from './golden';
import { goldenCases } from './golden-cases';

const WORKER = workerIgnFixture();
const SHA = createHash('sha512').update(WORKER).digest('hex');

describe('golden files', () => {
  it('are exactly the cases npm run goldens writes (none missing, none left over)', () => {
    expect(goldenFiles()).toEqual(Object.keys(goldenCases).sort());
  });
});

describe('per-node Ignition', () => {
  it('merges worker.ign by URL with the sha512 of the exact bytes and writes /etc/hostname once', () => {
    const text = buildNodeIgnition({ workerIgn: { url: 'http://10.1.101.10:8080/worker.ign', sha512: SHA.toUpperCase() }, hostname: 'worker-1.sno1.example.com' });
    expectGolden('new-worker.served.ign', text);
    const doc = JSON.parse(text);
    expect(doc.ignition.version).toBe('3.2.0');
    expect(doc.ignition.config.merge).toEqual([{ source: 'http://10.1.101.10:8080/worker.ign', verification: { hash: `sha512-${SHA}` } }]);
    expect(doc.storage.files).toEqual([{ path: '/etc/hostname', contents: { source: 'data:,worker-1.sno1.example.com' }, mode: 420, overwrite: true }]);
    // No repeated key anywhere (the published example has "path" twice in one object).
    expect(text.match(/"path"/g)).toHaveLength(1);
  });

  it('inline delivery embeds worker.ign byte for byte as a base64 data URL', () => {
    const text = buildNodeIgnition({ workerIgn: { inline: WORKER }, hostname: 'worker-1.sno1.example.com' });
    expectGolden('new-worker.inline.ign', text);
    const source = JSON.parse(text).ignition.config.merge[0].source as string;
    expect(source.startsWith('data:;base64,')).toBe(true);
    expect(utf8Decode(decodeDataUrl(source)!)).toBe(WORKER);
  });

  it('is deterministic and rejects a malformed hash', () => {
    const a = buildNodeIgnition({
      workerIgn: { url: 'http://h/w.ign', sha512: SHA },
      hostname: 'a.b.c',
      files: [
        { path: '/etc/z', contents: 'z' },
        { path: '/etc/a', contents: 'ä\n' },
      ],
    });
    const b = buildNodeIgnition({
      workerIgn: { url: 'http://h/w.ign', sha512: SHA },
      hostname: 'a.b.c',
      files: [
        { path: '/etc/a', contents: 'ä\n' },
        { path: '/etc/z', contents: 'z' },
      ],
    });
    expect(a).toBe(b);
    expect(JSON.parse(a).storage.files.map((f: { path: string }) => f.path)).toEqual(['/etc/hostname', '/etc/a', '/etc/z']);
    expect(() => buildNodeIgnition({ workerIgn: { url: 'http://h/w.ign', sha512: 'abc' }, hostname: 'a.b.c' })).toThrow(/128/);
  });

  it('encodes UTF-8, base64 and data URLs the way Ignition parses them', () => {
    for (const s of ['', 'a', 'ab', 'abc', 'héllo wörld 你好 🎉', '\u0000\u00ff']) {
      expect(utf8Decode(utf8Encode(s))).toBe(s);
      expect(Buffer.from(utf8Encode(s)).equals(Buffer.from(s, 'utf8'))).toBe(true);
      expect(base64Encode(utf8Encode(s))).toBe(Buffer.from(s, 'utf8').toString('base64'));
      expect(utf8Decode(base64Decode(base64Encode(utf8Encode(s))))).toBe(s);
    }
    expect(textDataUrl('a b#c')).toBe('data:,a%20b%23c');
    expect(utf8Decode(decodeDataUrl('data:,a%20b%23c')!)).toBe('a b#c');
  });
});

describe('worker.ign inspection', () => {
  it('reports version, merge source, host and CA', () => {
    const v = inspectWorkerIgn(WORKER);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.info).toMatchObject({ version: '3.2.0', mergeSources: ['https://api-int.sno1.example.com:22623/config/worker'], mergeHost: 'api-int.sno1.example.com' });
    expect(v.info.caPems[0]).toContain('BEGIN CERTIFICATE');
  });

  it('refuses spec 2.x, unknown versions, non-JSON and non-Ignition with a reason', () => {
    const spec2 = JSON.stringify({ ignition: { config: { append: [{ source: 'https://api-int.x:22623/config/worker' }] }, version: '2.2.0' } });
    expect(inspectWorkerIgn(spec2)).toMatchObject({ ok: false, code: 'spec2', params: { version: '2.2.0' } });
    expect(inspectWorkerIgn(JSON.stringify({ ignition: { version: '3.5.0' } }))).toMatchObject({ ok: false, code: 'unsupportedVersion' });
    expect(inspectWorkerIgn('{"ignition":')).toMatchObject({ ok: false, code: 'notJson' });
    expect(inspectWorkerIgn('{"a":1}')).toMatchObject({ ok: false, code: 'notIgnition' });
    expect(inspectWorkerIgn('{"ignition":{"version":"3.1.0"}}')).toMatchObject({ ok: false, code: 'noConfigSource' });
    for (const v of ['3.0.0', '3.1.0', '3.3.0', '3.4.0']) expect(inspectWorkerIgn(WORKER.replace('3.2.0', v)).ok).toBe(true);
  });
});

describe('keyfiles', () => {
  it('static single NIC: golden, and parses back as INI to the same settings', () => {
    const [file, ...rest] = toKeyfiles(staticModel());
    expect(rest).toHaveLength(0);
    expect(file!.fileName).toBe('ens3.nmconnection');
    expectGolden('ens3.nmconnection', file!.content);
    const ini = parseIni(file!.content);
    expect(ini.connection).toEqual({ id: 'ens3', type: 'ethernet', 'interface-name': 'ens3', autoconnect: 'true' });
    expect(ini.ethernet).toEqual({ 'mac-address': '52:54:00:AA:BB:CC', mtu: '1500' });
    expect(ini.ipv4).toEqual({ method: 'manual', address1: '10.1.101.50/24', gateway: '10.1.101.1', dns: '10.1.101.1;10.1.101.2;', 'dns-search': 'example.com;' });
    expect(ini.ipv6).toEqual({ method: 'disabled' });
  });

  it('bond + VLAN + dual stack: one file per interface, ports tied to the bond', () => {
    const files = toKeyfiles(bondVlanModel());
    expect(files.map((f) => f.fileName)).toEqual(['bond0.nmconnection', 'ens1f0.nmconnection', 'ens1f1.nmconnection', 'bond0.201.nmconnection']);
    expectGolden('bond-vlan.nmconnection.txt', files.map((f) => `# ${f.fileName}\n${f.content}`).join('\n'));
    const parsed = Object.fromEntries(files.map((f) => [f.fileName, parseIni(f.content)]));
    expect(parsed['bond0.nmconnection']!.bond).toEqual({ miimon: '100', mode: 'active-backup' });
    expect(parsed['ens1f0.nmconnection']!.connection).toMatchObject({ master: 'bond0', 'slave-type': 'bond' });
    expect(parsed['ens1f0.nmconnection']!.ipv4).toBeUndefined();
    const vlan = parsed['bond0.201.nmconnection']!;
    expect(vlan.vlan).toEqual({ id: '201', parent: 'bond0' });
    expect(vlan.ipv4).toMatchObject({ method: 'manual', address1: '192.168.201.20/24', gateway: '192.168.201.1', dns: '192.168.201.53;', route1: '10.20.0.0/16,192.168.201.254,50' });
    expect(vlan.ipv6).toMatchObject({ method: 'manual', address1: '2001:db8:201::20/64', gateway: 'fe80::1', dns: '2001:db8:201::53;' });
    expect(vlan.ipv4!['dns-search']).toBe('lab.example.com;example.com;');
  });

  it('DHCP keyfile uses method=auto', () => {
    const ini = parseIni(toKeyfiles(dhcpModel('eno1'))[0]!.content);
    expect(ini.ipv4).toEqual({ method: 'auto' });
    expect(ini.ipv6).toEqual({ method: 'auto' });
  });
});

describe('nmcli', () => {
  it('add style: golden; parses back into the intended argv with "\\" continuations', () => {
    const script = toNmcliScript(staticModel());
    expectGolden('nmcli-static.sh', script);
    expect(script).not.toMatch(/ \/\n/); // never "/" as a line continuation
    const [add, up] = shellWords(script);
    expect(add!.slice(0, 8)).toEqual(['nmcli', 'con', 'add', 'type', 'ethernet', 'con-name', 'ens3', 'ifname', 'ens3'].slice(0, 8));
    const props = Object.fromEntries(pairs(add!.slice(9)));
    expect(props).toMatchObject({
      'ipv4.method': 'manual',
      'ipv4.addresses': '10.1.101.50/24',
      'ipv4.gateway': '10.1.101.1',
      'ipv4.dns': '10.1.101.1 10.1.101.2',
      'ipv4.dns-search': 'example.com',
      '802-3-ethernet.mtu': '1500',
      '802-3-ethernet.mac-address': '52:54:00:AA:BB:CC',
      'ipv6.method': 'disabled',
    });
    expect(up).toEqual(['nmcli', 'con', 'up', 'ens3']);
  });

  it('modify style looks the connection up from the device (con mod takes a profile, not a device)', () => {
    const [mod, up] = shellWords(toNmcliScript(staticModel(), { style: 'modify' }));
    expect(mod!.slice(0, 4)).toEqual(['nmcli', 'con', 'mod', '$(nmcli -g GENERAL.CONNECTION device show ens3)']);
    expect(up).toEqual(['nmcli', 'con', 'up', '$(nmcli -g GENERAL.CONNECTION device show ens3)']);
  });

  it('bond/VLAN: creates parents first, ports with master, VLAN with parent and id', () => {
    const script = toNmcliScript(bondVlanModel());
    expectGolden('nmcli-bond-vlan.sh', script);
    const cmds = shellWords(script);
    expect(cmds.map((c) => `${c[2]} ${c[6] ?? c[3]}`)).toEqual(['add bond0', 'add ens1f0', 'add ens1f1', 'add bond0.201', 'up bond0', 'up bond0.201']);
    const vlanArgs = cmds[3]!;
    expect(vlanArgs.slice(3, 13)).toEqual(['type', 'vlan', 'con-name', 'bond0.201', 'ifname', 'bond0.201', 'vlan.parent', 'bond0', 'vlan.id', '201']);
    const props = Object.fromEntries(pairs(vlanArgs.slice(13)));
    expect(props['ipv4.routes']).toBe('10.20.0.0/16 192.168.201.254 50');
    expect(props['ipv6.addresses']).toBe('2001:db8:201::20/64');
    expect(props['ipv4.dns-search']).toBe('lab.example.com example.com');
    expect(cmds[1]).toEqual(expect.arrayContaining(['master', 'bond0', 'slave-type', 'bond']));
    expect(Object.fromEntries(pairs(cmds[0]!.slice(9)))['bond.options']).toBe('mode=active-backup,miimon=100');
  });

  it('quotes values with shell metacharacters safely', () => {
    const m = staticModel();
    m.dns.search = ['example.com'];
    const cmds = toNmcliCommands(m);
    expect(shellWords(cmds.join('\n'))).toHaveLength(2);
  });
});

describe('nmstate and NMStateConfig', () => {
  it('golden nmstate YAML and CR with v1beta1 and the MAC map', () => {
    expectGolden('nmstate-bond-vlan.yaml', toNmstateYaml(bondVlanModel()));
    const cr = toNmStateConfig(staticModel(), { name: 'worker-1', namespace: 'sno1', labels: { 'infraenvs.agent-install.openshift.io': 'sno1' } });
    expectGolden('nmstateconfig-static.yaml', cr);
    expect(cr).toContain('apiVersion: agent-install.openshift.io/v1beta1');
  });
});

describe('coreos-installer', () => {
  it('uses the hash, never --insecure-ignition by default, and "\\" continuations', () => {
    const cmd = buildInstallCommand({
      device: '/dev/disk/by-id/nvme-Samsung_SSD_980_S1',
      ignitionUrl: 'http://10.1.101.10:8080/new-worker.ign',
      ignitionSha512: SHA,
      copyNetwork: true,
      appendKargs: ['console=ttyS0,115200n8'],
    });
    expectGolden('install-static.sh', `${cmd}\n`);
    const [argv] = shellWords(cmd);
    expect(argv).toEqual(
      ['sudo', 'coreos-installer', 'install', 'http://10.1.101.10:8080/new-worker.ign', `sha512-${SHA}`, '--copy-network', 'console=ttyS0,115200n8', '/dev/disk/by-id/nvme-Samsung_SSD_980_S1'].map(
        (v, i) => (i === 3 ? `--ignition-url=${v}` : i === 4 ? `--ignition-hash=${v}` : i === 6 ? `--append-karg=${v}` : v),
      ),
    );
    expect(cmd).not.toContain('--insecure-ignition');
    const dhcp = buildInstallCommand({ device: '/dev/disk/by-id/x', ignitionUrl: 'https://h/n.ign' });
    expect(shellWords(dhcp)[0]).toEqual(['sudo', 'coreos-installer', 'install', '--ignition-url=https://h/n.ign', '/dev/disk/by-id/x']);
  });

  it('validates device, URL scheme and hash', () => {
    expect(validateInstallInput({ device: '/dev/sda', ignitionUrl: 'http://h/n.ign', ignitionSha512: SHA })).toEqual([
      expect.objectContaining({ key: 'manual.issues.installDeviceUnstable', severity: 'warning' }),
    ]);
    expect(validateInstallInput({ device: 'sda', ignitionUrl: 'ftp://h/n', ignitionSha512: 'xyz' }).map((i) => i.key)).toEqual([
      'manual.issues.installDevice',
      'manual.issues.ignitionUrl',
      'manual.issues.ignitionHash',
    ]);
    expect(validateInstallInput({ device: '/dev/disk/by-id/x', ignitionUrl: 'http://h/n.ign' }).map((i) => i.key)).toEqual(['manual.issues.httpNeedsHash']);
  });
});

it('the shared fixtures are valid models', () => {
  expect(validateNetwork(staticModel())).toEqual([]);
  expect(validateNetwork(bondVlanModel())).toEqual([]);
});

function pairs(args: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < args.length; i += 2) out.push([args[i]!, args[i + 1]!]);
  return out;
}
