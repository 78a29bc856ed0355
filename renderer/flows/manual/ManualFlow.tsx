import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ProgressStep, ProgressStepper, Sidebar, SidebarContent, SidebarPanel, Title } from '@patternfly/react-core';
import type { FlowProps } from '../registry';
import { useApi } from '../../api/context';
import type { Generated, ManualState } from '../../../shared/api/domains/manual';
import { enabledSteps, initialStep, manualState, stepIds, type StepId } from './state';
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
  const enabled = useMemo(() => enabledSteps(job, state), [job, state]);
  const [chosen, setChosen] = useState<StepId | null>(null);
  const [generated, setGenerated] = useState<Generated | null>(null);
  const current = chosen && enabled[chosen] ? chosen : initialStep(job.step, enabled);
  const generatedAt = state.generated?.generatedAt;

  // The generated files are rebuilt from the saved inputs (hash-checked) after a restart.
  useEffect(() => {
    if (!generatedAt) return;
    let live = true;
    api.call('manual.generated', { jobId: job.id }).then((g) => live && setGenerated(g), () => undefined);
    return () => {
      live = false;
    };
  }, [api, job.id, generatedAt]);

  const go = (s: StepId) => {
    setChosen(s);
    void api.call('jobs.update', { id: job.id, step: s }).catch(() => undefined);
  };
  const props: StepProps = { job, state, generated, onGenerated: setGenerated, onNext: go };

  return (
    <div data-testid="manual-flow">
      <Sidebar hasBorder hasGutter style={{ marginTop: 16 }}>
        <SidebarPanel width={{ default: 'width_25' }}>
          <ProgressStepper isVertical aria-label={t('app.home.kind.manual')} data-testid="manual-nav">
            {stepIds.map((s, i) => {
              const index = stepIds.indexOf(current);
              return (
                <ProgressStep
                  key={s}
                  id={`manual-step-${s}`}
                  titleId={`manual-step-${s}-title`}
                  data-testid={`manual-nav-${s}`}
                  variant={s === current ? 'info' : enabled[s] && i < index ? 'success' : 'pending'}
                  isCurrent={s === current}
                  aria-label={t(`manual.wizard.steps.${s}`)}
                >
                  {enabled[s] && s !== current ? (
                    <Button variant="link" isInline onClick={() => go(s)} data-testid={`manual-go-${s}`}>
                      {t(`manual.wizard.steps.${s}`)}
                    </Button>
                  ) : (
                    t(`manual.wizard.steps.${s}`)
                  )}
                </ProgressStep>
              );
            })}
          </ProgressStepper>
        </SidebarPanel>
        <SidebarContent style={{ minWidth: 0, overflowX: 'auto' }}>
          <Title headingLevel="h3" data-testid="manual-step-title">
            {t(`manual.wizard.steps.${current}`)}
          </Title>
          <div style={{ marginTop: 16 }}>
            {current === 'cluster' && <ClusterStep {...props} />}
            {current === 'workerIgn' && <WorkerIgnStep {...props} />}
            {current === 'network' && <NetworkStep {...props} />}
            {current === 'files' && <FilesStep {...props} />}
            {current === 'artifacts' && <ArtifactsStep {...props} />}
            {current === 'usb' && <UsbStep {...props} />}
            {current === 'console' && <ConsoleStep {...props} />}
            {current === 'join' && <JoinStep {...props} />}
          </div>
        </SidebarContent>
      </Sidebar>
    </div>
  );
}
