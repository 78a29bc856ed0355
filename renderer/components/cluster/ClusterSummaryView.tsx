import { useTranslation } from 'react-i18next';
import { DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm, Stack, StackItem } from '@patternfly/react-core';
import { Alert } from '../pf/translated';
import type { ClusterSummary } from '../../../shared/api/domains/cluster';
import { NodesTable } from './NodesTable';

/** Cluster identity, the version gate, the worker-count warning and the nodes, like `oc get nodes`. */
export function ClusterSummaryView({ summary }: { summary: ClusterSummary }) {
  const { t } = useTranslation();
  // The values are the cluster's own (id, version, platform, API address, kubeconfig context), shown as oc prints them.
  const item = (term: string, value: string | undefined, testId: string) => (
    <DescriptionListGroup>
      <DescriptionListTerm>{term}</DescriptionListTerm>
      <DescriptionListDescription data-testid={testId} data-verbatim>
        {value || '—'}
      </DescriptionListDescription>
    </DescriptionListGroup>
  );
  return (
    <Stack hasGutter data-testid="cluster-summary">
      {summary.insecure && (
        <StackItem>
          <Alert variant="warning" isInline title={t('cluster.summary.insecure')} />
        </StackItem>
      )}
      {!summary.versionSupported && (
        <StackItem>
          <Alert variant="danger" isInline title={t('cluster.summary.versionTooOld', { version: summary.version })} data-testid="cluster-version-too-old" />
        </StackItem>
      )}
      {summary.tooManyWorkers && (
        <StackItem>
          <Alert variant="warning" isInline title={t('cluster.summary.tooManyWorkers', { count: summary.workerCount })} data-testid="cluster-too-many-workers" />
        </StackItem>
      )}
      <StackItem>
        <DescriptionList isCompact isHorizontal columnModifier={{ default: '2Col' }}>
          {item(t('cluster.summary.clusterId'), summary.clusterId, 'cluster-summary-id')}
          {item(t('cluster.summary.version'), summary.version, 'cluster-summary-version')}
          {item(t('cluster.summary.apiUrl'), summary.apiServerUrl, 'cluster-summary-api')}
          {item(t('cluster.summary.platform'), summary.platform, 'cluster-summary-platform')}
          {item(t('cluster.summary.architecture'), summary.architecture, 'cluster-summary-arch')}
          {item(t('cluster.summary.context'), `${summary.contextName} (${summary.server})`, 'cluster-summary-context')}
        </DescriptionList>
      </StackItem>
      <StackItem>
        <NodesTable nodes={summary.nodes} />
      </StackItem>
      <StackItem>
        <Alert variant="info" isInline isPlain title={t('cluster.summary.ingressNote')} />
      </StackItem>
    </Stack>
  );
}
