import { z } from 'zod';
import { method, event } from '../define';
import { wireErrorSchema } from '../errors';

export const artifactKindSchema = z.enum(['rhcos-iso', 'openshift-install', 'discovery-iso', 'stream', 'custom-iso', 'file', 'oc', 'node-iso']);
export type ArtifactKind = z.infer<typeof artifactKindSchema>;

export const targetArchSchema = z.enum(['x86_64', 'aarch64', 's390x', 'ppc64le']);

const sha256Schema = z
  .string()
  .regex(/^[0-9a-fA-F]{64}$/, 'sha256 must be 64 hexadecimal digits')
  .transform((s) => s.toLowerCase());

/** A verified file in the cache. `sourceUrl` is always redacted (image tokens never leave the main process). */
export const cachedArtifactSchema = z.object({
  id: z.string(),
  kind: artifactKindSchema,
  name: z.string(),
  path: z.string(),
  size: z.number(),
  sha256: z.string(),
  /** true when the sha256 was checked against a published value (stream, sha256sum.txt, the technician's) */
  checkedAgainstPublished: z.boolean(),
  /**
   * true when the file is known to be complete: the server announced its size (Content-Length or
   * Content-Range) and exactly that many bytes arrived, or it was made on this laptop. Without this
   * and without a published checksum the file is *unverified* (shared/artifacts/trust.ts).
   */
  sizeChecked: z.boolean(),
  sourceUrl: z.string(),
  version: z.string().optional(),
  arch: z.string().optional(),
  verifiedAt: z.string(),
  jobs: z.array(z.string()),
  /** openshift-install, oc: the unpacked binary */
  unpackedPath: z.string().optional(),
});
export type CachedArtifact = z.infer<typeof cachedArtifactSchema>;

export const downloadStateSchema = z.enum(['queued', 'connecting', 'downloading', 'retrying', 'paused', 'verifying', 'done', 'failed', 'cancelled']);
export type DownloadState = z.infer<typeof downloadStateSchema>;

export const downloadProgressSchema = z.object({
  /** Stable key of the download (= the id the artifact will have) */
  id: z.string(),
  name: z.string(),
  kind: artifactKindSchema,
  bytes: z.number(),
  total: z.number().optional(),
  /** bytes per second over the last few seconds */
  rate: z.number(),
  /** seconds left */
  eta: z.number().optional(),
  state: downloadStateSchema,
  attempt: z.number().optional(),
  /** next retry in ms (state retrying) */
  retryInMs: z.number().optional(),
  /** discovery ISO URL expiry, as the Assisted service reported it */
  expiresAt: z.string().optional(),
  sourceUrl: z.string(),
  error: wireErrorSchema.optional(),
});
export type DownloadProgress = z.infer<typeof downloadProgressSchema>;

export const diskUseSchema = z.object({
  cacheDir: z.string(),
  /** bytes in verified files */
  used: z.number(),
  /** bytes in unfinished .part files */
  partial: z.number(),
  /** free bytes on the cache's file system */
  free: z.number(),
});

export const streamSourceSchema = z.discriminatedUnion('type', [
  /** ConfigMap openshift-machine-config-operator/coreos-bootimages key `stream`, read with the kubeconfig */
  z.object({ type: z.literal('cluster'), kubeconfigPath: z.string().optional(), context: z.string().optional() }),
  /** `openshift-install coreos print-stream-json` of a cached installer (the newest, or the given version) */
  z.object({ type: z.literal('installer'), version: z.string().optional() }),
  z.object({ type: z.literal('file'), path: z.string().min(1) }),
]);
export type StreamSource = z.infer<typeof streamSourceSchema>;

export const streamSummarySchema = z.object({
  stream: z.string(),
  release: z.string(),
  arches: z.array(z.object({ arch: targetArchSchema, release: z.string(), isoUrl: z.string(), sha256: z.string() })),
  artifactId: z.string(),
});

export const bundleStepSchema = z.enum(['installer', 'stream', 'iso']);
export const bundleStateSchema = z.enum(['running', 'paused', 'done', 'failed', 'cancelled']);

export const bundleProgressSchema = z.object({
  bundleId: z.string(),
  state: bundleStateSchema,
  step: bundleStepSchema,
  /** 1-based */
  stepIndex: z.number(),
  steps: z.number(),
  /** combined over every file of the bundle */
  bytes: z.number(),
  total: z.number().optional(),
  rate: z.number(),
  eta: z.number().optional(),
  version: z.string().optional(),
  arch: targetArchSchema,
  release: z.string().optional(),
  artifacts: z.array(z.string()),
  error: wireErrorSchema.optional(),
});
export type BundleProgress = z.infer<typeof bundleProgressSchema>;

export const artifactsSettingsSchema = z.object({
  /** Base of the OpenShift mirror, e.g. https://mirror.openshift.com/pub/openshift-v4 (client tools under clients/ocp/<version>/) */
  mirrorBaseUrl: z.url({ protocol: /^https?$/ }),
  /** Optional: fetch RHCOS ISOs from this folder instead of the stream's host (disconnected mirrors); empty = as in the stream */
  rhcosBaseUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]),
  /** Optional PEM bundle of extra CA certificates trusted for downloads (private mirror CAs); empty = none */
  caBundlePath: z.string(),
});
export type ArtifactsSettings = z.infer<typeof artifactsSettingsSchema>;

const idInput = z.object({ id: z.string().min(1) });

export const artifactsMethods = {
  'artifacts.list': method(z.void(), z.object({ artifacts: z.array(cachedArtifactSchema), diskUse: diskUseSchema })),
  /** Running, paused and unfinished downloads (unfinished .part files found on disk appear as paused) */
  'artifacts.active': method(z.void(), z.array(downloadProgressSchema)),
  /** Starts (or joins) a download of any URL; progress arrives as artifacts.progress events. */
  'artifacts.download': method(
    z.object({
      url: z.url({ protocol: /^https?$/ }),
      sha256: sha256Schema.optional(),
      kind: artifactKindSchema.default('file'),
      name: z.string().max(200).optional(),
      version: z.string().max(100).optional(),
      arch: z.string().max(20).optional(),
      jobId: z.string().optional(),
    }),
    z.object({ id: z.string() }),
  ),
  'artifacts.pause': method(idInput, z.object({ ok: z.boolean() })),
  'artifacts.resume': method(idInput, z.object({ ok: z.boolean() })),
  'artifacts.cancel': method(idInput, z.object({ ok: z.boolean() })),
  /** Hashes the cached file again; a mismatch quarantines it and fails with both hashes. */
  'artifacts.reverify': method(idInput, cachedArtifactSchema),
  /**
   * The technician supplies the published sha256 of a cached file not yet checked against one: the
   * file is hashed; a match marks it verified, a mismatch quarantines it and fails with both hashes.
   */
  'artifacts.verifyChecksum': method(z.object({ id: z.string().min(1), sha256: sha256Schema }), cachedArtifactSchema),
  'artifacts.remove': method(idInput, z.object({ removed: z.boolean() })),
  /** Opens the folder in the file manager (desktop app); the browser host answers opened:false and the page shows the path. */
  'artifacts.openFolder': method(z.object({ id: z.string().optional() }), z.object({ opened: z.boolean(), path: z.string() })),
  'artifacts.loadStream': method(z.object({ source: streamSourceSchema, jobId: z.string().optional() }), streamSummarySchema),
  /** Fetches openshift-install, the stream metadata and the RHCOS ISO for one site visit. */
  'artifacts.prepareSite': method(
    z.object({
      versionOrChannel: z.string().min(1).max(40),
      arch: targetArchSchema,
      streamSource: streamSourceSchema.optional(),
      jobId: z.string().optional(),
    }),
    z.object({ bundleId: z.string() }),
  ),
  'artifacts.bundles': method(z.void(), z.array(bundleProgressSchema)),
  'artifacts.getSettings': method(z.void(), artifactsSettingsSchema),
  'artifacts.updateSettings': method(artifactsSettingsSchema.partial(), artifactsSettingsSchema),
};

export const artifactsEvents = {
  'artifacts.progress': event(downloadProgressSchema),
  'artifacts.bundleProgress': event(bundleProgressSchema),
  /** The list of cached files changed (added, removed, quarantined) */
  'artifacts.changed': event(z.object({ id: z.string().optional() })),
};
