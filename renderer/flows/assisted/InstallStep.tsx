import { WizardAction, WizardNext } from '../../components/wizard/wizard-context';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Content, Label, List, ListItem, Progress, ProgressVariant, Stack, Title } from '@patternfly/react-core';
import { Alert } from '../../components/pf/translated';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { canInstall, canReset, hostPhase, stageStep } from '../../../shared/assisted/status';
import type { StepProps } from './AssistedFlow';
import { useAction } from './useAssisted';
import { eventText, severityLabel, stageLabel, statusInfoText, statusLabel } from './labels';
import { ServiceText } from '../../components/ServiceText';
import { statusColor } from './HostsStep';

/** Step "Installation": install the selected host, follow it stage by stage, read the events. */
export function InstallStep({ job, state, onState, onNext }: StepProps) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const host = state.hosts.find((h) => h.id === state.data.selectedHostId) ?? state.hosts[0];
  const saved = host ? undefined : Object.entries(state.data.hosts)[0];
  const install = useAction(
    useCallback(() => api.call('assisted.install', { id: job.id, hostId: host?.id ?? '' }), [api, job.id, host?.id]),
    onState,
  );
  const reset = useAction(
    useCallback(() => api.call('assisted.reset', { id: job.id, hostId: host?.id ?? '' }), [api, job.id, host?.id]),
    onState,
  );
  const status = host?.status ?? saved?.[1].status ?? '';
  const phase = hostPhase(status);
  const step = stageStep(host?.percentage, host?.progressStages);
  const events = [...state.data.events].reverse().slice(0, 50);

  return (
    <Stack hasGutter>
      <Content component="p">{t('assisted.install.intro')}</Content>
      {host && (
        <div data-testid="install-host">
          <Title headingLevel="h4">
            {host.displayName}{' '}
            <Label color={statusColor(host.status)} data-testid="install-status" data-status={host.status}>
              {statusLabel(t, host.status)}
            </Label>
          </Title>
          <Content component="small">
            <ServiceText explanation={statusInfoText(t, host.status)} original={host.statusInfo} />
          </Content>
        </div>
      )}
      {host && canInstall(host.status) && (
        <WizardAction onClick={() => void install.go()} isLoading={install.busy} isDisabled={install.busy} testId="assisted-install">
          {install.busy ? t('assisted.install.starting') : t('assisted.install.start')}
        </WizardAction>
      )}
      {host && !canInstall(host.status) && (phase === 'blocked' || phase === 'discovering') && <Alert variant="info" isInline isPlain title={t('assisted.install.notReady')} />}
      <ErrorAlert error={install.error} />
      {host?.stage && (
        <Progress
          data-testid="install-progress"
          value={host.percentage ?? 0}
          title={step ? t('assisted.install.stageLineStep', { stage: stageLabel(t, host.stage), ...step }) : t('assisted.install.stageLine', { stage: stageLabel(t, host.stage) })}
          variant={phase === 'failed' ? ProgressVariant.danger : phase === 'rebooted' ? ProgressVariant.success : undefined}
        />
      )}
      {host?.progressInfo && <Content component="small">{host.progressInfo}</Content>}
      {host && canReset(host.status) && (
        <div>
          <Button variant="secondary" isDanger onClick={() => void reset.go()} isLoading={reset.busy} isDisabled={reset.busy} data-testid="assisted-reset">
            {reset.busy ? t('assisted.install.resetting') : t('assisted.install.reset')}
          </Button>
        </div>
      )}
      <ErrorAlert error={reset.error} />
      {(phase === 'rebooted' || phase === 'needsTechnician' || phase === 'failed') && (
        <WizardNext onClick={() => onNext('finish')} testId="assisted-next-finish">
          {t('common.next')}
        </WizardNext>
      )}
      <Title headingLevel="h4">{t('assisted.install.events')}</Title>
      {events.length === 0 ? (
        <Content component="small">{t('assisted.install.noEvents')}</Content>
      ) : (
        <List isPlain isBordered data-testid="assisted-events">
          {events.map((e, i) => (
            <ListItem key={`${e.time}-${i}`}>
              <Content component="small">
                {new Date(e.time).toLocaleString(i18n.language)}{' '}
                {e.severity !== 'info' && (
                  <Label isCompact color={e.severity === 'warning' ? 'orange' : 'red'}>
                    {severityLabel(t, e.severity)}
                  </Label>
                )}
              </Content>{' '}
              <ServiceText explanation={eventText(t, e.name)} original={e.message} />
            </ListItem>
          ))}
        </List>
      )}
    </Stack>
  );
}
