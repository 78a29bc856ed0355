import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Content, Flex, Sidebar, SidebarContent, SidebarPanel, Spinner, Title, WizardNav, WizardNavItem } from '@patternfly/react-core';
import type { FlowProps } from '../registry';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { hostPhase } from '../../../shared/assisted/status';
import type { AssistedState } from '../../../shared/api/domains/assisted';
import { useAssistedState } from './useAssisted';
import { ClusterStep } from './ClusterStep';
import { IsoStep } from './IsoStep';
import { DownloadStep } from './DownloadStep';
import { HostsStep } from './HostsStep';
import { InstallStep } from './InstallStep';
import { FinishStep } from './FinishStep';

export const stepIds = ['cluster', 'iso', 'download', 'hosts', 'install', 'finish'] as const;
export type StepId = (typeof stepIds)[number];

/** Which steps are open: each one needs what the previous ones produced. */
export function enabledSteps(state: AssistedState): Record<StepId, boolean> {
  const d = state.data;
  const phases = Object.values(d.hosts).map((h) => hostPhase(h.status));
  return {
    cluster: true,
    iso: Boolean(d.clusterId),
    download: Boolean(d.infraEnv),
    hosts: Boolean(d.infraEnv),
    install: Object.keys(d.hosts).length > 0,
    finish: phases.some((p) => p === 'rebooted' || p === 'needsTechnician' || p === 'failed'),
  };
}

function initialStep(step: string, enabled: Record<StepId, boolean>): StepId {
  const wanted = (stepIds as readonly string[]).includes(step) ? (step as StepId) : 'cluster';
  if (enabled[wanted]) return wanted;
  return [...stepIds].reverse().find((s) => enabled[s]) ?? 'cluster';
}

/**
 * The Assisted Installer day-2 wizard: steps in a sidebar (the Assisted Installer UI's vocabulary),
 * later ones disabled until the earlier ones are done. Polling runs in the main process while the
 * wizard is open, so the job keeps its state even if this window closes.
 */
export function AssistedFlow({ job }: FlowProps) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { state, setState, loadError, reload } = useAssistedState(job.id);
  const [chosen, setChosen] = useState<StepId | null>(null);
  // Where the job was left when it was opened; later saves do not move the technician around.
  const [openedAt] = useState(job.step);
  const enabled = useMemo(() => (state ? enabledSteps(state) : undefined), [state]);
  const hasInfraEnv = Boolean(state?.data.infraEnv);
  // The step the technician picked, while it is open; else where the job was left.
  const current = enabled ? (chosen && enabled[chosen] ? chosen : initialStep(openedAt, enabled)) : null;

  // Poll hosts/events while the wizard is open and there is something to watch.
  useEffect(() => {
    if (!hasInfraEnv) return;
    void api.call('assisted.watch', { id: job.id, active: true }).catch(() => undefined);
    return () => {
      void api.call('assisted.watch', { id: job.id, active: false }).catch(() => undefined);
    };
  }, [api, job.id, hasInfraEnv]);

  if (loadError) return <ErrorAlert error={loadError} />;
  if (!state || !enabled || !current) return <Spinner size="lg" aria-label={t('common.loading')} />;

  const go = (s: StepId) => {
    setChosen(s);
    void api.call('jobs.update', { id: job.id, step: s }).catch(() => undefined);
  };
  const stepProps = { job, state, onState: setState, onNext: go, reload };

  return (
    <div data-testid="assisted-flow">
      {state.practiceMode && <Alert variant="info" isInline isPlain title={t('assisted.practiceBanner')} data-testid="practice-banner" />}
      {state.data.offline && (
        <Alert variant="warning" isInline title={t('assisted.offline')} data-testid="assisted-offline" style={{ marginTop: 8 }} />
      )}
      <Sidebar hasBorder hasGutter style={{ marginTop: 16 }}>
        <SidebarPanel width={{ default: 'width_25' }}>
          {/* The wizard's own nav, outside a full Wizard: keep its look (variables on .pf-v6-c-wizard), drop its overlay positioning. */}
          <div className="pf-v6-c-wizard" style={{ height: 'auto' }}>
          <WizardNav aria-label={t('assisted.title')} style={{ position: 'static', display: 'block', width: '100%', boxShadow: 'none', borderBlockEnd: 'none', borderInlineEnd: 'none' }}>
            {stepIds.map((s, i) => (
              <WizardNavItem
                key={s}
                id={`assisted-step-${s}`}
                data-testid={`step-${s}`}
                stepIndex={i}
                content={t(`assisted.steps.${s}`)}
                isCurrent={current === s}
                isDisabled={!enabled[s]}
                isVisited={enabled[s]}
                onClick={() => go(s)}
              />
            ))}
          </WizardNav>
          </div>
        </SidebarPanel>
        <SidebarContent>
          <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }} alignItems={{ default: 'alignItemsCenter' }}>
            <Title headingLevel="h3">{t(`assisted.steps.${current}`)}</Title>
            {state.data.lastPollAt && (
              <Content component="small">
                {t('assisted.lastPoll', { time: new Date(state.data.lastPollAt).toLocaleTimeString(i18n.language) })}{' '}
                <Button variant="link" isInline onClick={() => void api.call('assisted.refresh', { id: job.id }).then(setState, () => reload())} data-testid="assisted-refresh">
                  {t('assisted.refresh')}
                </Button>
              </Content>
            )}
          </Flex>
          <div style={{ marginTop: 16 }}>
            {current === 'cluster' && <ClusterStep {...stepProps} />}
            {current === 'iso' && <IsoStep {...stepProps} />}
            {current === 'download' && <DownloadStep {...stepProps} />}
            {current === 'hosts' && <HostsStep {...stepProps} />}
            {current === 'install' && <InstallStep {...stepProps} />}
            {current === 'finish' && <FinishStep {...stepProps} />}
          </div>
        </SidebarContent>
      </Sidebar>
    </div>
  );
}

export interface StepProps {
  job: FlowProps['job'];
  state: AssistedState;
  onState: (s: AssistedState) => void;
  onNext: (s: StepId) => void;
  reload: () => void;
}
