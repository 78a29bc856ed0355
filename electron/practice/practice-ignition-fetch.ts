import { createHash } from 'node:crypto';
import { localAddresses } from '../services/manual/ignition-server';

/**
 * What a practice machine does at first boot with the config URL coreos-installer gave it, as
 * Ignition does: fetch the node config, check it is a spec-3 Ignition config, then fetch each
 * merged config served from the same server and check its sha512 against `verification.hash`.
 * Merged sources elsewhere (the Machine Config Server on api-int:22623) are the practice
 * cluster's own and are not fetched. Only addresses of this computer are ever contacted.
 */
export interface FetchedIgnition {
  version: string;
  /** The merged configs fetched from our server (URLs) */
  merged: string[];
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export class PracticeFetchError extends Error {}

export async function fetchNodeIgnition(url: string, fetchImpl: typeof fetch = fetch): Promise<FetchedIgnition> {
  const origin = localOrigin(url);
  const node = await getIgnition(url, fetchImpl);
  const merged: string[] = [];
  for (const m of (node.config.ignition?.config?.merge ?? []) as Json[]) {
    const source = String(m.source ?? '');
    if (!source.startsWith('http') || new URL(source).origin !== origin) continue;
    const part = await getIgnition(source, fetchImpl);
    const hash = String(m.verification?.hash ?? '');
    if (hash && hash !== `sha512-${createHash('sha512').update(part.bytes).digest('hex')}`) throw new PracticeFetchError(`${source}: sha512 does not match verification.hash`);
    merged.push(source);
  }
  return { version: node.version, merged };
}

/** http://<an address of this computer>:<port>: the only kind of URL a practice machine fetches. */
function localOrigin(url: string): string {
  const u = new URL(url);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (u.protocol !== 'http:' || !localAddresses().some((a) => a.address === host)) throw new PracticeFetchError(`${url} is not served by this computer`);
  return u.origin;
}

async function getIgnition(url: string, fetchImpl: typeof fetch): Promise<{ config: Json; version: string; bytes: Buffer }> {
  const res = await fetchImpl(url, { signal: AbortSignal.timeout(10_000) });
  if (!res.ok) throw new PracticeFetchError(`${url}: HTTP ${res.status}`);
  const bytes = Buffer.from(await res.arrayBuffer());
  let config: Json;
  try {
    config = JSON.parse(bytes.toString('utf8')) as Json;
  } catch {
    throw new PracticeFetchError(`${url}: not JSON`);
  }
  const version = config?.ignition?.version;
  if (typeof version !== 'string' || !version.startsWith('3.')) throw new PracticeFetchError(`${url}: no spec-3 ignition.version`);
  return { config, version, bytes };
}
