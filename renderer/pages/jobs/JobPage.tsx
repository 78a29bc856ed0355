import { useTranslation } from 'react-i18next';
import { Breadcrumb, BreadcrumbItem, PageSection, Title, Content } from '@patternfly/react-core';
import { useContractQuery } from '../../api/query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { flows } from '../../flows/registry';
import { HandoffCard } from './HandoffCard';
import { navigate } from '../../app/router';
import { DamagedJobCard } from './DamagedJobCard';
import { damagedJobSchema, type DamagedJob } from '../../../shared/api/domains/jobs';

/** One job: reloads whenever the main process saves it, and shows the wizard for its kind. */
export function JobPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const query = useContractQuery('jobs.get', { id }, { invalidateOn: ['jobs.changed'] });
  const error = query.error;
  // Damaged or removed meanwhile: the page must not go on showing the old copy.
  const gone = error?.code === 'jobs.damaged' || error?.code === 'jobs.notFound';
  const job = gone ? null : (query.data ?? null);
  const load = () => void query.refetch();

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
