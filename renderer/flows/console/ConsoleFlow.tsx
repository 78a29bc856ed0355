import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Content } from '@patternfly/react-core';
import type { FlowProps } from '../registry';
import { ErrorAlert } from '../../components/ErrorAlert';
import { WizardShell } from '../../components/wizard/WizardShell';
import { useWizardNav } from '../../components/wizard/use-wizard-nav';
import { consoleStepStates, stepIds } from './state';
import { ConsoleStep, InstallStep, IsoStep, JoinStep } from './ConsoleSteps';

/**
 * The OCM console path: the technician adds the host in the OpenShift Cluster Manager web console
 * (Add hosts, download the ISO there), then this wizard hands over to writing the ISO, approving the
 * node's CSRs and checking it is Ready, and the job is marked done. Typed values are saved in
 * job.data.console as they are typed.
 */
export function ConsoleFlow({ job }: FlowProps) {
  const { t } = useTranslation();
  const states = useMemo(() => consoleStepStates(job), [job]);
  const { current, go, saveError } = useWizardNav(job, stepIds, states);
  return (
    <div data-testid="console-flow">
      <Content component="p">{t('console.intro')}</Content>
      <WizardShell
        job={job}
        ids={stepIds}
        states={states}
        current={current}
        onGo={go}
        label={(s) => t(`console.steps.${s}`)}
        navLabel={t('console.title')}
        prefix="console"
        helpTopic={(s) => `console.${s}` as const}
      >
        {current === 'console' && <ConsoleStep job={job} />}
        {current === 'iso' && <IsoStep job={job} />}
        {current === 'install' && <InstallStep />}
        {current === 'join' && <JoinStep job={job} />}
        <ErrorAlert error={saveError} />
      </WizardShell>
    </div>
  );
}
