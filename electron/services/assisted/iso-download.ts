/** What the workflow needs from a downloader: the artifact engine's `download` matches it (INTERFACES.md). */
export interface IsoDownloadRequest {
  url: string;
  kind: 'discovery-iso';
  name: string;
  version?: string;
  arch?: string;
  jobId?: string;
  refreshUrl?: () => Promise<{ url: string; expiresAt?: string }>;
}

export interface DownloadedIso {
  id?: string;
  path: string;
  size: number;
  sha256: string;
}

export type IsoDownloader = (req: IsoDownloadRequest, onProgress?: (bytes: number, total?: number) => void) => Promise<DownloadedIso>;
