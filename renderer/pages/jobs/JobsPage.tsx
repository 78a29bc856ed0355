import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ActionGroup,
  Button,
  Card,
  CardBody,
  CardTitle,
  Content,
  EmptyState,
  EmptyStateBody,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  Label,
  PageSection,
  TextInput,
  Title,
  DataList,
  DataListItem,
  DataListItemRow,
  DataListItemCells,
  DataListCell,
  DataListAction,
} from '@patternfly/react-core';
import { Alert, AlertActionCloseButton, HelperTextItem } from '../../components/pf/translated';
import { useContractMutation, useContractQuery } from '../../api/query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { navigate } from '../../app/router';
import { JobPage } from './JobPage';
import { DamagedJobCard } from './DamagedJobCard';
import type { Job, JobSummary } from '../../../shared/api/domains/jobs';
import type { JobKind } from '../../../shared/api/domains/jobs';
import { orderedJobKinds } from '../../../shared/nodeimage/paths';
import { PathsCard } from '../../flows/nodeimage/PathsCard';
import { TitleWithHelp } from '../../components/TitleWithHelp';

export function JobsPage({ segments }: { segments: string[] }) {
  if (segments[1]) return <JobPage id={segments[1]} />;
  return <JobList />;
}

function JobList() {
  const { t, i18n } = useTranslation();
  const jobsQuery = useContractQuery('jobs.list', undefined, { invalidateOn: ['jobs.changed'] });
  const damagedQuery = useContractQuery('jobs.damaged', undefined, { invalidateOn: ['jobs.changed'] });
  const removeJob = useContractMutation('jobs.remove', { invalidates: ['jobs.list', 'jobs.damaged'] });
  const [restored, setRestored] = useState<Job | null>(null);
  const [createError, setCreateError] = useState<unknown>(null);
  const jobs = jobsQuery.data ?? null;
  const damaged = damagedQuery.data ?? [];
  const error = jobsQuery.error ?? damagedQuery.error ?? removeJob.error ?? createError;
  const load = () => {
    void jobsQuery.refetch();
    void damagedQuery.refetch();
  };

  const remove = (job: JobSummary) => {
    if (!window.confirm(t('app.home.removeConfirm', { title: job.title }))) return;
    removeJob.mutate({ id: job.id });
  };

  return (
    <PageSection>
      <TitleWithHelp headingLevel="h2" topic="page.jobs">
        {t('app.home.title')}
      </TitleWithHelp>
      <Content component="p">{t('app.home.intro')}</Content>
      <ErrorAlert
        error={error}
        onClose={() => {
          removeJob.reset();
          setCreateError(null);
        }}
      />
      {restored && (
        <Alert
          variant="success"
          isInline
          title={t('jobs.damaged.restored', { title: restored.title, revision: restored.revision })}
          actionClose={<AlertActionCloseButton onClose={() => setRestored(null)} />}
          data-testid="job-restored"
        />
      )}
      {damaged.length > 0 && (
        <section data-testid="damaged-jobs">
          <Title headingLevel="h3">{t('jobs.damaged.title')}</Title>
          <Content component="p">{t('jobs.damaged.intro')}</Content>
          {damaged.map((d) => (
            <DamagedJobCard key={d.id} damaged={d} onRestored={setRestored} onRemoved={load} />
          ))}
        </section>
      )}
      <NewJobCard onError={setCreateError} />
      {jobs && jobs.length === 0 && damaged.length === 0 && (
        <EmptyState>
          <EmptyStateBody>{t('app.home.empty')}</EmptyStateBody>
        </EmptyState>
      )}
      {jobs && jobs.length > 0 && (
        <DataList aria-label={t('app.home.title')} data-testid="job-list">
          {jobs.map((job) => (
            <DataListItem key={job.id}>
              <DataListItemRow>
                <DataListItemCells
                  dataListCells={[
                    <DataListCell key="title" id={`job-${job.id}-title`}>
                      <strong data-user-text>{job.title}</strong> <Label>{t(`app.home.kind.${job.kind}`)}</Label>{' '}
                      <Label color={job.status === 'done' ? 'green' : 'blue'}>{t(`app.home.status.${job.status}`)}</Label>
                    </DataListCell>,
                    <DataListCell key="updated">{t('app.home.updated', { when: new Date(job.updatedAt).toLocaleString(i18n.language) })}</DataListCell>,
                  ]}
                />
                <DataListAction aria-labelledby={`job-${job.id}-title`} id={`actions-${job.id}`} aria-label={job.title} data-user-text>
                  <Button variant="secondary" onClick={() => navigate(`/jobs/${job.id}`)}>
                    {t('app.home.open')}
                  </Button>
                  <Button variant="plain" onClick={() => remove(job)}>
                    {t('common.remove')}
                  </Button>
                </DataListAction>
              </DataListItemRow>
            </DataListItem>
          ))}
        </DataList>
      )}
    </PageSection>
  );
}

/** A new job: its name, the cluster version if known (which orders the paths), and the path. */
function NewJobCard({ onError }: { onError: (err: unknown) => void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<JobKind>('assisted');
  const [clusterVersion, setClusterVersion] = useState('');
  // The paths in the order that fits the cluster: node-image first from 4.17, greyed out below it.
  const kinds = orderedJobKinds(clusterVersion.trim() || undefined);
  const chooseVersion = (v: string) => {
    setClusterVersion(v);
    const ordered = orderedJobKinds(v.trim() || undefined);
    if (ordered[0]?.kind === 'nodeimage' || !ordered.find((k) => k.kind === kind)?.available) setKind(ordered[0]!.kind);
  };
  const createJob = useContractMutation('jobs.create', { invalidates: ['jobs.list'], onSuccess: (job) => navigate(`/jobs/${job.id}`) });
  const create = () => {
    onError(null);
    createJob.mutate({ kind, title: title.trim() }, { onError });
  };
  return (
    <Card>
      <CardTitle>{t('app.home.newJob')}</CardTitle>
      <CardBody>
        <Form
          onSubmit={(e) => {
            e.preventDefault();
            create();
          }}
        >
          <FormGroup label={t('app.home.titleLabel')} fieldId="job-title" isRequired>
            <TextInput id="job-title" value={title} onChange={(_e, v) => setTitle(v)} placeholder={t('app.home.titlePlaceholder')} />
          </FormGroup>
          <FormGroup label={t('app.home.clusterVersion')} fieldId="job-cluster-version">
            <TextInput id="job-cluster-version" value={clusterVersion} onChange={(_e, v) => chooseVersion(v)} placeholder="4.18.12" data-testid="job-cluster-version" />
            <FormHelperText>
              <HelperText>
                <HelperTextItem>{t('app.home.clusterVersionHelp')}</HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>
          <FormGroup label={t('app.home.kindLabel')} fieldId="job-kind">
            <FormSelect id="job-kind" value={kind} onChange={(_e, v) => setKind(v as JobKind)} data-testid="job-kind">
              {kinds.map((k) => (
                <FormSelectOption key={k.kind} value={k.kind} isDisabled={!k.available} label={`${t(`app.home.kind.${k.kind}`)}${k.available ? '' : ` (${t('app.home.unavailable')})`}`} />
              ))}
            </FormSelect>
          </FormGroup>
          <PathsCard clusterVersion={clusterVersion.trim() || undefined} testId="job-paths" />
          <ActionGroup>
            <Button type="submit" isDisabled={!title.trim() || createJob.isPending} isLoading={createJob.isPending} data-testid="create-job">
              {t('app.home.create')}
            </Button>
          </ActionGroup>
        </Form>
      </CardBody>
    </Card>
  );
}
