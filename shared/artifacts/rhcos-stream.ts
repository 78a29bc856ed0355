/**
 * RHCOS / CoreOS stream metadata (the JSON `openshift-install coreos print-stream-json` prints and the
 * cluster keeps in ConfigMap openshift-machine-config-operator/coreos-bootimages, key `stream`).
 * Schema: coreos/stream-metadata-go `stream/stream.go`. We parse the structure and never match file
 * names: names changed between releases (4.16 `…-live.x86_64.iso`, 4.21 `…-live-iso.x86_64.iso`).
 */
import { parseUrl } from '../url';
import { parseJson } from '../parse/parse-problem';

export const STREAM_ARCHES = ['x86_64', 'aarch64', 's390x', 'ppc64le'] as const;
export type StreamArch = (typeof STREAM_ARCHES)[number];

export interface StreamArtifactRef {
  location: string;
  sha256: string;
}

export interface ParsedStreamArch {
  /** RHCOS build, e.g. 9.6.20251212-1 (artifacts.metal.release) */
  release: string;
  iso: StreamArtifactRef;
}

export interface ParsedStream {
  /** Stream name, e.g. rhcos-4.21 */
  stream: string;
  /** Build of the first architecture that has a live ISO (all arches share one build in practice) */
  release: string;
  lastModified?: string;
  arches: Partial<Record<StreamArch, ParsedStreamArch>>;
}

export class StreamParseError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'StreamParseError';
  }
}

const SHA256 = /^[0-9a-f]{64}$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Parses a stream document (JSON text or an already parsed value). Text that is not JSON throws a
 * ParseError naming `file`, line, column and kind; a document of the wrong shape throws
 * StreamParseError with a plain reason.
 */
export function parseStream(input: string | unknown, file = 'stream.json'): ParsedStream {
  const doc: unknown = typeof input === 'string' ? parseJson(input, file) : input;
  if (!isObject(doc)) throw new StreamParseError('the document is not a JSON object');
  if (typeof doc.stream !== 'string' || !doc.stream) throw new StreamParseError('the "stream" name is missing');
  if (!isObject(doc.architectures)) throw new StreamParseError('"architectures" is missing');
  const arches: ParsedStream['arches'] = {};
  for (const arch of STREAM_ARCHES) {
    const a = doc.architectures[arch];
    if (a === undefined) continue;
    if (!isObject(a) || !isObject(a.artifacts)) throw new StreamParseError(`architecture ${arch} has no "artifacts"`);
    const metal = a.artifacts.metal;
    if (metal === undefined) continue; // cloud-only architecture entry: no live ISO to offer
    if (!isObject(metal) || typeof metal.release !== 'string' || !isObject(metal.formats)) {
      throw new StreamParseError(`architecture ${arch}: "artifacts.metal" is malformed`);
    }
    const iso = metal.formats.iso;
    if (iso === undefined) continue;
    const disk = isObject(iso) ? iso.disk : undefined;
    if (!isObject(disk) || typeof disk.location !== 'string' || typeof disk.sha256 !== 'string') {
      throw new StreamParseError(`architecture ${arch}: "formats.iso.disk" needs "location" and "sha256"`);
    }
    const url = parseUrl(disk.location);
    if (!url || !/^https?:$/.test(url.protocol)) throw new StreamParseError(`architecture ${arch}: ISO location is not an http(s) URL`);
    const sha = disk.sha256.toLowerCase();
    if (!SHA256.test(sha)) throw new StreamParseError(`architecture ${arch}: ISO sha256 is not 64 hex digits`);
    arches[arch] = { release: metal.release, iso: { location: disk.location, sha256: sha } };
  }
  const first = STREAM_ARCHES.map((k) => arches[k]).find((a) => a !== undefined);
  if (!first) throw new StreamParseError('no architecture has a live ISO (architectures.<arch>.artifacts.metal.formats.iso)');
  const meta = isObject(doc.metadata) ? doc.metadata : {};
  const parsed: ParsedStream = { stream: doc.stream, release: first.release, arches };
  if (typeof meta['last-modified'] === 'string') parsed.lastModified = meta['last-modified'];
  return parsed;
}

export function isStreamArch(v: string): v is StreamArch {
  return (STREAM_ARCHES as readonly string[]).includes(v);
}

/** The last path segment of a URL, used as the cached file name. */
export function fileNameFromUrl(location: string): string {
  const url = parseUrl(location);
  const path = url ? url.pathname : location;
  const last = decodeURIComponent(path.split('/').filter(Boolean).pop() ?? '');
  return safeFileName(last) || 'download';
}

/** Strips path separators and control characters so a name can never escape the cache folder. */
export function safeFileName(name: string): string {
  return (
    name
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f/\\:*?"<>|]/g, '_')
      .replace(/^\.+/, '_')
      .slice(0, 200)
  );
}
