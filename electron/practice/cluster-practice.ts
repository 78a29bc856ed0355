import type { PracticeClusterHooks } from '../services/cluster/practice-cluster-hooks';
import type { PracticeClusterVersion } from '../../shared/api/domains/cluster';
import { PRACTICE_CONTROL_PLANE, type PracticeCluster } from './practice-cluster';
import { startPracticeKubelet, type PracticeKubelet } from './practice-kubelet';
import { watchPracticeMachines, type BootedMachine } from './practice-machines';
import { DEFAULT_PRACTICE_VERSION, PRACTICE_DOMAIN, PRACTICE_RELEASES } from './practice-releases';
import { startDnsSimulator } from '../services/simulators/dns-simulator';

export interface ClusterPracticeOptions {
  /** Assisted path: the day-2 simulator's host status, so a host added to the cluster starts its kubelet */
  assistedHostStatus?: (hostId: string) => string | undefined;
  /** How often the practice machines look at the jobs (default 2 s) */
  pollMs?: number;
  /** How long after its serving certificate a node reports Ready (default 3 s) */
  readyAfterMs?: number;
  onEvent?: (message: string) => void;
}

export interface ClusterPractice extends PracticeClusterHooks {
  /** The kubelets started so far, by job */
  readonly kubelets: ReadonlyMap<string, PracticeKubelet>;
  close(): Promise<void>;
}

/**
 * Practice mode's cluster as the backend sees it: "Use the practice cluster" with a version, and
 * practice machines whose kubelets join the practice cluster once they have booted (fetched their
 * Ignition from the job's server, or been added by the Assisted Installer simulator).
 */
export async function startClusterPractice(cluster: PracticeCluster, o: ClusterPracticeOptions = {}): Promise<ClusterPractice> {
  let version: PracticeClusterVersion = DEFAULT_PRACTICE_VERSION;
  const kubelets = new Map<string, PracticeKubelet>();
  const otherNode = { name: PRACTICE_CONTROL_PLANE.name, address: PRACTICE_CONTROL_PLANE.addresses?.[0]?.address ?? '192.168.50.10' };

  const boot = (m: BootedMachine) => {
    kubelets.get(m.jobId)?.stop();
    o.onEvent?.(`Practice machine ${m.nodeName} (${m.address}) booted (${m.via}); its kubelet asks for a client certificate.`);
    void startPracticeKubelet({
      kube: cluster.kube,
      nodeName: m.nodeName,
      address: m.address,
      kubeletVersion: PRACTICE_RELEASES[version].kubeletVersion,
      otherNode,
      ...(o.readyAfterMs !== undefined ? { readyAfterMs: o.readyAfterMs } : {}),
    }).then(
      (k) => kubelets.set(m.jobId, k),
      (err: unknown) => o.onEvent?.(`Practice machine ${m.nodeName}: its kubelet did not start (${String(err)}).`),
    );
  };
  // A machine that cannot boot is retried on every look; say so once per new problem.
  const lastProblem = new Map<string, string>();
  const problem = (jobId: string, text: string) => {
    if (lastProblem.get(jobId) === text) return;
    lastProblem.set(jobId, text);
    o.onEvent?.(`Practice machine of job ${jobId} could not boot: ${text}`);
  };

  // Pre-flight resolves the practice cluster's names here and finds the API (and, standing in for the
  // Machine Config Server, the same port) and the ingress (the console's downloads route) on 127.0.0.1.
  const dns = await startDnsSimulator({ [`api.${PRACTICE_DOMAIN}`]: ['127.0.0.1'], [`api-int.${PRACTICE_DOMAIN}`]: ['127.0.0.1'], [`*.apps.${PRACTICE_DOMAIN}`]: ['127.0.0.1'] });
  const apiPort = Number(new URL(cluster.kube.url).port);
  const ingressPort = Number(new URL(cluster.downloads.url).port);

  return {
    kubeconfigPath: cluster.kubeconfig,
    kubelets,
    preflight: { dnsServer: dns.server, ports: { api: apiPort, mcs: apiPort, https: ingressPort, http: ingressPort }, online: () => true },
    useVersion(v) {
      version = v;
      cluster.useRelease(PRACTICE_RELEASES[v]);
    },
    attach(deps) {
      return watchPracticeMachines(deps, {
        pollMs: o.pollMs ?? 2000,
        onBooted: boot,
        ...(o.assistedHostStatus ? { assistedHostStatus: o.assistedHostStatus } : {}),
        onProblem: problem,
      });
    },
    async close() {
      kubelets.forEach((k) => k.stop());
      await dns.close();
    },
  };
}
