import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import { AppError } from '../../../shared/api/errors';
import type { OcInfo } from '../../../shared/api/domains/nodeimage';
import { compareOcToCluster, parseOcVersion, pickOcLink, type ConsoleCliDownload, type OcLinkChoice } from '../../../shared/nodeimage/oc-client';
import type { KubeAccess } from '../cluster/kube-access';
import type { ArtifactService } from '../artifacts/artifact-service';
import { extractFileFromTar } from '../artifacts/tar-extract';
import { extractFileFromZip } from '../artifacts/zip-extract';

const CLI_DOWNLOADS = '/apis/console.openshift.io/v1/consoleclidownloads';

/** The cluster's ConsoleCLIDownload objects (console.openshift.io/v1); none when the console is not installed. */
export async function listCliDownloads(access: KubeAccess): Promise<ConsoleCliDownload[]> {
  try {
    const list = await access.getResource<{ items?: ConsoleCliDownload[] }>(CLI_DOWNLOADS);
    return list.items ?? [];
  } catch (err) {
    if (err instanceof AppError && err.code === 'cluster.notFound') return [];
    throw err;
  }
}

/**
 * The CA of the cluster's default ingress certificate (ConfigMap openshift-config-managed/
 * default-ingress-cert), read over the authenticated API: with it the download from the console's
 * route is TLS-verified even when the router uses the cluster's self-signed certificate.
 */
export async function ingressCa(access: KubeAccess): Promise<string[]> {
  try {
    const data = await access.getConfigMap('openshift-config-managed', 'default-ingress-cert');
    return data['ca-bundle.crt'] ? [data['ca-bundle.crt']] : [];
  } catch {
    return [];
  }
}

export interface LaptopPlatform {
  platform: string;
  arch: string;
}

export const thisLaptop = (): LaptopPlatform => ({ platform: process.platform, arch: process.arch });

/** The oc link for this laptop, or a clear error naming what the cluster offers instead. */
export async function findClusterOc(access: KubeAccess, laptop: LaptopPlatform): Promise<{ choice?: OcLinkChoice; objects: ConsoleCliDownload[] }> {
  const objects = await listCliDownloads(access);
  return { choice: pickOcLink(objects, laptop.platform, laptop.arch), objects };
}

export interface FetchOcOptions {
  artifacts: ArtifactService;
  access: KubeAccess;
  clusterVersion: string;
  /** The cluster's ID (ClusterVersion spec.clusterID): the cached oc belongs to this cluster only */
  clusterId?: string;
  jobId: string;
  laptop?: LaptopPlatform;
  /** Test hook: trust these CAs instead of reading the ingress CA from the cluster */
  ca?: string[];
  now?: () => Date;
}

/**
 * Downloads the cluster's oc for this laptop through the artifact cache (resumable, hashed, kept
 * for offline use; a cached copy of the same version is used as is), unpacks it next to the
 * archive and checks the version it reports against the cluster's.
 */
export async function fetchClusterOc(o: FetchOcOptions): Promise<OcInfo> {
  const laptop = o.laptop ?? thisLaptop();
  const { choice, objects } = await findClusterOc(o.access, laptop);
  if (!choice) {
    throw new AppError(objects.length === 0 ? 'nodeimage.noCliDownloads' : 'nodeimage.noOcForLaptop', { platform: laptop.platform, arch: laptop.arch });
  }
  // A binary we are about to run with this cluster's kubeconfig: only over TLS (never plain HTTP on a site LAN).
  if (!/^https:\/\//i.test(choice.href)) throw new AppError('nodeimage.ocLinkNotHttps', { href: choice.href });
  const name = `oc-${o.clusterVersion}-${ocSourceTag(choice.href, o.clusterId)}-${laptop.platform}-${laptop.arch}.${choice.archive}`;
  const artifact = await o.artifacts.download({ url: choice.href, kind: 'oc', name, version: o.clusterVersion, arch: laptop.arch, jobId: o.jobId, ca: o.ca ?? (await ingressCa(o.access)) });
  const binary = artifact.unpackedPath ?? join(o.artifacts.cacheDir(), 'oc', name.replace(/\.(tar|zip)$/, ''), laptop.platform === 'win32' ? 'oc.exe' : 'oc');
  if (!artifact.unpackedPath) {
    try {
      if (choice.archive === 'zip') await extractFileFromZip(artifact.path, laptop.platform === 'win32' ? 'oc.exe' : 'oc', binary);
      else await extractFileFromTar(artifact.path, 'oc', binary);
    } catch (err) {
      await o.artifacts.remove(artifact.id).catch(() => undefined);
      await rm(binary, { force: true });
      throw new AppError('artifacts.archiveInvalid', { name: artifact.name, reason: String((err as Error).message ?? err).slice(0, 200) });
    }
    await o.artifacts.update({ ...artifact, unpackedPath: binary });
  }
  const info = await checkOc(binary, o.clusterVersion, o.now);
  return { ...info, source: 'cluster', artifactId: artifact.id, sha256: artifact.sha256, href: choice.href };
}

/**
 * Which cluster and link a cached oc came from, in its cache name. Named by version alone, the oc of
 * one cluster (the practice cluster's stand-in, or a binary another site's console served) was
 * reused as is for any other cluster of that version and run with its kubeconfig.
 */
function ocSourceTag(href: string, clusterId = ''): string {
  return createHash('sha256').update(`${clusterId}\n${href}`).digest('hex').slice(0, 12);
}

/** Runs `oc version --client -o json` and compares it with the cluster. */
export async function checkOc(path: string, clusterVersion: string, now: () => Date = () => new Date()): Promise<OcInfo> {
  const output = await new Promise<string>((resolve, reject) => {
    execFile(path, ['version', '--client', '-o', 'json'], { timeout: 30_000, maxBuffer: 1 << 20 }, (err, stdout) => {
      if (err) reject(new AppError('nodeimage.ocNotRunnable', { path, reason: String(err.message).split('\n')[0]!.slice(0, 200) }));
      else resolve(stdout);
    });
  });
  const version = parseOcVersion(output);
  const { verdict, usable } = compareOcToCluster(version, clusterVersion);
  return { path, source: 'chosen', ...(version ? { version } : {}), clusterVersion, verdict, usable, checkedAt: now().toISOString() };
}
