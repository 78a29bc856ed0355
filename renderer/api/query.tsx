/**
 * The renderer's one data layer over the contract: every read is a query keyed by method and input,
 * every change a mutation that says which reads it makes stale. Loading, error and stale states come
 * from TanStack Query, so screens stop keeping their own `useState<unknown>` errors and stop showing
 * data another screen has changed. Backend events invalidate the reads they affect. The query cache
 * itself is created by ApiProvider (context.tsx), one per backend connection.
 */
import { useMutation, useQuery, useQueryClient, type UseMutationResult, type UseQueryResult } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { AppError } from '../../shared/api/errors';
import type { EventName, MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';
import { useApi } from './context';

/** The query key of a contract read: the method name first, so a mutation can invalidate every read of a method. */
export function contractKey<M extends MethodName>(method: M, input?: MethodInput<M>): readonly unknown[] {
  return input === undefined ? [method] : [method, input];
}

export interface ContractQueryOptions {
  /** Backend events after which this read is stale (refetched if on screen). */
  invalidateOn?: readonly EventName[];
  /** Skip the call while false, e.g. until an id is known. */
  enabled?: boolean;
}

/** A contract read (pass `undefined` as input for methods that take none). Errors are AppErrors (translatable by code), never raw schema output. */
export function useContractQuery<M extends MethodName>(method: M, input: MethodInput<M>, options?: ContractQueryOptions): UseQueryResult<MethodOutput<M>, AppError> {
  const api = useApi();
  const queryClient = useQueryClient();
  const key = contractKey(method, input);
  const invalidateOn = options?.invalidateOn ?? [];
  const eventsKey = invalidateOn.join(',');
  useEffect(() => {
    const offs = invalidateOn.map((event) => api.on(event, () => void queryClient.invalidateQueries({ queryKey: [method] })));
    return () => offs.forEach((off) => off());
    // eventsKey stands for the list's content; the array itself is new on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, queryClient, method, eventsKey]);
  return useQuery<MethodOutput<M>, AppError>({
    queryKey: key,
    queryFn: () => (api.call as (m: M, i?: MethodInput<M>) => Promise<MethodOutput<M>>)(method, input),
    enabled: options?.enabled ?? true,
    // Reads kept fresh by events hear them only while mounted (staleTime is Infinity): one that comes
    // back on screen reads again, or a job finished meanwhile still shows "In progress".
    ...(invalidateOn.length ? { refetchOnMount: 'always' as const } : {}),
  });
}

export interface ContractMutationOptions<M extends MethodName> {
  /** Reads made stale by this change (every cached input of each method). */
  invalidates?: readonly MethodName[];
  onSuccess?: (output: MethodOutput<M>, input: MethodInput<M>) => void;
}

/** A contract change. `mutation.error` is the AppError to show at the form; pending state disables the button. */
export function useContractMutation<M extends MethodName>(method: M, options: ContractMutationOptions<M> = {}): UseMutationResult<MethodOutput<M>, AppError, MethodInput<M>> {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation<MethodOutput<M>, AppError, MethodInput<M>>({
    mutationFn: (input) => (api.call as (m: M, i?: MethodInput<M>) => Promise<MethodOutput<M>>)(method, input),
    onSuccess: async (output, input) => {
      await Promise.all((options.invalidates ?? []).map((m) => queryClient.invalidateQueries({ queryKey: [m] })));
      options.onSuccess?.(output, input);
    },
  });
}
