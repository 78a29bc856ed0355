import { decodeDataUrl, utf8Decode } from './encoding';
import { jsonProblem } from '../parse/parse-problem';

export interface WorkerIgnInfo {
  /** ignition.version as written, e.g. "3.2.0" */
  version: string;
  /** ignition.config.merge[].source: normally https://api-int.<cluster>.<domain>:22623/config/worker */
  mergeSources: string[];
  replaceSource?: string;
  /** PEM text of each data-URL CA in ignition.security.tls.certificateAuthorities */
  caPems: string[];
  /** CA sources that are not data URLs (fetched at boot) */
  caUrls: string[];
  /** Host of the first merge source (must resolve from the new node's initramfs) */
  mergeHost?: string;
}

export type WorkerIgnVerdict = { ok: true; info: WorkerIgnInfo } | { ok: false; code: 'notJson' | 'notIgnition' | 'spec2' | 'unsupportedVersion' | 'noConfigSource'; params: Record<string, string> };

const SUPPORTED = /^3\.[0-4]\.0(-experimental)?$/;

/**
 * Reads the cluster's worker.ign (the pointer config from secret
 * openshift-machine-api/worker-user-data-managed) and says whether a current RHCOS can boot from
 * it. Spec 2.x (the unmanaged secret of clusters installed at 4.5 or earlier) is refused: RHCOS
 * 4.6+ ships Ignition v2 (spec 3) and cannot read it.
 */
export function inspectWorkerIgn(text: string): WorkerIgnVerdict {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    // Where and what, never the engine's message: it quotes the file (think of /etc/shadow picked by mistake).
    const problem = jsonProblem(text, 'worker.ign');
    return { ok: false, code: 'notJson', params: { kind: problem.kind, line: String(problem.line), column: String(problem.column) } };
  }
  const ign = obj(obj(doc)?.ignition);
  const version = typeof ign?.version === 'string' ? ign.version : undefined;
  if (!ign || !version) return { ok: false, code: 'notIgnition', params: {} };
  if (version.startsWith('2.') || version.startsWith('1.')) return { ok: false, code: 'spec2', params: { version } };
  if (!SUPPORTED.test(version)) return { ok: false, code: 'unsupportedVersion', params: { version } };
  const config = obj(ign.config);
  const mergeSources = (Array.isArray(config?.merge) ? config.merge : []).map((m) => obj(m)?.source).filter((s): s is string => typeof s === 'string' && s.length > 0);
  const replace = obj(config?.replace)?.source;
  const replaceSource = typeof replace === 'string' && replace.length > 0 ? replace : undefined;
  const cas = obj(obj(ign.security)?.tls)?.certificateAuthorities;
  const caPems: string[] = [];
  const caUrls: string[] = [];
  for (const ca of Array.isArray(cas) ? cas : []) {
    const source = obj(ca)?.source;
    if (typeof source !== 'string') continue;
    const bytes = decodeDataUrl(source);
    if (bytes) caPems.push(utf8Decode(bytes));
    else caUrls.push(source);
  }
  const storage = obj(obj(doc)?.storage);
  const hasContent = Boolean(storage && Object.keys(storage).length > 0) || Boolean(obj(obj(doc)?.systemd));
  if (mergeSources.length === 0 && !replaceSource && !hasContent) return { ok: false, code: 'noConfigSource', params: { version } };
  const first = mergeSources[0] ?? replaceSource;
  const info: WorkerIgnInfo = { version, mergeSources, caPems, caUrls };
  if (replaceSource) info.replaceSource = replaceSource;
  const host = first ? hostOf(first) : undefined;
  if (host) info.mergeHost = host;
  return { ok: true, info };
}

function hostOf(url: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(\[[^\]]+\]|[^/:?#]+)/i.exec(url);
  return m?.[1];
}

function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
