import type { HandlerGroup } from '../handler-types';
import type { Services } from '../../app/composition';

type NodeimageMethods =
  | 'nodeimage.saveState'
  | 'nodeimage.preview'
  | 'nodeimage.writeConfig'
  | 'nodeimage.findOc'
  | 'nodeimage.fetchOc'
  | 'nodeimage.useOc'
  | 'nodeimage.create'
  | 'nodeimage.cancel'
  | 'nodeimage.status'
  | 'nodeimage.monitor';

export function nodeimageHandlers(s: Services): HandlerGroup<NodeimageMethods> {
  return {
    'nodeimage.saveState': async ({ jobId, patch }) => ({ revision: await s.nodeimage.saveState(jobId, patch) }),
    'nodeimage.preview': async ({ jobId, input }) => {
      const { doc: _doc, ...preview } = await s.nodeimage.preview(jobId, input);
      return preview;
    },
    'nodeimage.writeConfig': ({ jobId, input }) => s.nodeimage.writeConfig(jobId, input),
    'nodeimage.findOc': ({ jobId }) => s.nodeimage.findOc(jobId),
    'nodeimage.fetchOc': ({ jobId }) => s.nodeimage.fetchOc(jobId),
    'nodeimage.useOc': ({ jobId, path }) => s.nodeimage.useOc(jobId, path),
    'nodeimage.create': ({ jobId }) => s.nodeimage.create(jobId),
    'nodeimage.cancel': ({ jobId }) => s.nodeimage.cancel(jobId),
    'nodeimage.status': ({ jobId }) => s.nodeimage.status(jobId),
    'nodeimage.monitor': ({ jobId, ips }) => s.nodeimage.monitor(jobId, ips),
  };
}
