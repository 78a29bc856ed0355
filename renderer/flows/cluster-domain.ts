import type { Job } from '../../shared/api/domains/jobs';
import { clusterDomainOf } from '../../shared/hostname';

/** The job's cluster domain (from the connection's API host or URL), for host-name examples. */
export function clusterDomain(job: Job): string | undefined {
  const c = (job.data.cluster ?? {}) as { apiHost?: string; apiServerUrl?: string };
  return clusterDomainOf(c.apiServerUrl ?? c.apiHost);
}
