import { base64DataUrl, textDataUrl, utf8Encode } from './encoding';

/** How the per-node config reaches the cluster's worker.ign at first boot. */
export type WorkerIgnSource =
  /** Served over HTTP(S) (e.g. by the app's Ignition server); the hash pins the exact bytes */
  | { url: string; sha512: string }
  /** Embedded as a base64 data URL: no web server needed at first boot */
  | { inline: string };

export interface ExtraFile {
  path: string;
  contents: string;
  /** Decimal, as Ignition wants it (420 = 0644). Default 420. */
  mode?: number;
}

export interface NodeIgnitionInput {
  workerIgn: WorkerIgnSource;
  hostname: string;
  files?: ExtraFile[];
}

export const NODE_IGNITION_VERSION = '3.2.0';
const SHA512_HEX = /^[0-9a-f]{128}$/;

/**
 * The per-node Ignition config ("new-worker.ign"), spec 3.2.0 so every RHCOS since 4.6 and Debian's
 * ignition-validate accept it: one `ignition.config.merge` entry for the cluster's worker.ign and
 * /etc/hostname (mode 420, overwrite). Keys are written in a fixed order and each exactly once,
 * so the same input always gives the same bytes (and the same hash to type on the node).
 */
export function buildNodeIgnition(input: NodeIgnitionInput): string {
  const merge =
    'inline' in input.workerIgn
      ? { source: base64DataUrl(utf8Encode(input.workerIgn.inline)) }
      : { source: input.workerIgn.url, verification: { hash: `sha512-${checkedSha512(input.workerIgn.sha512)}` } };
  const files = [
    { path: '/etc/hostname', contents: { source: textDataUrl(input.hostname) }, mode: 420, overwrite: true },
    ...(input.files ?? [])
      .filter((f) => f.path !== '/etc/hostname')
      .sort((a, b) => a.path.localeCompare(b.path))
      .map((f) => ({ path: f.path, contents: { source: base64DataUrl(utf8Encode(f.contents)) }, mode: f.mode ?? 420, overwrite: true })),
  ];
  const config = {
    ignition: { config: { merge: [merge] }, version: NODE_IGNITION_VERSION },
    storage: { files },
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** Ignition compares the digest as lower-case hex at boot: upper case would validate but fail on the node. */
function checkedSha512(hex: string): string {
  const lower = hex.toLowerCase();
  if (!SHA512_HEX.test(lower)) throw new Error('sha512 must be 128 hexadecimal characters');
  return lower;
}
