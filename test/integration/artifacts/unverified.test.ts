import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isUnverified } from '../../../shared/artifacts/trust';
import { fixturePath } from '../../support/fixtures';
import { startNginx, type NginxServer } from './nginx-server';
import { startLengthlessServer, type LengthlessServer } from './lengthless-server';
import { MiB, makeService, randomFile, rejection, sha256Hex } from './helpers';

// Without a known size and without a published checksum a download cannot be told from one that
// was cut short: such a file is *unverified* until a checksum becomes known.
const files = { '/full.iso': randomBytes(2 * MiB), '/big.iso': randomBytes(6 * MiB), '/arm.iso': randomBytes(2 * MiB) };
const sha = (path: keyof typeof files) => sha256Hex(files[path]);
let plain: LengthlessServer;
let nginx: NginxServer;
let nginxSha = '';

beforeAll(async () => {
  plain = await startLengthlessServer(files);
  nginx = await startNginx();
  nginxSha = randomFile(join(nginx.root, 'sized.iso'), 2 * MiB);
});
afterAll(async () => {
  await plain?.close();
  await nginx?.stop();
});

describe('a download whose size and checksum are unknown', () => {
  it('cut short without Content-Length, it is cached as unverified — not as a complete file', async () => {
    const { service } = makeService();
    plain.cut('/big.iso', 1 * MiB + 123);
    const art = await service.download({ url: `${plain.url}/big.iso`, kind: 'rhcos-iso', name: 'big.iso' });
    plain.cut('/big.iso', undefined);
    expect(art.size).toBe(1 * MiB + 123);
    expect(art).toMatchObject({ checkedAgainstPublished: false, sizeChecked: false });
    expect(isUnverified(art)).toBe(true);
    expect(isUnverified((await service.list()).find((a) => a.id === art.id)!)).toBe(true);
    // the same server behaviour with the whole file: still unverified, the client cannot know
    expect(isUnverified(await service.download({ url: `${plain.url}/full.iso`, kind: 'file' }))).toBe(true);
    // a server that announces the size (nginx: Content-Length) makes a complete file, though no checksum was published
    const sized = await service.download({ url: `${nginx.url}/sized.iso`, kind: 'file' });
    expect(sized).toMatchObject({ sizeChecked: true, checkedAgainstPublished: false, sha256: nginxSha });
    expect(isUnverified(sized)).toBe(false);
  });

  it('becomes verified when the technician supplies the matching sha256; a wrong file is quarantined', async () => {
    const { service, cacheDir } = makeService();
    const whole = await service.download({ url: `${plain.url}/full.iso`, kind: 'file' });
    const verified = await service.verifyChecksum(whole.id, sha('/full.iso').toUpperCase());
    expect(verified).toMatchObject({ checkedAgainstPublished: true, sha256: sha('/full.iso') });
    expect(isUnverified((await service.get(whole.id))!)).toBe(false);
    // a value that differs from the published one it already matched is refused, the file left alone
    const conflict = await rejection(service.verifyChecksum(whole.id, sha('/arm.iso')));
    expect(conflict).toMatchObject({ code: 'artifacts.checksumConflict', params: { published: sha('/full.iso'), given: sha('/arm.iso') } });
    expect(existsSync(whole.path)).toBe(true);

    plain.cut('/big.iso', 4 * MiB);
    const cut = await service.download({ url: `${plain.url}/big.iso`, kind: 'rhcos-iso', name: 'cut.iso' });
    plain.cut('/big.iso', undefined);
    const err = await rejection(service.verifyChecksum(cut.id, sha('/big.iso')));
    expect(err).toMatchObject({ code: 'artifacts.checksumMismatch', params: { expected: sha('/big.iso'), actual: cut.sha256 } });
    expect(await service.get(cut.id)).toBeUndefined();
    expect(existsSync(cut.path)).toBe(false);
    const quarantined = readdirSync(join(cacheDir, 'quarantine'));
    expect(quarantined).toEqual([expect.stringMatching(/^cut\.iso\./)]);
    expect(statSync(join(cacheDir, 'quarantine', quarantined[0]!)).size).toBe(4 * MiB);
  });

  it('is checked when a later request carries the sha256: a cut copy is quarantined and the file fetched again', async () => {
    const { service, cacheDir } = makeService();
    plain.cut('/big.iso', 2 * MiB);
    const cut = await service.download({ url: `${plain.url}/big.iso`, kind: 'rhcos-iso', name: 'later.iso' });
    plain.cut('/big.iso', undefined);
    expect(isUnverified(cut)).toBe(true);
    const before = plain.requests.length;
    const again = await service.download({ url: `${plain.url}/big.iso`, kind: 'rhcos-iso', name: 'later.iso', sha256: sha('/big.iso') });
    expect(plain.requests.length).toBe(before + 1);
    expect(again).toMatchObject({ id: cut.id, size: 6 * MiB, sha256: sha('/big.iso'), checkedAgainstPublished: true });
    expect(readdirSync(join(cacheDir, 'quarantine'))).toEqual([expect.stringMatching(/^later\.iso\./)]);
    // and a complete unverified copy is simply confirmed, without downloading again
    const whole = await service.download({ url: `${plain.url}/full.iso`, kind: 'file', name: 'confirm.iso' });
    const count = plain.requests.length;
    const confirmed = await service.download({ url: `${plain.url}/full.iso`, kind: 'file', name: 'confirm.iso', sha256: sha('/full.iso') });
    expect(plain.requests.length).toBe(count);
    expect(confirmed).toMatchObject({ id: whole.id, checkedAgainstPublished: true });
  });

  it('is checked against the RHCOS stream metadata once a stream listing its URL is loaded', async () => {
    const { service, cacheDir, dataDir } = makeService();
    const good = await service.download({ url: `${plain.url}/full.iso`, kind: 'rhcos-iso', name: 'x86.iso' });
    plain.cut('/arm.iso', 1 * MiB);
    const bad = await service.download({ url: `${plain.url}/arm.iso`, kind: 'rhcos-iso', name: 'arm.iso' });
    plain.cut('/arm.iso', undefined);
    expect([isUnverified(good), isUnverified(bad)]).toEqual([true, true]);

    const stream = JSON.parse(readFileSync(fixturePath('rhcos', 'rhcos-stream.json'), 'utf8')) as {
      architectures: Record<string, { artifacts: { metal: { formats: { iso: { disk: { location: string; sha256: string } } } } } }>;
    };
    const disk = (arch: string) => stream.architectures[arch]!.artifacts.metal.formats.iso.disk;
    Object.assign(disk('x86_64'), { location: `${plain.url}/full.iso`, sha256: sha('/full.iso') });
    Object.assign(disk('aarch64'), { location: `${plain.url}/arm.iso`, sha256: sha('/arm.iso') });
    const streamFile = join(dataDir, 'stream.json');
    writeFileSync(streamFile, JSON.stringify(stream));
    await service.loadStream({ type: 'file', path: streamFile });

    expect(await service.get(good.id)).toMatchObject({ checkedAgainstPublished: true, sha256: sha('/full.iso') });
    expect(await service.get(bad.id)).toBeUndefined();
    expect(readdirSync(join(cacheDir, 'quarantine'))).toEqual([expect.stringMatching(/^arm\.iso\./)]);
  });

  it('an index written before sizes were recorded counts only files made on this laptop as complete', async () => {
    const { service, cacheDir } = makeService();
    const local = await service.addLocalFile({ path: fixturePath('rhcos', 'rhcos-stream.json'), kind: 'stream', name: 'old-stream.json' });
    const downloaded = await service.download({ url: `${nginx.url}/sized.iso`, kind: 'file', name: 'old.iso' });
    const index = JSON.parse(readFileSync(join(cacheDir, 'index.json'), 'utf8')) as { artifacts: Record<string, unknown>[] };
    for (const entry of index.artifacts) delete entry.sizeChecked;
    writeFileSync(join(cacheDir, 'index.json'), JSON.stringify(index));
    expect(isUnverified((await service.get(local.id))!)).toBe(false);
    expect(isUnverified((await service.get(downloaded.id))!)).toBe(true);
  });
});
