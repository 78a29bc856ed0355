import type { ArtifactKind, CachedArtifact, DownloadProgress } from '../../../shared/api/domains/artifacts';
import type { KnownChecksum } from './late-checksum';

/**
 * What the helpers around the cache (stream metadata, the installer, site bundles) need from it.
 * They depend on these interfaces, never on ArtifactService itself, so the service can use them
 * without an import cycle.
 */

export interface DownloadRequest {
  url: string;
  sha256?: string;
  kind: ArtifactKind;
  /** File name in the cache; default: the URL's last path segment */
  name?: string;
  version?: string;
  arch?: string;
  jobId?: string;
  /** Download again even when a verified copy is cached */
  force?: boolean;
  /** Discovery ISO: called right before each attempt and again after a 403/expiry */
  refreshUrl?: () => Promise<{ url: string; expiresAt?: string }>;
  /** Extra CA certificates (PEM) for this download only, e.g. the cluster's ingress CA for its own downloads route */
  ca?: string[];
}

export interface AddLocalFileRequest {
  path: string;
  kind: ArtifactKind;
  name?: string;
  version?: string;
  arch?: string;
  jobId?: string;
  /** Move the file into the cache instead of copying it */
  move?: boolean;
  /** Where it came from, for the cache list (default: the file path) */
  sourceLabel?: string;
}

/** The verified cache: files in, entries out. */
export interface ArtifactStore {
  cacheDir(): string;
  list(): Promise<CachedArtifact[]>;
  download(req: DownloadRequest): Promise<CachedArtifact>;
  addLocalFile(req: AddLocalFileRequest): Promise<CachedArtifact>;
  /** Records extra facts about a cached entry (the unpacked installer binary). */
  update(artifact: CachedArtifact): Promise<void>;
  remove(id: string): Promise<boolean>;
  applyKnownChecksums(known: KnownChecksum[]): Promise<void>;
}

/** Running downloads, as a site bundle drives them one after another. */
export interface DownloadQueue extends ArtifactStore {
  subscribe(listener: (p: DownloadProgress) => void): () => void;
  pause(id: string): boolean;
  resume(id: string): Promise<boolean>;
  cancel(id: string): Promise<boolean>;
  fetchInstaller(versionOrChannel: string, jobId?: string, onResolved?: (info: { version: string; fileName: string }) => void): Promise<CachedArtifact>;
}
