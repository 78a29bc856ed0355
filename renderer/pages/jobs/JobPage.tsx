import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Breadcrumb, BreadcrumbItem, PageSection, Title, Content } from '@patternfly/react-core';
import { useApi, useApiEvent } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { flows } from '../../flows/registry';
import { HandoffCard } from './HandoffCard';
import type { Job } from '../../../shared/api/domains/jobs';

/** One job: reloads whenever the main process saves it, and shows the wizard for its kind. */
export function JobPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    api.call('jobs.get', { id }).then(setJob, setError);
  }, [api, id]);
  useEffect(load, [load]);
  useApiEvent('jobs.changed', (e) => {
    if (e.id === id && !e.removed) load();
  });

  const Flow = job ? flows[job.kind] : undefined;
  return (
    <PageSection>
      <Breadcrumb>
        <BreadcrumbItem to="#/jobs">{t('app.nav.jobs')}</BreadcrumbItem>
        <BreadcrumbItem isActive>{job?.title ?? id}</BreadcrumbItem>
      </Breadcrumb>
      <ErrorAlert error={error} />
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
