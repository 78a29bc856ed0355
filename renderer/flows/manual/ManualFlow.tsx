import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlowProps } from '../registry';
import { useApi } from '../../api/context';
import type { Generated, ManualState } from '../../../shared/api/domains/manual';
import { manualState, manualStepStates, stepIds, type StepId } from './state';
import { WizardShell } from '../../components/wizard/WizardShell';
import { useWizardNav } from '../../components/wizard/use-wizard-nav';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ClusterStep } from './ClusterStep';
import { WorkerIgnStep } from './WorkerIgnStep';
import { NetworkStep } from './NetworkStep';
import { FilesStep } from './FilesStep';
import { ConsoleStep, JoinStep, UsbStep } from './OtherSteps';
import { ArtifactsStep } from './ArtifactsStep';

export interface StepProps {
  job: FlowProps['job'];
  state: ManualState;
  generated: Generated | null;
  onGenerated: (g: Generated) => void;
  onNext: (s: StepId) => void;
}

/**
 * The manual worker wizard: cluster -> worker.ign -> host name and network -> generated files
 * (and the Ignition server) -> RHCOS ISO -> boot USB -> console steps -> approve and join. All
 * input is saved in job.data.manual, so a closed laptop resumes at the same step.
 */
export function ManualFlow({ job }: FlowProps) {
  const { t } = useTranslation();
  const api = useApi();
  const state = useMemo(() => manualState(job), [job]);
  const states = useMemo(() => manualStepStates(job, state), [job, state]);
  const { current, go, saveError } = useWizardNav(job, stepIds, states);
  const [generated, setGenerated] = useState<Generated | null>(null);
  const generatedAt = state.generated?.generatedAt;

  // The generated files are rebuilt from the saved inputs (hash-checked) after a restart.
  useEffect(() => {
    if (!generatedAt) return;
    let live = true;
    api.call('manual.generated', { jobId: job.id }).then(
      (g) => live && setGenerated(g),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, job.id, generatedAt]);

  const props: StepProps = { job, state, generated, onGenerated: setGenerated, onNext: go };

  return (
    <div data-testid="manual-flow">
      <WizardShell
        job={job}
        ids={stepIds}
        states={states}
        current={current}
        onGo={go}
        label={(s) => t(`manual.wizard.steps.${s}`)}
        navLabel={t('app.home.kind.manual')}
        prefix="manual"
        helpTopic={(s) => `manual.${s}` as const}
      >
        {current === 'cluster' && <ClusterStep {...props} />}
        {current === 'workerIgn' && <WorkerIgnStep {...props} />}
        {current === 'network' && <NetworkStep {...props} />}
        {current === 'files' && <FilesStep {...props} />}
        {current === 'artifacts' && <ArtifactsStep {...props} />}
        {current === 'usb' && <UsbStep {...props} />}
        {current === 'console' && <ConsoleStep {...props} />}
        {current === 'join' && <JoinStep {...props} />}
        <ErrorAlert error={saveError} />
      </WizardShell>
    </div>
  );
}
