import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionGroup, Alert, Button, Form, FormGroup, FormHelperText, FormSelect, FormSelectOption, HelperText, HelperTextItem, TextInput } from '@patternfly/react-core';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ARCHITECTURES, clusterFacts, parseVersion, versionSupported } from './state';
import type { StepProps } from './ManualFlow';

/**
 * Which cluster and release. Uses the cluster connection (data.cluster) when the job has one;
 * otherwise the technician types the version and architecture and, optionally, the kubeconfig
 * used to read worker.ign.
 */
export function ClusterStep({ job, state, onNext }: StepProps) {
  const { t } = useTranslation();
  const api = useApi();
  const facts = clusterFacts(job, state);
  const [kubeconfigPath, setKubeconfig] = useState(facts.kubeconfigPath ?? '');
  const [context, setContext] = useState(facts.context ?? '');
  const [version, setVersion] = useState(facts.version ?? '');
  const [architecture, setArchitecture] = useState(facts.architecture ?? 'x86_64');
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const versionProblem = version.trim() === '' ? undefined : !parseVersion(version) ? 'versionInvalid' : !versionSupported(version) ? 'versionTooOld' : undefined;
  const canSave = version.trim() !== '' && !versionProblem;

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const cluster = { version: version.trim(), architecture, ...(kubeconfigPath.trim() ? { kubeconfigPath: kubeconfigPath.trim() } : {}), ...(context.trim() ? { context: context.trim() } : {}) };
      await api.call('manual.saveState', { jobId: job.id, patch: { cluster }, step: 'workerIgn' });
      onNext('workerIgn');
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form onSubmit={(e) => e.preventDefault()} data-testid="manual-cluster-step">
      <p>{t('manual.wizard.cluster.intro')}</p>
      {facts.connected && (
        <Alert variant="success" isInline title={t('manual.wizard.cluster.fromCluster', { server: facts.server ?? '', version: facts.version ?? '' })} />
      )}
      {!facts.connected && (
        <>
          <FormGroup label={t('manual.wizard.cluster.kubeconfig')} fieldId="manual-kubeconfig">
            <TextInput id="manual-kubeconfig" value={kubeconfigPath} onChange={(_e, v) => setKubeconfig(v)} data-testid="manual-kubeconfig" />
            <FormHelperText>
              <HelperText>
                <HelperTextItem>{t('manual.wizard.cluster.kubeconfigHelp')}</HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>
          <FormGroup label={t('manual.wizard.cluster.context')} fieldId="manual-context">
            <TextInput id="manual-context" value={context} onChange={(_e, v) => setContext(v)} />
          </FormGroup>
          <FormGroup label={t('manual.wizard.cluster.version')} isRequired fieldId="manual-version">
            <TextInput id="manual-version" value={version} onChange={(_e, v) => setVersion(v)} validated={versionProblem ? 'error' : 'default'} data-testid="manual-version" />
            <FormHelperText>
              <HelperText>
                <HelperTextItem variant={versionProblem ? 'error' : 'default'} data-testid="manual-version-help">
                  {versionProblem ? t(`manual.wizard.cluster.${versionProblem}`, { version }) : t('manual.wizard.cluster.versionHelp')}
                </HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>
        </>
      )}
      <FormGroup label={t('manual.wizard.cluster.architecture')} fieldId="manual-arch">
        <FormSelect id="manual-arch" value={architecture} onChange={(_e, v) => setArchitecture(v)} data-testid="manual-arch" isDisabled={facts.connected && Boolean(facts.architecture)}>
          {ARCHITECTURES.map((a) => (
            <FormSelectOption key={a} value={a} label={a} />
          ))}
        </FormSelect>
      </FormGroup>
      <ErrorAlert error={error} />
      <ActionGroup>
        <Button
          onClick={() => (facts.connected ? void api.call('manual.saveState', { jobId: job.id, patch: { cluster: { architecture } }, step: 'workerIgn' }).then(() => onNext('workerIgn'), setError) : void save())}
          isDisabled={facts.connected ? !versionSupported(facts.version) : !canSave || saving}
          isLoading={saving}
          data-testid="manual-cluster-save"
        >
          {t('manual.wizard.next')}
        </Button>
      </ActionGroup>
    </Form>
  );
}
