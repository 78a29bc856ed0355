import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, CardBody, CardTitle, Content, Stack, StackItem } from '@patternfly/react-core';
import { Alert } from '../pf/translated';
import type { Job } from '../../../shared/api/domains/jobs';
import type { ExpectedWorker as ExpectedWorkerValue } from '../../../shared/api/domains/cluster';
import type { MethodOutput } from '../../../shared/api/contract';
import { useCsrPanelData } from './useCsrPanelData';
import { ErrorAlert, describeError } from '../ErrorAlert';
import { approveNamedCommand } from '../../../shared/csr/approval-advice';
import { CommandBlock } from '../CommandBlock';
import { AutoApproveSection, CsrTable, CsrToolbar, JoinProgress } from './CsrPanelSections';
import { ExpectedWorker } from './ExpectedWorker';

/**
 * The worker's two CSRs: expected node, each CSR with its parsed request and checklist verdict,
 * approve one / all valid (client first), opt-in auto-approve, and the join progress until the node
 * is Ready with its serving certificate approved. Reusable inside the wizards.
 */
export function CsrPanel({ job }: { job: Job }) {
  const { t } = useTranslation();
  const jobId = job.id;
  const data = useCsrPanelData(jobId);
  const { list, auto, join, busy, error, clearError } = data;
  const [notice, setNotice] = useState<Notice[]>([]);
  const [expanded, setExpanded] = useState<string[]>([]);
  const [showAll, setShowAll] = useState(false);

  const expectedName = list?.expected?.nodeName;
  // Resolves with the worker the list shows after saving; a failed save shows its error above the form.
  const saveWorker = async (worker: ExpectedWorkerValue): Promise<ExpectedWorkerValue | undefined> => {
    try {
      await data.saveWorker.mutateAsync({ jobId, worker });
    } catch {
      return undefined;
    }
    const [read] = await data.refresh();
    return read.isError ? undefined : read.data?.expected;
  };

  const report = (results: MethodOutput<'csr.approve'>) => setNotice(approvalNotices(results, (k, p) => t(k, p ?? {})));

  // The new rows arrive with the csr.changed event the approval sends: nothing is read again here.
  const approve = (names?: string[]) => (names ? data.approveNamed.mutate({ jobId, names }, { onSuccess: report }) : data.approveAll.mutate({ jobId }, { onSuccess: report }));
  const toggleAuto = (enabled: boolean) => data.toggleAuto.mutate({ jobId, enabled });

  const rows = (list?.rows ?? []).filter((r) => showAll || r.kind !== 'other');
  const planNames = list?.plan ?? [];

  return (
    <Card data-testid="csr-panel">
      <CardTitle>{t('cluster.csr.title')}</CardTitle>
      <CardBody>
        <Stack hasGutter>
          <StackItem>
            <Content component="p">{t('cluster.csr.intro')}</Content>
          </StackItem>
          {error ? (
            <StackItem>
              <ErrorAlert error={error} onClose={clearError} />
            </StackItem>
          ) : null}
          <StackItem>
            <ExpectedWorker saved={list?.expected} loading={data.listLoading} saving={busy === 'worker'} save={saveWorker} />
          </StackItem>
          {!list?.expected && !data.listLoading && (
            <StackItem>
              <Alert variant="info" isInline title={t('cluster.csr.noWorker')} />
            </StackItem>
          )}
          {list?.expected && <AutoApproveSection auto={auto} onToggle={toggleAuto} />}
          {notice.map((n, i) => (
            <StackItem key={i}>
              <Alert variant={n.variant} isInline isPlain title={n.text} data-testid="csr-notice" />
            </StackItem>
          ))}
          <StackItem>
            <CsrToolbar planCount={planNames.length} busy={busy} onApproveAll={() => approve()} onRefresh={() => void data.refresh()} showAll={showAll} setShowAll={setShowAll} />
            <CsrTable rows={rows} expanded={expanded} setExpanded={setExpanded} busy={busy} onApprove={(name) => approve([name])} />
          </StackItem>
          {list?.expected && join && <JoinProgress join={join} />}
          <StackItem>
            <Content component="h3">{t('cluster.csr.commands')}</Content>
            <CommandBlock
              id="csr-commands"
              text={['oc get csr', approveNamedCommand(planNames) ?? '', expectedName ? `oc get node ${expectedName} -w` : 'oc get nodes -w'].filter(Boolean).join('\n')}
              target="laptop"
            />
          </StackItem>
        </Stack>
      </CardBody>
    </Card>
  );
}

type Notice = { variant: 'success' | 'warning'; text: string };

/** One line per CSR the technician asked to approve: approved, or why not. */
function approvalNotices(results: MethodOutput<'csr.approve'>, t: (key: string, params?: Record<string, unknown>) => string): Notice[] {
  if (!results.length) return [{ variant: 'warning', text: t('cluster.csr.nothingToApprove') }];
  return results.map((r) =>
    r.ok
      ? { variant: 'success' as const, text: t('cluster.csr.approved', { name: r.name }) }
      : { variant: 'warning' as const, text: t('cluster.csr.notApproved', { name: r.name, message: r.error ? describeError(r.error, (k, p) => t(k, p)) : '' }) },
  );
}
