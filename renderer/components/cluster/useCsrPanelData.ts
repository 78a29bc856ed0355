import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useApiEvent } from '../../api/context';
import { contractKey, useContractMutation, useContractQuery } from '../../api/query';

/**
 * The CSR panel's data. It is read once when the panel opens; after that it changes only with
 * events: csr.changed carries the state the backend has just judged (after an approval or a watch
 * event) and is put into the cache as it is, so an approval costs no extra read. Only a csr.changed
 * without state (another expected worker) reads csr.list again.
 */
export function useCsrPanelData(jobId: string) {
  const queryClient = useQueryClient();
  const list = useContractQuery('csr.list', { jobId });
  const auto = useContractQuery('csr.autoApproveState', { jobId });

  useApiEvent('csr.changed', (e) => {
    if (e.jobId !== jobId) return;
    if (e.state) queryClient.setQueryData(contractKey('csr.list', { jobId }), e.state);
    else void queryClient.invalidateQueries({ queryKey: contractKey('csr.list', { jobId }) });
  });
  useApiEvent('csr.autoApprove', (s) => {
    if (s.jobId === jobId) queryClient.setQueryData(contractKey('csr.autoApproveState', { jobId }), s);
  });

  const saveWorker = useContractMutation('cluster.setWorker');
  const approveNamed = useContractMutation('csr.approve');
  const approveAll = useContractMutation('csr.approveAllValid');
  const toggleAuto = useContractMutation('csr.autoApprove', { onSuccess: (s) => queryClient.setQueryData(contractKey('csr.autoApproveState', { jobId }), s) });
  const watch = useContractMutation('cluster.watchJoin');

  const expectedName = list.data?.expected?.nodeName;
  const { mutate: startWatch } = watch;
  useEffect(() => {
    // The node-Ready watch runs while the panel is open; it completes the job when both conditions hold.
    if (expectedName) startWatch({ jobId, enabled: true });
  }, [startWatch, jobId, expectedName]);

  const busy = saveWorker.isPending ? 'worker' : approveAll.isPending ? 'all' : approveNamed.isPending ? approveNamed.variables?.names[0] : undefined;
  const mutations = [saveWorker, approveNamed, approveAll, toggleAuto, watch];
  return {
    list: list.data,
    /** The first read has not answered yet (an error ends it: the form is usable then). */
    listLoading: list.isPending,
    auto: auto.data,
    join: list.data?.join,
    busy,
    error: mutations.find((m) => m.error)?.error ?? list.error ?? auto.error ?? undefined,
    clearError: () => mutations.forEach((m) => m.reset()),
    refresh: () => Promise.all([list.refetch(), auto.refetch()]),
    saveWorker,
    approveNamed,
    approveAll,
    toggleAuto,
  };
}
