import type { PracticeClusterVersion } from '../../../shared/api/domains/cluster';
import type { JobStore } from '../jobs/job-store';
import type { ManualService } from '../manual/manual-service';
import type { PreflightDeps } from './preflight';

/**
 * What the backend needs from practice mode's cluster. electron/practice/ implements it and is
 * loaded only in practice mode; outside it the backend has no such hooks and
 * cluster.usePractice refuses.
 */
export interface PracticeClusterHooks {
  /** The practice kubeconfig: it points only at the simulator on 127.0.0.1 */
  kubeconfigPath: string;
  /** The practice cluster reports this version (ClusterVersion, kubelets, boot images) from now on */
  useVersion(version: PracticeClusterVersion): void;
  /** Pre-flight asks the practice cluster's DNS and ports on 127.0.0.1, never the network (so it also works offline) */
  preflight: Required<Pick<PreflightDeps, 'dnsServer' | 'ports' | 'online'>>;
  /** Starts the practice machines that watch the jobs (manual Ignition servers, Assisted hosts); returns their stop */
  attach(deps: { jobs: JobStore; manual: ManualService }): () => Promise<void>;
}
