import type { NodeIso } from '../../../shared/api/domains/nodeimage';
import { expiryOf } from '../../../shared/nodeimage/expiry';
import type { ArtifactService } from '../artifacts/artifact-service';

export interface IsoIntoCacheInput {
  artifacts: ArtifactService;
  jobId: string;
  /** node.<arch>.iso in the job's --dir; moved, not copied, when the cache is on the same disk */
  file: string;
  arch?: string;
  clusterVersion: string;
  /** When the run started: the token inside is at most this old, so the countdown never runs late */
  createdAt: string;
  /** The cluster it was made for (API host), shown as the cache entry's source */
  source: string;
}

/** Registers the ISO oc made in the artifact cache (hashed, listed, handed to the USB writer) with its token expiry. */
export async function isoIntoCache(i: IsoIntoCacheInput): Promise<NodeIso> {
  const name = `node-${i.jobId}.${i.arch ?? 'x86_64'}.iso`;
  const artifact = await i.artifacts.addLocalFile({
    path: i.file,
    kind: 'node-iso',
    name,
    version: i.clusterVersion,
    ...(i.arch ? { arch: i.arch } : {}),
    jobId: i.jobId,
    move: true,
    sourceLabel: `oc adm node-image create (${i.source})`,
  });
  return {
    artifactId: artifact.id,
    path: artifact.path,
    name: artifact.name,
    sha256: artifact.sha256,
    size: artifact.size,
    ...(i.arch ? { arch: i.arch } : {}),
    createdAt: i.createdAt,
    expiresAt: expiryOf(i.createdAt, Date.parse(i.createdAt)).expiresAt,
  };
}
