import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import Ajv from 'ajv';
import { APP_ID, DATA_FOLDER_NAME, KEYCHAIN_SERVICE } from '../../shared/app-identity';
import { defaultDataDir } from '../../electron/services/paths';

const root = resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

type Config = Record<string, unknown> & {
  appId: string;
  productName: string;
  extraResources: { from: string; to: string; filter?: string[] }[];
  linux: { executableName: string; executableArgs?: string[]; target: string[] };
  deb: { appArmorProfile?: string; depends: string[] };
};

describe('electron-builder.yml', () => {
  const text = readFileSync(resolve(root, 'electron-builder.yml'), 'utf8');
  const config = parse(text) as Config;

  it("is valid against electron-builder's own JSON schema", () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
    const validate = ajv.compile(schema);
    const ok = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('builds the targets the field laptops use, with native modules unpacked and fuses set', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect((config.mac as { target: string[] }).target).toEqual(['dmg']);
    expect((config.win as { target: string[] }).target).toEqual(['nsis']);
    expect((config.nsis as { oneClick: boolean }).oneClick).toBe(false);
    expect(config.asarUnpack).toEqual(expect.arrayContaining([expect.stringContaining('@napi-rs/keyring'), expect.stringContaining('@napi-rs/lzma'), expect.stringContaining('node-pty')]));
    expect(config.electronFuses).toMatchObject({ runAsNode: false, onlyLoadAppFromAsar: true });
    expect(config.deb.depends).toContain('libsecret-1-0');
  });

  it('packages the built main process the package.json points at', () => {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/electron/main.cjs');
    expect(config.files).toContain('dist/**/*');
  });

  it("never turns Chromium's sandbox off, for any target (the app has a terminal)", () => {
    expect(text).not.toMatch(/no-sandbox|disable-setuid-sandbox|no-zygote/);
    const args = JSON.stringify(config).match(/"executableArgs":\[[^\]]*\]/g) ?? [];
    expect(args.filter((a) => a.includes('sandbox'))).toEqual([]);
    expect(config.linux.executableArgs).toBeUndefined();
  });

  it("uses our own app id, not a vendor's namespace, and the same one the main process sets", () => {
    expect(config.appId).toBe(APP_ID);
    expect(config.appId).not.toMatch(/^com\.redhat\.|^com\.openshift\.|^io\.openshift\./);
    expect(config.appId).toMatch(/^[a-z][a-z0-9]*(\.[a-z][a-z0-9-]*){2,}$/);
    expect(readFileSync(resolve(root, 'electron', 'main.ts'), 'utf8')).toMatch(/setAppUserModelId\(APP_ID\)/);
  });

  it('keeps the data folder and the keychain service of earlier versions (they never derived from the app id)', () => {
    expect(DATA_FOLDER_NAME).toBe('sno-field-kit');
    expect(KEYCHAIN_SERVICE).toBe('sno-field-kit');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/home/t/.config' }, 'linux')).toBe('/home/t/.config/sno-field-kit');
    expect(readFileSync(resolve(root, 'electron', 'app', 'composition.ts'), 'utf8')).toMatch(/openSecretStore\(options\.practiceMode \? `\$\{KEYCHAIN_SERVICE\}-practice` : KEYCHAIN_SERVICE\)/);
    // The Windows uninstall key stays the one the first installers wrote, so upgrades replace in place.
    expect((config.nsis as { guid?: string }).guid).toBe('9f2c52ff-04b3-5f32-88f5-ffdf8488e3d1');
  });
});

describe('AppArmor profiles (Ubuntu 24.04+: user namespaces for the sandbox, instead of --no-sandbox)', () => {
  const config = parse(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as Config;
  const profileDir = resolve(root, 'resources', 'apparmor');
  const deb = readFileSync(join(profileDir, 'sno-field-kit'), 'utf8');
  const appImage = readFileSync(join(profileDir, 'sno-field-kit-appimage'), 'utf8');
  const attachment = (profile: string) => /^profile\s+(\S+)\s+("[^"]+"|\S+)\s+flags=\(unconfined\)\s*\{$/m.exec(profile);

  it('ships both profiles with the app (extraResources), and the deb installs its own', () => {
    const shipped = config.extraResources.find((r) => r.from === 'resources');
    expect(shipped).toMatchObject({ to: 'resources', filter: ['**/*'] });
    expect(config.deb.appArmorProfile).toBe('resources/apparmor/sno-field-kit');
  });

  it('the deb profile attaches to the binary the deb installs, and grants user namespaces only', () => {
    // electron-builder installs the deb under /opt/<productName>/<executableName>
    const binary = `/opt/${config.productName}/${config.linux.executableName}`;
    const m = attachment(deb);
    expect(m?.[1]).toBe('sno-field-kit');
    expect(m?.[2]).toBe(`"${binary}"`);
    expect(rules(deb)).toEqual(['userns,', 'include if exists <local/sno-field-kit>']);
  });

  it('the AppImage profile attaches to the root-owned place docs/packaging.md installs it to', () => {
    const m = attachment(appImage);
    expect(m?.[1]).toBe('sno-field-kit-appimage');
    const path = m![2]!;
    expect(path).toBe('/opt/sno-field-kit/sno-field-kit.AppImage');
    expect(rules(appImage)).toEqual(['userns,', 'include if exists <local/sno-field-kit-appimage>']);
    const doc = readFileSync(resolve(root, 'docs', 'packaging.md'), 'utf8');
    expect(doc).toContain(`sudo install -D -o root -g root -m 0755 sno-field-kit-*.AppImage ${path}`);
    expect(doc).toContain('/etc/apparmor.d/sno-field-kit-appimage');
  });
});

/** The rules inside the profile block, comments and blank lines left out. */
function rules(profile: string): string[] {
  const body = profile.slice(profile.indexOf('{') + 1, profile.lastIndexOf('}'));
  return body
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}
