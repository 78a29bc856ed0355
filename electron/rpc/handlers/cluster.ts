import type { HandlerGroup } from '../handler-types';
import type { Services } from '../../app/composition';
import { runPreflight } from '../../services/cluster/preflight';
import { AppError } from '../../../shared/api/errors';

type ClusterMethods =
  | 'cluster.contexts'
  | 'cluster.connect'
  | 'cluster.usePractice'
  | 'cluster.saveManual'
  | 'cluster.summary'
  | 'cluster.setWorker'
  | 'cluster.preflight'
  | 'cluster.joinStatus'
  | 'cluster.watchJoin'
  | 'csr.list'
  | 'csr.approve'
  | 'csr.approveAllValid'
  | 'csr.autoApprove'
  | 'csr.autoApproveState';

export function clusterHandlers(s: Services): HandlerGroup<ClusterMethods> {
  return {
    'cluster.contexts': ({ kubeconfigPath }) => s.cluster.contexts(kubeconfigPath),
    'cluster.connect': ({ jobId, kubeconfigPath, context, insecureSkipTlsVerify }) =>
      s.cluster.connect({
        ...(jobId ? { jobId } : {}),
        ...(kubeconfigPath ? { kubeconfigPath } : {}),
        ...(context ? { context } : {}),
        ...(insecureSkipTlsVerify ? { insecureSkipTlsVerify } : {}),
      }),
    'cluster.usePractice': ({ jobId, version }) => {
      if (!s.practiceCluster) throw new AppError('cluster.practiceUnavailable');
      s.practiceCluster.useVersion(version);
      return s.cluster.connect({ jobId, kubeconfigPath: s.practiceCluster.kubeconfigPath });
    },
    'cluster.saveManual': ({ jobId, ...input }) => s.cluster.saveManual(jobId, input),
    'cluster.summary': ({ jobId }) => s.cluster.summary(jobId),
    'cluster.setWorker': ({ jobId, worker }) => s.cluster.setWorker(jobId, worker),
    'cluster.preflight': async (input) => runPreflight(input, { cluster: s.cluster, jobs: s.jobs, clock: s.clock, ...s.practiceCluster?.preflight }),
    'cluster.joinStatus': ({ jobId }) => s.cluster.joinStatus(jobId),
    'cluster.watchJoin': ({ jobId, enabled }) => s.cluster.watchJoin(jobId, enabled),
    'csr.list': ({ jobId }) => s.cluster.list(jobId),
    'csr.approve': ({ jobId, names }) => s.cluster.approve(jobId, names),
    'csr.approveAllValid': ({ jobId }) => s.cluster.approveAllValid(jobId),
    'csr.autoApprove': ({ jobId, enabled }) => s.cluster.setAutoApprove(jobId, enabled),
    'csr.autoApproveState': ({ jobId }) => s.cluster.autoApproveState(jobId),
  };
}
