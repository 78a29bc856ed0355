import { z } from 'zod';
import type { Job } from '../../../shared/api/domains/jobs';
import { networkModelSchema } from '../../../shared/network/model';
import { useContractMutation } from '../../api/query';

/**
 * What the technician has typed on the Assisted steps but not yet sent, saved as it is typed in the
 * job (its own top-level keys, so the Assisted service's state is never overwritten), so a reload
 * or a closed laptop loses nothing. Sent values live in the Assisted state as before.
 */
const clusterDraftSchema = z.object({ clusterId: z.string(), apiHost: z.string(), version: z.string() }).partial();
const isoDraftSchema = z
  .object({
    pullSecretPath: z.string(),
    sshKey: z.string(),
    imageType: z.enum(['full-iso', 'minimal-iso']),
    httpProxy: z.string(),
    httpsProxy: z.string(),
    noProxy: z.string(),
    ntp: z.string(),
    netMode: z.enum(['form', 'yaml']),
    network: networkModelSchema,
    nmstate: z.string(),
  })
  .partial();

export type ClusterDraft = z.infer<typeof clusterDraftSchema>;
export type IsoDraft = z.infer<typeof isoDraftSchema>;

const KEYS = { cluster: 'assistedClusterDraft', iso: 'assistedIsoDraft' } as const;

export function clusterDraft(job: Job): ClusterDraft {
  const parsed = clusterDraftSchema.safeParse(job.data[KEYS.cluster] ?? {});
  return parsed.success ? parsed.data : {};
}

export function isoDraft(job: Job): IsoDraft {
  const parsed = isoDraftSchema.safeParse(job.data[KEYS.iso] ?? {});
  return parsed.success ? parsed.data : {};
}

/** A proxy URL with a user and password in it is kept in memory only: secrets never reach disk. */
export function withoutProxyCredentials(draft: IsoDraft): IsoDraft {
  const out = { ...draft };
  for (const k of ['httpProxy', 'httpsProxy'] as const) if (out[k] && /\/\/[^/]*@/.test(out[k])) delete out[k];
  return out;
}

export function useDraftSave(job: Job, part: keyof typeof KEYS): (value: ClusterDraft | IsoDraft) => Promise<unknown> {
  const update = useContractMutation('jobs.update');
  return (value) => update.mutateAsync({ id: job.id, data: { [KEYS[part]]: value } });
}
