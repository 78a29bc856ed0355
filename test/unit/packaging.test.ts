import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import Ajv from 'ajv';

const root = resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

describe('electron-builder.yml', () => {
  const config = parse(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

  it("is valid against electron-builder's own JSON schema", () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
    const validate = ajv.compile(schema);
    const ok = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('builds the targets the field laptops use, with native modules unpacked and fuses set', () => {
    expect((config.linux as { target: string[] }).target).toEqual(['AppImage', 'deb']);
    expect((config.mac as { target: string[] }).target).toEqual(['dmg']);
    expect((config.win as { target: string[] }).target).toEqual(['nsis']);
    expect((config.nsis as { oneClick: boolean }).oneClick).toBe(false);
    expect(config.asarUnpack).toEqual(expect.arrayContaining([expect.stringContaining('@napi-rs/keyring'), expect.stringContaining('node-pty')]));
    expect(config.electronFuses).toMatchObject({ runAsNode: false, onlyLoadAppFromAsar: true });
    expect((config.deb as { depends: string[] }).depends).toContain('libsecret-1-0');
  });

  it('packages the built main process the package.json points at', () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/electron/main.cjs');
    expect(config.files).toContain('dist/**/*');
  });
});
