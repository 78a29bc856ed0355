import type { HandlerGroup } from '../handler-types';
import type { Services } from '../../app/composition';

type ManualMethods =
  | 'manual.localAddresses'
  | 'manual.loadWorkerIgn'
  | 'manual.saveState'
  | 'manual.generate'
  | 'manual.generated'
  | 'manual.exportFiles'
  | 'manual.serverStart'
  | 'manual.serverStop'
  | 'manual.serverStatus';

export function manualHandlers(s: Services): HandlerGroup<ManualMethods> {
  return {
    'manual.localAddresses': () => s.manual.localAddresses(),
    'manual.loadWorkerIgn': ({ jobId, from, path, kubeconfigPath, context }) =>
      s.manual.loadWorkerIgn(jobId, from, path, { ...(kubeconfigPath ? { kubeconfigPath } : {}), ...(context ? { context } : {}) }),
    'manual.saveState': async ({ jobId, patch, step }) => ({ revision: await s.manual.saveState(jobId, patch, step) }),
    'manual.generate': ({ jobId, input }) => s.manual.generate(jobId, input),
    'manual.generated': ({ jobId }) => s.manual.generated(jobId),
    'manual.exportFiles': async ({ jobId, folder }) => ({ written: await s.manual.exportFiles(jobId, folder) }),
    'manual.serverStart': ({ jobId }) => s.manual.serverStart(jobId),
    'manual.serverStop': ({ jobId }) => s.manual.serverStop(jobId),
    'manual.serverStatus': ({ jobId }) => s.manual.serverStatus(jobId),
  };
}
