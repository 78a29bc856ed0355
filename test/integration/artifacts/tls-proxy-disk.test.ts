import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync, chmodSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { startNginx, type NginxServer } from './nginx-server';
import { requirePeer } from '../../support/peers';
import { MiB, makeService, randomFile, rejection } from './helpers';

/** A private CA and a server certificate for 127.0.0.1, made with the real openssl. */
function makePki(dir: string) {
  const openssl = requirePeer('openssl', 'openssl');
  const run = (...args: string[]) => execFileSync(openssl, args, { cwd: dir, stdio: 'pipe' });
  run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=SFK Test Mirror CA');
  run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n');
  run('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'ext.cnf');
  chmodSync(join(dir, 'server.key'), 0o644);
  return { ca: join(dir, 'ca.pem'), cert: join(dir, 'server.pem'), key: join(dir, 'server.key') };
}

/** A forward proxy that only speaks CONNECT, as corporate proxies do for HTTPS. */
async function startConnectProxy() {
  const targets: string[] = [];
  const open = new Set<net.Socket>();
  const server = http.createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req, socket, head) => {
    targets.push(req.url ?? '');
    open.add(socket as net.Socket);
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host!, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    targets,
    close: () =>
      new Promise<void>((r) => {
        for (const s of open) s.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

let nginx: NginxServer;
let pki: ReturnType<typeof makePki>;
let sha: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sfk-pki-'));
  chmodSync(dir, 0o755);
  pki = makePki(dir);
  nginx = await startNginx(undefined, () => '', { cert: pki.cert, key: pki.key });
  sha = randomFile(join(nginx.root, 'private.iso'), 2 * MiB);
});
afterAll(async () => {
  await nginx?.stop();
});

describe('a mirror with a private CA, through HTTPS_PROXY', () => {
  it('refuses the untrusted certificate with a TLS message, then works with the extra CA bundle', async () => {
    const { service } = makeService();
    const err = await rejection(service.download({ url: `${nginx.url}/private.iso`, sha256: sha, kind: 'file' }));
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('artifacts.tls');
    expect((err as AppError).localized('zh-CN')).toContain('CA');
    await service.settings.update({ caBundlePath: pki.ca });
    expect((await service.download({ url: `${nginx.url}/private.iso`, sha256: sha, kind: 'file' })).sha256).toBe(sha);
  });

  it('tunnels through HTTPS_PROXY with CONNECT, and goes direct for NO_PROXY hosts', async () => {
    const proxy = await startConnectProxy();
    try {
      const via = makeService({ env: { HTTPS_PROXY: proxy.url } });
      await via.service.settings.update({ caBundlePath: pki.ca });
      expect((await via.service.download({ url: `${nginx.url}/private.iso`, sha256: sha, kind: 'file' })).sha256).toBe(sha);
      expect(proxy.targets).toEqual([`127.0.0.1:${nginx.port}`]);

      const direct = makeService({ env: { HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } });
      await direct.service.settings.update({ caBundlePath: pki.ca });
      expect((await direct.service.download({ url: `${nginx.url}/private.iso`, sha256: sha, kind: 'file' })).sha256).toBe(sha);
      expect(proxy.targets).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  it('explains a name that does not resolve', async () => {
    const { service } = makeService();
    const err = await rejection(service.download({ url: 'https://mirror.does-not-exist.invalid/x.iso', kind: 'file' }));
    expect(err.code).toBe('artifacts.dns');
    expect(err.localized('en')).toContain('mirror.does-not-exist.invalid');
  });
});

// Real file-system limits: a 1 MiB tmpfs and a read-only mount need root (as on the project
// machine); without root the same errors come from a tiny free-space report and a 0555 folder.
const isRoot = process.getuid?.() === 0;

describe('disk problems', () => {
  const mounts: string[] = [];
  afterAll(() => {
    for (const m of mounts) execFileSync('umount', [m]);
  });
  function smallDisk(options: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'sfk-disk-'));
    execFileSync(requirePeer('mount', 'mount'), ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]);
    mounts.push(dir);
    return dir;
  }

  it('checks free space before starting and maps ENOSPC during the write', async () => {
    const cacheDir = isRoot ? smallDisk('size=1m') : mkdtempSync(join(tmpdir(), 'sfk-disk-'));
    const pre = makeService({ cacheDir, engine: { reserveBytes: 0, ...(isRoot ? {} : { freeSpace: async () => 1024 * 1024 }) } });
    await pre.service.settings.update({ caBundlePath: pki.ca });
    const err = await rejection(pre.service.download({ url: `${nginx.url}/private.iso`, sha256: sha, kind: 'file' }));
    expect(err.code).toBe('artifacts.diskFull');
    expect(err.message).toContain(cacheDir);
    expect(err.localized('zh-CN')).toContain('空间不足');
    if (isRoot) {
      // the space check believed a wrong free-space figure: the write itself hits ENOSPC
      const lying = makeService({ cacheDir, engine: { freeSpace: async () => 1024 ** 4 } });
      await lying.service.settings.update({ caBundlePath: pki.ca });
      const during = await rejection(lying.service.download({ url: `${nginx.url}/private.iso`, sha256: sha, kind: 'file', name: 'enospc.iso' }));
      expect(during.code).toBe('artifacts.diskFull');
      expect(existsSync(join(cacheDir, 'file', 'enospc.iso'))).toBe(false);
    }
  });

  it('maps a folder it may not write to (EACCES/EROFS) to a clear message', async () => {
    let cacheDir: string;
    if (isRoot) {
      cacheDir = smallDisk('size=1m,ro');
    } else {
      cacheDir = join(mkdtempSync(join(tmpdir(), 'sfk-disk-')), 'locked');
      mkdirSync(cacheDir);
      chmodSync(cacheDir, 0o555);
    }
    const { service } = makeService({ cacheDir });
    await service.settings.update({ caBundlePath: pki.ca });
    const err = await rejection(service.download({ url: `${nginx.url}/private.iso`, sha256: sha, kind: 'file' }));
    expect(err.code).toBe('artifacts.noPermission');
    expect(err.localized('zh-CN')).toContain('无权写入');
  });
});
