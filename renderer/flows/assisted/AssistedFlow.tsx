import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Content, Spinner } from '@patternfly/react-core';
import { Alert } from '../../components/pf/translated';
import type { FlowProps } from '../registry';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { AssistedState } from '../../../shared/api/domains/assisted';
import { useAssistedState } from './useAssisted';
import { ClusterStep } from './ClusterStep';
import { IsoStep } from './IsoStep';
import { DownloadStep } from './DownloadStep';
import { HostsStep } from './HostsStep';
import { InstallStep } from './InstallStep';
import { FinishStep } from './FinishStep';
import { assistedStepStates, stepIds, type StepId } from './state';
import { WizardShell } from '../../components/wizard/WizardShell';
import { useWizardNav } from '../../components/wizard/use-wizard-nav';

export { stepIds, type StepId } from './state';

/**
 * The Assisted Installer day-2 wizard: steps in a sidebar (the Assisted Installer UI's vocabulary),
 * later ones disabled until the earlier ones are done. Polling runs in the main process while the
 * wizard is open, so the job keeps its state even if this window closes.
 */
export function AssistedFlow({ job }: FlowProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { state, setState, loadError, reload } = useAssistedState(job.id);
  const hasInfraEnv = Boolean(state?.data.infraEnv);

  // Poll hosts/events while the wizard is open and there is something to watch.
  useEffect(() => {
    if (!hasInfraEnv) return;
    void api.call('assisted.watch', { id: job.id, active: true }).catch(() => undefined);
    return () => {
      void api.call('assisted.watch', { id: job.id, active: false }).catch(() => undefined);
    };
  }, [api, job.id, hasInfraEnv]);

  if (loadError) return <ErrorAlert error={loadError} />;
  if (!state) return <Spinner size="lg" aria-label={t('common.loading')} />;
  return <AssistedWizard job={job} state={state} setState={setState} reload={reload} />;
}

function AssistedWizard({ job, state, setState, reload }: { job: FlowProps['job']; state: AssistedState; setState: (s: AssistedState) => void; reload: () => void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const states = useMemo(() => assistedStepStates(job, state), [job, state]);
  const { current, go, saveError } = useWizardNav(job, stepIds, states);
  const stepProps = { job, state, onState: setState, onNext: go, reload };

  return (
    <div data-testid="assisted-flow">
      {state.practiceMode && <Alert variant="info" isInline isPlain title={t('assisted.practiceBanner')} data-testid="practice-banner" />}
      {state.data.offline && <Alert variant="warning" isInline title={t('assisted.offline')} data-testid="assisted-offline" style={{ marginTop: 8 }} />}
      {state.data.lastPollAt && (
        <Content component="small">
          {t('assisted.lastPoll', { time: new Date(state.data.lastPollAt).toLocaleTimeString(i18n.language) })}{' '}
          <Button variant="link" isInline onClick={() => void api.call('assisted.refresh', { id: job.id }).then(setState, () => reload())} data-testid="assisted-refresh">
            {t('assisted.refresh')}
          </Button>
        </Content>
      )}
      <WizardShell
        job={job}
        ids={stepIds}
        states={states}
        current={current}
        onGo={go}
        label={(s) => t(`assisted.steps.${s}`)}
        navLabel={t('assisted.title')}
        prefix="assisted"
        helpTopic={(s) => `assisted.${s}` as const}
      >
        {current === 'cluster' && <ClusterStep {...stepProps} />}
        {current === 'iso' && <IsoStep {...stepProps} />}
        {current === 'download' && <DownloadStep {...stepProps} />}
        {current === 'hosts' && <HostsStep {...stepProps} />}
        {current === 'install' && <InstallStep {...stepProps} />}
        {current === 'finish' && <FinishStep {...stepProps} />}
        <ErrorAlert error={saveError} />
      </WizardShell>
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
