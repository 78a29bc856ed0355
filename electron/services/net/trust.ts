import { readFileSync, statSync } from 'node:fs';
import tls from 'node:tls';
import { AppError } from '../../../shared/api/errors';

/**
 * Which certificate authorities a connection trusts: Node's bundled Mozilla roots, the operating
 * system's store, and the extra CA bundle from Settings (a site's private mirror or proxy CA).
 *
 * The OS store comes from `tls.getCACertificates('system')` (Node 22.15+; the node in
 * node_modules/.bin is 22.23 and has it). An older runtime (an older Electron's Node) has no such
 * function: then only the bundled roots and the extra bundle are trusted, and a site CA that lives
 * only in the OS store must be added as the extra bundle.
 */
type CaSource = (kind: 'system' | 'bundled') => string[];
const getCaCertificates = (tls as unknown as { getCACertificates?: CaSource }).getCACertificates;

let systemCache: string[] | undefined;

export function systemCertificates(): string[] {
  if (systemCache) return systemCache;
  try {
    systemCache = getCaCertificates ? getCaCertificates('system') : [];
  } catch {
    systemCache = []; // no readable OS store (minimal containers): the bundled roots still apply
  }
  return systemCache;
}

/** Bundled + OS + extra, without duplicates (a PEM listed twice costs a parse per connection). */
export function trustedCertificates(extra: readonly string[] = []): string[] {
  return [...new Set([...tls.rootCertificates, ...systemCertificates(), ...extra])];
}

const bundleCache = new Map<string, { mtimeMs: number; pem: string }>();

/**
 * Reads the extra CA bundle (PEM) named in Settings; re-read when the file changes. A missing or
 * unreadable file is an error the technician can act on, not a silent fall-back to fewer CAs.
 */
export function readCaBundle(path: string): string[] {
  if (!path) return [];
  try {
    const { mtimeMs } = statSync(path);
    const cached = bundleCache.get(path);
    if (cached && cached.mtimeMs === mtimeMs) return [cached.pem];
    const pem = readFileSync(path, 'utf8');
    bundleCache.set(path, { mtimeMs, pem });
    return [pem];
  } catch {
    throw new AppError('artifacts.localFileMissing', { path });
  }
}
