/**
 * Where openshift-install lives on a mirror's client folder and how to check it. Layout made by
 * `oc adm release extract --tools` (openshift/oc `extract_tools.go`): versioned archives
 * `openshift-install-{linux,linux-arm64,mac,mac-arm64}-<version>.tar.gz` and a `sha256sum.txt` with
 * `<64 hex>  <basename>` lines. Channel folders (latest-4.15, stable-4.16, …) hold the same layout.
 */

export type HostPlatform = 'linux' | 'darwin' | 'win32' | string;
export type HostArch = 'x64' | 'arm64' | string;

const VERSION = /^4\.\d{1,2}\.\d{1,3}(?:-[0-9A-Za-z.]+)?$/;
const CHANNEL = /^(?:(?:latest|stable|fast|candidate)(?:-4\.\d{1,2})?)$/;

export type ClientDirRequest = { kind: 'version' | 'channel'; dir: string };

/** Accepts "4.16.3", "latest-4.15", "stable-4.16", "fast-4.17", "candidate-4.18", "stable", "latest". */
export function parseVersionOrChannel(input: string): ClientDirRequest | null {
  const v = input.trim();
  if (VERSION.test(v)) return { kind: 'version', dir: v };
  if (CHANNEL.test(v)) return { kind: 'channel', dir: v };
  return null;
}

/** The archive base name for the laptop's own platform, or null when none is published (Windows). */
export function installerArchivePrefix(platform: HostPlatform, arch: HostArch): string | null {
  if (platform === 'linux') return arch === 'arm64' ? 'openshift-install-linux-arm64' : 'openshift-install-linux';
  if (platform === 'darwin') return arch === 'arm64' ? 'openshift-install-mac-arm64' : 'openshift-install-mac';
  return null;
}

/** Parses sha256sum.txt into basename -> lowercase sha256; malformed lines are reported, not guessed. */
export function parseSha256Sums(text: string): { sums: Map<string, string>; badLines: number[] } {
  const sums = new Map<string, string>();
  const badLines: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    // GNU format: hash, two spaces (or space + '*' for binary mode), file name
    const m = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(line);
    if (!m) {
      badLines.push(i + 1);
      return;
    }
    sums.set(m[2]!.replace(/^\.\//, ''), m[1]!.toLowerCase());
  });
  return { sums, badLines };
}

export interface InstallerChoice {
  fileName: string;
  version: string;
  sha256: string;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Picks the versioned archive for this platform from sha256sum.txt. The prefix match is exact
 * (`openshift-install-linux-4…` must not pick `openshift-install-linux-arm64-4…`).
 */
export function pickInstallerArchive(sums: Map<string, string>, prefix: string): InstallerChoice | null {
  const re = new RegExp(`^${escapeRe(prefix)}-(4\\.\\d+\\.\\d+(?:-[0-9A-Za-z.]+)?)\\.tar\\.gz$`);
  for (const [fileName, sha256] of sums) {
    const m = re.exec(fileName);
    if (m) return { fileName, version: m[1]!, sha256 };
  }
  return null;
}

export function joinUrl(base: string, ...parts: string[]): string {
  let out = base.replace(/\/+$/, '');
  for (const p of parts) out += `/${p.replace(/^\/+|\/+$/g, '')}`;
  return out;
}

/** `<mirror>/clients/ocp/<dir>/` — the x86_64 host-tools folder that also carries the arm64/mac archives. */
export function clientDirUrl(mirrorBase: string, dir: string): string {
  return `${joinUrl(mirrorBase, 'clients', 'ocp', dir)}/`;
}
