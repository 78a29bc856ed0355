import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Breadcrumb, BreadcrumbItem, PageSection, Title, Content } from '@patternfly/react-core';
import { useApi, useApiEvent } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { flows } from '../../flows/registry';
import { HandoffCard } from './HandoffCard';
import { navigate } from '../../app/router';
import { DamagedJobCard } from './DamagedJobCard';
import { damagedJobSchema, type DamagedJob, type Job } from '../../../shared/api/domains/jobs';

/** One job: reloads whenever the main process saves it, and shows the wizard for its kind. */
export function JobPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    api.call('jobs.get', { id }).then(
      (loaded) => {
        setJob(loaded);
        setError(null);
      },
      (err: unknown) => {
        setError(err);
        // Damaged or removed meanwhile: the page must not go on showing the old copy.
        const code = (err as { code?: unknown }).code;
        if (code === 'jobs.damaged' || code === 'jobs.notFound') setJob(null);
      },
    );
  }, [api, id]);
  useEffect(load, [load]);
  useApiEvent('jobs.changed', (e) => {
    if (e.id === id && !e.removed) load();
  });

  const Flow = job ? flows[job.kind] : undefined;
  const damaged = damagedDetails(error);
  return (
    <PageSection>
      <Breadcrumb>
        <BreadcrumbItem to="#/jobs">{t('app.nav.jobs')}</BreadcrumbItem>
        <BreadcrumbItem isActive>{job?.title ?? id}</BreadcrumbItem>
      </Breadcrumb>
      <ErrorAlert error={error} />
      {damaged && !job && <DamagedJobCard damaged={damaged} onRestored={load} onRemoved={() => navigate('/jobs')} />}
      {job && (
        <>
          <Title headingLevel="h2" data-testid="job-title">
            {job.title}
          </Title>
          {/* A finished job opens on its hand-off; a running one keeps the wizard first. */}
          {job.status === 'done' && <HandoffCard job={job} />}
          {Flow ? <Flow job={job} /> : <Content component="p">{t(`app.home.kind.${job.kind}`)}</Content>}
          {job.status !== 'done' && <HandoffCard job={job} />}
        </>
      )}
    </PageSection>
  );
}

/** The damaged job's details travel with the `jobs.damaged` error, so the page can offer restore or remove. */
function damagedDetails(error: unknown): DamagedJob | null {
  const wire = error as { code?: unknown; details?: unknown } | null;
  if (wire?.code !== 'jobs.damaged') return null;
  const parsed = damagedJobSchema.safeParse(wire.details);
  return parsed.success ? parsed.data : null;
}
