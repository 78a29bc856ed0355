import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decompressSync } from '@napi-rs/lzma/xz';
import type { NodeImageServiceOptions } from '../services/nodeimage/nodeimage-service';
import { startPracticeCluster, type PracticeCluster } from './practice-cluster';

/**
 * Practice mode for the node-image path: a practice cluster (OpenShift 4.18 on the Kubernetes
 * simulator) whose console offers the stand-in oc, and a simulated machine that boots the ISO a few
 * seconds after it was made, so the technician can rehearse it end to end: connect, nodes-config,
 * oc from the cluster, make the ISO, monitor, approve the CSRs, node Ready.
 */
export interface NodeImagePractice {
  cluster: PracticeCluster;
  /** Backend construction options for the node-image service */
  serviceOptions: Pick<NodeImageServiceOptions, 'extraEnv' | 'probe' | 'onIsoReady'>;
  close(): Promise<void>;
}

export interface NodeImagePracticeOptions {
  /** Folder for the practice kubeconfig and the base ISO */
  dir: string;
  /** Where oc-standin.mjs and live.x86_64.iso.xz are (source tree or packaged resources) */
  standinPath: string;
  baseIsoXzPath: string;
  /** How long after the ISO is made the simulated machine has booted it and asks for its certificates */
  bootAfterMs?: number;
}

export async function startNodeImagePractice(o: NodeImagePracticeOptions): Promise<NodeImagePractice> {
  mkdirSync(o.dir, { recursive: true, mode: 0o700 });
  const baseIso = join(o.dir, 'live.x86_64.iso');
  if (!existsSync(baseIso)) writeFileSync(baseIso, decompressSync(readFileSync(o.baseIsoXzPath)));
  const cluster = await startPracticeCluster({ dir: o.dir, standinPath: o.standinPath, baseIsoPath: baseIso });
  const booted = new Set<string>();
  const stops: (() => void)[] = [];
  const timers: NodeJS.Timeout[] = [];
  return {
    cluster,
    serviceOptions: {
      extraEnv: cluster.ocEnv,
      // The simulated machine answers on its agent API and kubelet ports once it has "booted".
      probe: async (ip) => (booted.has(ip) ? 'up' : 'down'),
      onIsoReady: ({ nodeName, address }) => {
        if (!nodeName || !address) return;
        timers.push(
          setTimeout(() => {
            booted.add(address);
            void cluster.kube.simulateJoiningWorker({ nodeName, address, readyDelayMs: 3000 }).then((w) => stops.push(w.stop));
          }, o.bootAfterMs ?? 4000),
        );
      },
    },
    close: async () => {
      timers.forEach(clearTimeout);
      stops.forEach((s) => s());
      await cluster.close();
    },
  };
}
