import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { requirePeer } from '../../support/peers';

const profileDir = resolve(import.meta.dirname, '..', '..', '..', 'resources', 'apparmor');
const deb = readFileSync(join(profileDir, 'sno-field-kit'), 'utf8');
const appImage = readFileSync(join(profileDir, 'sno-field-kit-appimage'), 'utf8');

describe('the shipped AppArmor profiles', () => {
  it.each([
    ['sno-field-kit', deb],
    ['sno-field-kit-appimage', appImage],
  ])('%s parses with apparmor_parser (Debian package apparmor)', (name, profile) => {
    expect(
      profile
        .split('\n')
        .filter((l) => l.trim() && !l.startsWith('#'))
        .slice(0, 2),
    ).toEqual(['abi <abi/4.0>,', 'include <tunables/global>']);
    const parser = requirePeer('apparmor_parser', 'apparmor');
    // Debian 12 ships AppArmor 3.0, which knows neither ABI 4.0 nor the `userns` rule (both
    // checked above): parse the rest with the 3.0 ABI; a 4.x parser also parses the file as is.
    const variants = [profile.replace('abi <abi/4.0>,', 'abi <abi/3.0>,').replace(/^\s*userns,\n/m, '')];
    if (existsSync('/etc/apparmor.d/abi/4.0')) variants.push(profile);
    const dir = mkdtempSync(join(tmpdir(), 'sfk-apparmor-'));
    try {
      for (const [i, text] of variants.entries()) {
        const file = join(dir, `${name}-${i}`);
        writeFileSync(file, text);
        const run = spawnSync(parser, ['-Q', '-K', file], { encoding: 'utf8' });
        expect(run.stderr.split('\n').filter((l) => /error/i.test(l))).toEqual([]);
        expect(run.status).toBe(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
