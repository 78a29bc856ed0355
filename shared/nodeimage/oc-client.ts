/**
 * Finding the cluster's own `oc` for this laptop in the console's ConsoleCLIDownload objects
 * (console.openshift.io/v1, `oc-cli-downloads`, made by the console operator), and checking the
 * version the downloaded binary reports.
 */
export interface CliDownloadLink {
  href: string;
  text?: string;
}

export interface ConsoleCliDownload {
  metadata?: { name?: string };
  spec?: { displayName?: string; links?: CliDownloadLink[] };
}

/** The console operator's link text for each laptop platform (pkg/console/controllers/clidownloads). */
const PLATFORM_TEXT: Record<string, string> = {
  'linux/x64': 'Linux for x86_64',
  'linux/arm64': 'Linux for ARM 64',
  'linux/ppc64': 'Linux for IBM Power, little endian',
  'linux/s390x': 'Linux for IBM Z',
  'darwin/x64': 'Mac for x86_64',
  'darwin/arm64': 'Mac for ARM 64',
  'win32/x64': 'Windows for x86_64',
};
/** The same, by the path the operator uses (<arch>/<os>/oc.tar|zip), for renamed or older objects. */
const PLATFORM_PATH: Record<string, string> = {
  'linux/x64': '/amd64/linux/',
  'linux/arm64': '/arm64/linux/',
  'linux/ppc64': '/ppc64le/linux/',
  'linux/s390x': '/s390x/linux/',
  'darwin/x64': '/amd64/mac/',
  'darwin/arm64': '/arm64/mac/',
  'win32/x64': '/amd64/windows/',
};

export interface OcLinkChoice {
  href: string;
  text: string;
  /** tar for Linux (uncompressed), zip for macOS and Windows */
  archive: 'tar' | 'zip';
  /** The object it came from */
  source: string;
}

/** The oc download for `platform/arch` (Node's names), preferring the oc-cli-downloads object. */
export function pickOcLink(objects: ConsoleCliDownload[], platform: string, arch: string): OcLinkChoice | undefined {
  const key = `${platform}/${arch}`;
  const text = PLATFORM_TEXT[key];
  const path = PLATFORM_PATH[key];
  if (!text || !path) return undefined;
  const ordered = [...objects].sort((a, b) => rank(a) - rank(b));
  for (const o of ordered) {
    const links = o.spec?.links ?? [];
    const link = links.find((l) => l.text === `Download oc for ${text}`) ?? links.find((l) => isOcArchive(l.href) && l.href.includes(path));
    if (link) return { href: link.href, text: link.text ?? link.href, archive: /\.zip(\?|$)/.test(link.href) ? 'zip' : 'tar', source: o.metadata?.name ?? '' };
  }
  return undefined;
}

const rank = (o: ConsoleCliDownload) => (o.metadata?.name === 'oc-cli-downloads' ? 0 : /oc/i.test(o.spec?.displayName ?? '') ? 1 : 2);
const isOcArchive = (href: string) => /\/oc\.(tar|zip)(\?|$)/.test(href);

/** The platforms this laptop can be, for the "not offered for this laptop" message. */
export const supportedLaptopPlatforms = (): string[] => Object.values(PLATFORM_TEXT);

/**
 * The version `oc version --client -o json` reports: releaseClientVersion for release builds
 * ("4.18.12"), else clientVersion.gitVersion ("v4.18.0-202504…" or "4.18.0-202504…").
 */
export function parseOcVersion(jsonText: string): string | undefined {
  try {
    const doc = JSON.parse(jsonText) as { releaseClientVersion?: string; clientVersion?: { gitVersion?: string } };
    const text = doc.releaseClientVersion || doc.clientVersion?.gitVersion || '';
    return /^v?(\d+\.\d+(\.\d+)?)/.exec(text)?.[1];
  } catch {
    return /Client Version: v?(\d+\.\d+(\.\d+)?)/.exec(jsonText)?.[1];
  }
}

export type VersionVerdict = 'match' | 'older' | 'newer' | 'unknown';

/**
 * oc and the cluster should share the minor version: node-image needs an oc of 4.17 or newer, and
 * an oc older than the cluster may miss what the cluster's node-joiner expects (report.json came
 * with 4.18). A newer oc is supported one minor ahead (oc's version skew policy).
 */
export function compareOcToCluster(ocVersion: string | undefined, clusterVersion: string): { verdict: VersionVerdict; usable: boolean } {
  const oc = minorOf(ocVersion ?? '');
  const cluster = minorOf(clusterVersion);
  if (oc === undefined || cluster === undefined) return { verdict: 'unknown', usable: false };
  if (oc < 17) return { verdict: 'older', usable: false };
  if (oc === cluster) return { verdict: 'match', usable: true };
  if (oc < cluster) return { verdict: 'older', usable: false };
  return { verdict: 'newer', usable: oc - cluster <= 1 };
}

export function minorOf(version: string): number | undefined {
  const m = /^v?4\.(\d+)/.exec(version.trim());
  return m ? Number(m[1]) : undefined;
}
