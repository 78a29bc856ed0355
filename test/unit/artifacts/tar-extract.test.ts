import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { create, WriteEntry } from 'tar';
import { extractFileFromTar, extractFileFromTarGz } from '../../../electron/services/artifacts/tar-extract';

/**
 * The one-member extraction used for openshift-install (.tar.gz) and the console's oc (.tar): the
 * archive decides nothing about where we write, links and climbing paths are never taken, and a
 * damaged archive leaves nothing behind.
 */
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tar-extract-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const binary = new Uint8Array(70_000).map((_, i) => (i * 7) % 251);

async function archive(name: string, list: WriteEntry[], gzip = false): Promise<string> {
  const bytes = new Uint8Array(await new Response(create({ preservePaths: true }, list)).arrayBuffer());
  const path = join(dir, name);
  writeFileSync(path, gzip ? gzipSync(bytes) : bytes);
  return path;
}

const file = (path: string, body: Uint8Array | string = binary) => new WriteEntry({ path, mode: 0o644 }, body);
const link = (path: string, type: 'SymbolicLink' | 'Link', linkpath: string) => new WriteEntry({ path, type, linkpath });

describe('extractFileFromTarGz', () => {
  it('takes the member from a .tar.gz (README first, as the real archive has it) and makes it executable', async () => {
    const src = await archive('openshift-install-linux.tar.gz', [file('README.md', 'read me'), file('openshift-install')], true);
    const dest = join(dir, 'out', '4.16.3', 'openshift-install');
    expect(await extractFileFromTarGz(src, 'openshift-install', dest)).toBe(binary.length);
    expect(Buffer.from(readFileSync(dest)).equals(Buffer.from(binary))).toBe(true);
    expect(statSync(dest).mode & 0o777).toBe(0o755);
    expect(readdirSync(join(dir, 'out', '4.16.3'))).toEqual(['openshift-install']);
  });

  it('reads a plain .tar (oc.tar) and a member below a folder or written as ./oc', async () => {
    const nested = await archive('oc.tar', [file('bin/'.concat('oc'))]);
    expect(await extractFileFromTar(nested, 'oc', join(dir, 'a', 'oc'))).toBe(binary.length);
    const dotted = await archive('oc2.tar', [file('./oc', 'x')]);
    expect(await extractFileFromTar(dotted, 'oc', join(dir, 'b', 'oc'))).toBe(1);
  });

  it('skips a symbolic or hard link named like the member and takes the regular file after it', async () => {
    const src = await archive('links.tar', [link('oc', 'SymbolicLink', '/etc/passwd'), link('bin/oc', 'Link', 'README'), file('oc')]);
    const dest = join(dir, 'out', 'oc');
    expect(await extractFileFromTar(src, 'oc', dest)).toBe(binary.length);
    expect(Buffer.from(readFileSync(dest)).equals(Buffer.from(binary))).toBe(true);
  });

  it('a link alone is "not in the archive", and nothing is written', async () => {
    const src = await archive('only-link.tar', [link('oc', 'SymbolicLink', '/etc/passwd')]);
    const dest = join(dir, 'out', 'oc');
    await expect(extractFileFromTar(src, 'oc', dest)).rejects.toThrow('oc is not in the archive');
    expect(readdirSync(join(dir, 'out'))).toEqual([]);
  });

  it('never takes a member whose path climbs out (..) or is absolute, and writes only the destination', async () => {
    const src = await archive('climb.tar', [file('../../oc'), file('/tmp/oc'), file('a/../oc')]);
    const dest = join(dir, 'out', 'oc');
    await expect(extractFileFromTar(src, 'oc', dest)).rejects.toThrow('oc is not in the archive');
    expect(readdirSync(dir).sort()).toEqual(['climb.tar', 'out']);
    expect(readdirSync(join(dir, 'out'))).toEqual([]);
  });

  it('refuses a truncated archive and leaves neither the file nor its temporary sibling', async () => {
    const whole = readFileSync(await archive('whole.tar', [file('oc')]));
    const cut = join(dir, 'cut.tar');
    writeFileSync(cut, whole.subarray(0, 512 + 30_000));
    const dest = join(dir, 'out', 'oc');
    await expect(extractFileFromTar(cut, 'oc', dest)).rejects.toThrow('oc is truncated');
    expect(existsSync(dest)).toBe(false);
    expect(readdirSync(join(dir, 'out'))).toEqual([]);
  });

  it('refuses something that is not an archive', async () => {
    const junk = join(dir, 'junk.tar.gz');
    writeFileSync(junk, gzipSync(Buffer.from('this is not a tar archive at all'.repeat(40))));
    await expect(extractFileFromTarGz(junk, 'openshift-install', join(dir, 'out', 'openshift-install'))).rejects.toThrow();
    expect(readdirSync(join(dir, 'out'))).toEqual([]);
  });
});
