import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Form, FormGroup, FormSelect, FormSelectOption } from '@patternfly/react-core';
import { useContractMutation } from '../../api/query';
import { Alert } from '../../components/pf/translated';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ClusterConnect } from '../../components/cluster/ClusterConnect';
import { ARCHITECTURES, clusterFacts, versionSupported } from './state';
import type { StepProps } from './ManualFlow';
import { WizardNext } from '../../components/wizard/wizard-context';

/**
 * Which cluster and release: the shared cluster connection (kubeconfig, or cluster id / API host /
 * version typed in) saves job.data.cluster; this step adds the new node's architecture and refuses
 * releases older than 4.11.
 */
export function ClusterStep({ job, state, onNext }: StepProps) {
  const { t } = useTranslation();
  const facts = clusterFacts(job, state);
  const [architecture, setArchitecture] = useState(facts.architecture ?? 'x86_64');
  const tooOld = facts.connected && !versionSupported(facts.version);
  const save = useContractMutation('manual.saveState', { onSuccess: () => onNext('workerIgn') });
  const next = () => save.mutate({ jobId: job.id, patch: { cluster: { architecture } }, step: 'workerIgn' });

  return (
    <div data-testid="manual-cluster-step">
      <p>{t('manual.wizard.cluster.intro')}</p>
      <div style={{ marginTop: 16 }}>
        <ClusterConnect job={job} />
      </div>
      {facts.connected && (
        <Form onSubmit={(e) => e.preventDefault()} style={{ marginTop: 16 }}>
          {tooOld && <Alert variant="danger" isInline title={t('manual.wizard.cluster.versionTooOld', { version: facts.version ?? '' })} data-testid="manual-version-too-old" />}
          <FormGroup label={t('manual.wizard.cluster.architecture')} fieldId="manual-arch">
            <FormSelect id="manual-arch" value={architecture} onChange={(_e, v) => setArchitecture(v)} data-testid="manual-arch">
              {ARCHITECTURES.map((a) => (
                <FormSelectOption key={a} value={a} label={a} />
              ))}
            </FormSelect>
          </FormGroup>
          <ErrorAlert error={save.error} />
          <WizardNext onClick={next} isDisabled={tooOld || save.isPending} isLoading={save.isPending} testId="manual-cluster-save">
            {t('manual.wizard.next')}
          </WizardNext>
        </Form>
      )}
    </div>
  );
}
