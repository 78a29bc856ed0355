import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Content } from '@patternfly/react-core';
import type { FlowProps } from '../registry';
import type { NodeImageState } from '../../../shared/api/domains/nodeimage';
import { nodeImageState, nodeImageStepStates, stepIds, type StepId } from './state';
import { WizardShell } from '../../components/wizard/WizardShell';
import { useWizardNav } from '../../components/wizard/use-wizard-nav';
import { ErrorAlert } from '../../components/ErrorAlert';
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
  const state = useMemo(() => nodeImageState(job), [job]);
  const states = useMemo(() => nodeImageStepStates(job, state), [job, state]);
  const { current, go, saveError } = useWizardNav(job, stepIds, states);
  const props: NodeImageStepProps = { job, state, onNext: go };

  return (
    <div data-testid="nodeimage-flow">
      <Content component="p">{t('nodeimage.intro')}</Content>
      <WizardShell
        job={job}
        ids={stepIds}
        states={states}
        current={current}
        onGo={go}
        label={(s) => t(`nodeimage.steps.${s}`)}
        navLabel={t('app.home.kind.nodeimage')}
        prefix="nodeimage"
        helpTopic={(s) => `nodeimage.${s}` as const}
      >
        {current === 'cluster' && <ClusterStep {...props} />}
        {current === 'host' && <HostStep {...props} />}
        {current === 'oc' && <OcStep {...props} />}
        {current === 'create' && <CreateStep {...props} />}
        {current === 'iso' && <IsoStep {...props} />}
        {current === 'join' && <JoinStep {...props} />}
        <ErrorAlert error={saveError} />
      </WizardShell>
    </div>
  );
}
