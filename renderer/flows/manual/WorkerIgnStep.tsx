import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm, Form, FormGroup, Radio, TextInput } from '@patternfly/react-core';
import { useContractMutation } from '../../api/query';
import { Alert } from '../../components/pf/translated';
import { ErrorAlert } from '../../components/ErrorAlert';
import { clusterFacts } from './state';
import type { StepProps } from './ManualFlow';
import { WizardAction } from '../../components/wizard/wizard-context';

/** worker.ign from the cluster's managed secret or a file, with what it points at and its CA. */
export function WorkerIgnStep({ job, state }: StepProps) {
  const { t, i18n } = useTranslation();
  const facts = clusterFacts(job, state);
  const canCluster = Boolean(facts.kubeconfigPath || facts.context);
  const [from, setFrom] = useState<'cluster' | 'file'>(canCluster ? 'cluster' : 'file');
  const [path, setPath] = useState(state.workerIgn?.source === 'file' ? state.workerIgn.origin : '');
  const info = state.workerIgn;
  const loadIgn = useContractMutation('manual.loadWorkerIgn');
  const loading = loadIgn.isPending;
  const load = () =>
    loadIgn.mutate({
      jobId: job.id,
      from,
      ...(from === 'file' ? { path: path.trim() } : {}),
      ...(!facts.connected && facts.kubeconfigPath ? { kubeconfigPath: facts.kubeconfigPath } : {}),
      ...(!facts.connected && facts.context ? { context: facts.context } : {}),
    });

  return (
    <Form onSubmit={(e) => e.preventDefault()} data-testid="manual-workerign-step">
      <p>{t('manual.wizard.workerIgn.intro')}</p>
      <FormGroup role="radiogroup" fieldId="manual-ign-from" isInline>
        <Radio
          id="manual-ign-cluster"
          name="manual-ign-from"
          label={t('manual.wizard.workerIgn.fromCluster')}
          isChecked={from === 'cluster'}
          isDisabled={!canCluster}
          onChange={() => setFrom('cluster')}
        />
        <Radio
          id="manual-ign-file"
          name="manual-ign-from"
          label={t('manual.wizard.workerIgn.fromFile')}
          isChecked={from === 'file'}
          onChange={() => setFrom('file')}
          data-testid="manual-ign-from-file"
        />
      </FormGroup>
      {from === 'file' && (
        <FormGroup label={t('manual.wizard.workerIgn.filePath')} fieldId="manual-ign-path" isRequired>
          <TextInput id="manual-ign-path" value={path} onChange={(_e, v) => setPath(v)} data-testid="manual-ign-path" />
        </FormGroup>
      )}
      <WizardAction isPrimary={!info} onClick={load} isLoading={loading} isDisabled={loading || (from === 'file' && !path.trim())} testId="manual-ign-load">
        {loading ? t('manual.wizard.workerIgn.loading') : t('manual.wizard.workerIgn.load')}
      </WizardAction>
      <ErrorAlert error={loadIgn.error} />
      {info && (
        <>
          <Alert variant="success" isInline title={t('manual.wizard.workerIgn.loaded', { origin: info.origin })} data-testid="manual-ign-loaded" />
          <DescriptionList isHorizontal isCompact>
            <DescriptionListGroup>
              <DescriptionListTerm>{t('manual.wizard.workerIgn.version')}</DescriptionListTerm>
              <DescriptionListDescription data-testid="manual-ign-version">{info.version}</DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t('manual.wizard.workerIgn.merge')}</DescriptionListTerm>
              <DescriptionListDescription data-testid="manual-ign-merge">{info.mergeSources.join(', ')}</DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t('manual.wizard.workerIgn.ca')}</DescriptionListTerm>
              <DescriptionListDescription>
                {info.ca.length === 0
                  ? t('manual.wizard.workerIgn.noCa')
                  : info.ca.map((c) => <div key={c.sha256}>{t('manual.wizard.workerIgn.caLine', { subject: c.subject, date: new Date(c.notAfter).toLocaleDateString(i18n.language) })}</div>)}
              </DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t('manual.wizard.workerIgn.sha')}</DescriptionListTerm>
              <DescriptionListDescription>
                <code style={{ wordBreak: 'break-all' }}>{info.sha512}</code>
              </DescriptionListDescription>
            </DescriptionListGroup>
          </DescriptionList>
          {info.mergeHost && <Alert variant="info" isInline isPlain title={t('manual.wizard.workerIgn.reachability', { host: info.mergeHost })} />}
        </>
      )}
    </Form>
  );
}
