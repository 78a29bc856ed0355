import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Content, FormGroup, FormSelect, FormSelectOption, PageSection, Stack, StackItem } from '@patternfly/react-core';
import { Alert } from '../../components/pf/translated';
import type { Job, JobSummary } from '../../../shared/api/domains/jobs';
import { useApi, useApiEvent } from '../../api/context';
import { navigate } from '../../app/router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ClusterConnect } from '../../components/cluster/ClusterConnect';
import { CsrPanel } from '../../components/cluster/CsrPanel';
import { PreflightCard } from '../../components/cluster/PreflightCard';
import { TitleWithHelp } from '../../components/TitleWithHelp';

/** #/cluster/<jobId>: cluster summary, pre-flight, the worker's CSRs and the node, for one job. */
export function ClusterPage({ segments }: { segments: string[] }) {
  const { t } = useTranslation();
  const api = useApi();
  const jobId = segments[1];
  const [jobs, setJobs] = useState<JobSummary[]>([]);
  const [job, setJob] = useState<Job>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    api.call('jobs.list').then(setJobs, setError);
  }, [api]);
  const load = useCallback(() => {
    if (!jobId) return;
    api.call('jobs.get', { id: jobId }).then(setJob, setError);
  }, [api, jobId]);
  useEffect(load, [load]);
  useApiEvent('jobs.changed', (e) => {
    if (e.id === jobId) load();
  });

  const choices = jobs.filter((j) => j.status === 'active' || j.id === jobId);
  const connected = (job?.data.cluster as { source?: string } | undefined)?.source === 'kubeconfig';

  return (
    <PageSection>
      <Stack hasGutter>
        <StackItem>
          <TitleWithHelp headingLevel="h1" topic="page.cluster">
            {t('cluster.title')}
          </TitleWithHelp>
          <Content component="p">{t('cluster.intro')}</Content>
        </StackItem>
        {error ? (
          <StackItem>
            <ErrorAlert error={error} onClose={() => setError(undefined)} />
          </StackItem>
        ) : null}
        <StackItem>
          {choices.length === 0 ? (
            <Alert variant="info" isInline title={t('cluster.noJobs')} />
          ) : (
            <FormGroup label={t('cluster.pickJob')} fieldId="cluster-job">
              <FormSelect id="cluster-job" value={jobId ?? ''} onChange={(_e, v) => navigate(`/cluster/${v}`)} data-testid="cluster-job-select" aria-label={t('cluster.pickJob')}>
                <FormSelectOption value="" label={t('cluster.pickJobPlaceholder')} isPlaceholder />
                {choices.map((j) => (
                  <FormSelectOption key={j.id} value={j.id} label={`${j.title} (${j.id})`} data-user-text />
                ))}
              </FormSelect>
            </FormGroup>
          )}
        </StackItem>
        {job && (
          <>
            <StackItem>
              <ClusterConnect key={`${job.id}-${String((job.data.cluster as { connectedAt?: string } | undefined)?.connectedAt)}`} job={job} onConnected={load} />
            </StackItem>
            <StackItem>
              <PreflightCard job={job} />
            </StackItem>
            {connected && (
              <StackItem>
                <CsrPanel key={job.id} job={job} />
              </StackItem>
            )}
          </>
        )}
      </Stack>
    </PageSection>
  );
}
