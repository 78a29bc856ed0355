import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { startKubeApiSimulator, type KubeApiSimulator, type SimNode } from '../services/simulators/kube-api-simulator';
import { ocCliDownloadsObject } from '../services/simulators/kube-api-console';
import { ocArchives, startDownloadsSimulator, type DownloadsSimulator } from '../services/simulators/downloads-simulator';
import { rhcosIsoPath } from './mirror/content';
import { BOOTIMAGES_CONFIGMAP, bootImagesData, WORKER_SECRET, workerSecretData } from './practice-cluster-objects';
import { PRACTICE_API_HOST, PRACTICE_API_INT_HOST, PRACTICE_RELEASES, type PracticeRelease } from './practice-releases';

/**
 * A practice OpenShift cluster for the node-image path: the Kubernetes API simulator at 4.18 with
 * the console's ConsoleCLIDownload pointing at a local downloads route that serves the stand-in oc
 * (oc-standin.mjs) as oc.tar / oc.zip, the route's CA published as the cluster's ingress CA, and a
 * kubeconfig for it. Practice mode and the tests rehearse the whole path on it, offline.
 */
export interface PracticeClusterOptions {
  /** Where the practice kubeconfig is written */
  dir: string;
  /** The stand-in oc script (electron/practice/oc-standin.mjs, or its packaged copy) */
  standinPath: string;
  /** A real live ISO the stand-in hands out as node.<arch>.iso */
  baseIsoPath: string;
  version?: string;
  /** The version the stand-in oc reports (default: the cluster's) */
  ocVersion?: string;
  nodes?: SimNode[];
  platform?: string;
  /** Stall the first download of each archive after this many bytes (tests of resume) */
  stallFirstAfterBytes?: number;
}

export interface PracticeCluster {
  kube: KubeApiSimulator;
  downloads: DownloadsSimulator;
  kubeconfig: string;
  /** The version the cluster reports now */
  version: string;
  /** What the stand-in oc needs in its environment (the same object the node-image service reads, so a version switch reaches it) */
  ocEnv: Record<string, string>;
  /** Switches ClusterVersion, the boot images and the stand-in oc to this release (practice mode's version picker) */
  useRelease(release: PracticeRelease): void;
  /** Points coreos-bootimages at the practice mirror (as a real cluster's point at Red Hat's), instead of the downloads route */
  useMirror(mirrorBaseUrl: string): void;
  close(): Promise<void>;
}

export const PRACTICE_CONTROL_PLANE: SimNode = {
  name: 'sno-0.practice.example.com',
  roles: ['control-plane', 'master', 'worker'],
  ready: true,
  addresses: [
    { type: 'InternalIP', address: '192.168.50.10' },
    { type: 'Hostname', address: 'sno-0.practice.example.com' },
  ],
};

export async function startPracticeCluster(o: PracticeClusterOptions): Promise<PracticeCluster> {
  const version = o.version ?? '4.18.12';
  // The console's downloads route also serves the practice live ISO that coreos-bootimages points at.
  const iso = readFileSync(o.baseIsoPath);
  const isoPath = (r: PracticeRelease) => `/rhcos/${r.rhcosBuild}/rhcos-${r.rhcosBuild}-live.x86_64.iso`;
  const files = { ...ocArchives(readFileSync(o.standinPath)), ...Object.fromEntries(Object.values(PRACTICE_RELEASES).map((r) => [isoPath(r), iso])) };
  const downloads = await startDownloadsSimulator({ files, ...(o.stallFirstAfterBytes !== undefined ? { stallFirstAfterBytes: o.stallFirstAfterBytes } : {}) });
  const kube = await startKubeApiSimulator({
    clusterVersion: { version },
    infrastructure: {
      platform: o.platform ?? 'None',
      infrastructureName: 'practice-sno',
      apiServerURL: `https://${PRACTICE_API_HOST}:6443`,
      apiServerInternalURL: `https://${PRACTICE_API_INT_HOST}:6443`,
    },
    nodes: o.nodes ?? [PRACTICE_CONTROL_PLANE],
    consoleCliDownloads: [ocCliDownloadsObject(downloads.url)],
    configMaps: [{ namespace: 'openshift-config-managed', name: 'default-ingress-cert', data: { 'ca-bundle.crt': downloads.caPem } }],
  });
  kube.setSecret(WORKER_SECRET.namespace, WORKER_SECRET.name, workerSecretData(kube.caPem, PRACTICE_API_INT_HOST));
  const isoSha256 = createHash('sha256').update(iso).digest('hex');
  let isoLocation = (r: PracticeRelease) => downloads.url + isoPath(r);
  let release = Object.values(PRACTICE_RELEASES).find((r) => r.version === version) ?? { ...PRACTICE_RELEASES['4.18'], version };
  const setBootImages = (r: PracticeRelease) => {
    release = r;
    kube.setConfigMap(BOOTIMAGES_CONFIGMAP.namespace, BOOTIMAGES_CONFIGMAP.name, bootImagesData(r, { location: isoLocation(r), sha256: isoSha256 }));
  };
  setBootImages(release);
  mkdirSync(o.dir, { recursive: true, mode: 0o700 });
  const kubeconfig = join(o.dir, 'practice-kubeconfig');
  kube.writeKubeconfig(kubeconfig, { contextName: 'practice' });
  // The stand-in is a Node script: make sure its `#!/usr/bin/env node` finds a Node binary.
  const nodeDir = process.versions.electron ? undefined : dirname(process.execPath);
  const ocEnv: Record<string, string> = {
    OC_STANDIN_BASE_ISO: o.baseIsoPath,
    OC_STANDIN_VERSION: o.ocVersion ?? version,
    ...(nodeDir ? { PATH: [nodeDir, process.env.PATH ?? ''].filter(Boolean).join(delimiter) } : {}),
  };
  const cluster: PracticeCluster = {
    kube,
    downloads,
    kubeconfig,
    version,
    ocEnv,
    useRelease(r) {
      kube.setClusterVersion(r.version);
      setBootImages(r);
      ocEnv.OC_STANDIN_VERSION = r.version;
      cluster.version = r.version;
    },
    useMirror(mirrorBaseUrl) {
      isoLocation = (r) => mirrorBaseUrl + rhcosIsoPath(r.rhcosBuild);
      setBootImages(release);
    },
    close: async () => {
      await kube.close();
      await downloads.close();
    },
  };
  return cluster;
}
