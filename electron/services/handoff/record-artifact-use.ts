import type { CachedArtifact } from '../../../shared/api/domains/artifacts';
import type { JobStore } from '../jobs/job-store';

/**
 * Records in the job's audit log that it used a verified file from the cache: what it is, where it
 * came from (the redacted source URL) and its sha256, so the site report can list every artifact.
 * The same file with the same hash is recorded once per job.
 */
export async function recordArtifactUse(jobs: JobStore, jobId: string, artifact: CachedArtifact): Promise<void> {
  const seen = await jobs.audit(jobId);
  if (seen.some((e) => e.action === 'artifact.used' && e.details?.id === artifact.id && e.details?.sha256 === artifact.sha256)) return;
  await jobs.appendAudit(jobId, {
    action: 'artifact.used',
    summary: `Uses ${artifact.kind} ${artifact.name} (sha256 ${artifact.sha256.slice(0, 12)}…)`,
    details: {
      id: artifact.id,
      kind: artifact.kind,
      name: artifact.name,
      size: artifact.size,
      sha256: artifact.sha256,
      checkedAgainstPublished: artifact.checkedAgainstPublished,
      source: artifact.sourceUrl,
      ...(artifact.version ? { version: artifact.version } : {}),
      ...(artifact.arch ? { arch: artifact.arch } : {}),
    },
  });
}
