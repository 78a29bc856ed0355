import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Content, Stack } from '@patternfly/react-core';
import { Alert } from '../../components/pf/translated';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ManualCsrAdvice } from '../../components/cluster/ManualCsrAdvice';
import { CsrPanel } from '../../components/cluster/CsrPanel';
import { canReset, hostPhase } from '../../../shared/assisted/status';
import type { StepProps } from './AssistedFlow';
import { useAction } from './useAssisted';
import { statusInfoText } from './labels';
import { ServiceText } from '../../components/ServiceText';

/**
 * Step "Finish": what each outcome means. added-to-existing-cluster = the host rebooted, not joined:
 * hand over to CSR approval and node Ready; pending-user-action = boot order / media; error = reset.
 */
export function FinishStep({ job, state, onState }: StepProps) {
  const { t } = useTranslation();
  const api = useApi();
  const host = state.hosts.find((h) => h.id === state.data.selectedHostId) ?? state.hosts[0];
  const saved = state.data.selectedHostId ? state.data.hosts[state.data.selectedHostId] : Object.values(state.data.hosts)[0];
  const status = host?.status ?? saved?.status ?? '';
  const name = host?.displayName ?? saved?.name ?? 'worker-0';
  const phase = hostPhase(status);
  const reset = useAction(
    useCallback(() => api.call('assisted.reset', { id: job.id, hostId: host?.id ?? '' }), [api, job.id, host?.id]),
    onState,
  );
  // With a kubeconfig the app approves the node's CSRs itself (cluster flow); without, it shows the commands.
  const connected = (job.data.cluster as { source?: string } | undefined)?.source === 'kubeconfig';

  return (
    <Stack hasGutter data-testid="assisted-finish" data-status={status}>
      {phase === 'rebooted' && (
        <>
          <Alert variant="success" isInline title={t('assisted.outcome.rebootedTitle')} data-testid="assisted-rebooted">
            {t('assisted.outcome.rebooted')}
          </Alert>
          <Content component="h4">{t('assisted.outcome.csrTitle')}</Content>
          {connected ? <CsrPanel job={job} /> : <ManualCsrAdvice nodeName={name} idPrefix="assisted" />}
        </>
      )}
      {status === 'installing-pending-user-action' && (
        <Alert variant="warning" isInline title={t('assisted.outcome.pendingTitle')} data-testid="assisted-pending">
          {t('assisted.outcome.pending')}
          {host?.statusInfo && (
            <Content component="small" style={{ display: 'block' }}>
              <ServiceText explanation={statusInfoText(t, status)} original={host.statusInfo} />
            </Content>
          )}
        </Alert>
      )}
      {status === 'resetting-pending-user-action' && (
        <Alert variant="info" isInline title={t('assisted.outcome.resettingTitle')}>
          {t('assisted.outcome.resetting')}
        </Alert>
      )}
      {phase === 'failed' && (
        <Alert variant="danger" isInline title={t('assisted.outcome.errorTitle')} data-testid="assisted-error">
          <ServiceText explanation={t('assisted.outcome.error')} original={host?.statusInfo} />
        </Alert>
      )}
      {host && canReset(host.status) && (
        <div>
          <Button variant="secondary" isDanger onClick={() => void reset.go()} isLoading={reset.busy} isDisabled={reset.busy} data-testid="assisted-finish-reset">
            {t('assisted.install.reset')}
          </Button>
        </div>
      )}
      <ErrorAlert error={reset.error} />
    </Stack>
  );
}
