import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Content, ProgressStep, ProgressStepper, Sidebar, SidebarContent, SidebarPanel, Title } from '@patternfly/react-core';
import type { FlowProps } from '../registry';
import { useApi } from '../../api/context';
import type { NodeImageState } from '../../../shared/api/domains/nodeimage';
import { enabledSteps, initialStep, nodeImageState, stepIds, type StepId } from './state';
import { ClusterStep } from './ClusterStep';
import { HostStep } from './HostStep';
import { OcStep } from './OcStep';
import { CreateStep } from './CreateStep';
import { IsoStep } from './IsoStep';
import { JoinStep } from './JoinStep';

export interface NodeImageStepProps {
  job: FlowProps['job'];
  state: NodeImageState;
  onNext: (s: StepId) => void;
}

/**
 * The node-image path (OpenShift 4.17+): cluster -> host, network and disk (nodes-config.yaml) ->
 * the cluster's oc -> oc adm node-image create -> the ISO (48-hour token) and the USB writer ->
 * monitor, CSR approval and node Ready. Inputs are saved in job.data.nodeimage.
 */
export function NodeImageFlow({ job }: FlowProps) {
  const { t } = useTranslation();
  const api = useApi();
  const state = useMemo(() => nodeImageState(job), [job]);
  const enabled = useMemo(() => enabledSteps(job, state), [job, state]);
  const [chosen, setChosen] = useState<StepId | null>(null);
  const current = chosen && enabled[chosen] ? chosen : initialStep(job.step, enabled);
  const go = (s: StepId) => {
    setChosen(s);
    void api.call('jobs.update', { id: job.id, step: s }).catch(() => undefined);
  };
  const props: NodeImageStepProps = { job, state, onNext: go };
  const index = stepIds.indexOf(current);

  return (
    <div data-testid="nodeimage-flow">
      <Content component="p">{t('nodeimage.intro')}</Content>
      <Sidebar hasBorder hasGutter style={{ marginTop: 16 }}>
        <SidebarPanel width={{ default: 'width_25' }}>
          <ProgressStepper isVertical aria-label={t('app.home.kind.nodeimage')} data-testid="nodeimage-nav">
            {stepIds.map((s, i) => (
              <ProgressStep
                key={s}
                id={`nodeimage-step-${s}`}
                titleId={`nodeimage-step-${s}-title`}
                variant={s === current ? 'info' : enabled[s] && i < index ? 'success' : 'pending'}
                isCurrent={s === current}
                aria-label={t(`nodeimage.steps.${s}`)}
              >
                {enabled[s] && s !== current ? (
                  <Button variant="link" isInline onClick={() => go(s)} data-testid={`nodeimage-go-${s}`}>
                    {t(`nodeimage.steps.${s}`)}
                  </Button>
                ) : (
                  t(`nodeimage.steps.${s}`)
                )}
              </ProgressStep>
            ))}
          </ProgressStepper>
        </SidebarPanel>
        <SidebarContent style={{ minWidth: 0, overflowX: 'auto' }}>
          <Title headingLevel="h3" data-testid="nodeimage-step-title">
            {t(`nodeimage.steps.${current}`)}
          </Title>
          <div style={{ marginTop: 16 }}>
            {current === 'cluster' && <ClusterStep {...props} />}
            {current === 'host' && <HostStep {...props} />}
            {current === 'oc' && <OcStep {...props} />}
            {current === 'create' && <CreateStep {...props} />}
            {current === 'iso' && <IsoStep {...props} />}
            {current === 'join' && <JoinStep {...props} />}
          </div>
        </SidebarContent>
      </Sidebar>
    </div>
  );
}
