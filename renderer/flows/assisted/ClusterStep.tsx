import { WizardNext } from '../../components/wizard/wizard-context';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionGroup, Button, Content, Form, FormGroup, TextInput } from '@patternfly/react-core';
import { Alert, ClipboardCopy } from '../../components/pf/translated';
import { useApi } from '../../api/context';
import { ClusterConnect } from '../../components/cluster/ClusterConnect';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { StepProps } from './AssistedFlow';
import { useAction } from './useAssisted';
import { placeError } from '../../components/wizard/field-errors';
import { FieldMessages } from '../../components/wizard/FieldMessages';
import { filledFromKubeconfig, type ClusterSummary } from './cluster-source';
import { useAutosave } from '../../components/wizard/use-autosave';
import { clusterDraft, useDraftSave } from './drafts';
import { VerbatimText } from '../../components/VerbatimText';

/**
 * Step "Cluster details": OpenShift cluster id, API host and version. Values from the cluster
 * step of the kubeconfig (job.data.cluster) are used when present; otherwise the technician types them.
 */
export function ClusterStep({ job, state, onState, onNext }: StepProps) {
  const { t } = useTranslation();
  const api = useApi();
  const fromKube = job.data.cluster as ClusterSummary | undefined;
  const saved = state.data.cluster;
  // What was typed last (saved as typed) comes first, then what was sent, then the kubeconfig's values.
  const draft = useMemo(() => clusterDraft(job), [job]);
  const [clusterId, setClusterId] = useState(draft.clusterId ?? saved?.openshiftClusterId ?? fromKube?.clusterId ?? '');
  const [apiHost, setApiHost] = useState(draft.apiHost ?? saved?.apiHost ?? fromKube?.apiHost ?? fromKube?.apiServerUrl ?? '');
  const [version, setVersion] = useState(draft.version ?? saved?.version ?? fromKube?.version ?? '');
  const autosave = useAutosave({ clusterId, apiHost, version }, useDraftSave(job, 'cluster'));
  const source = fromKube?.clusterId && fromKube.clusterId === clusterId ? 'kubeconfig' : 'manual';

  const save = useAction(
    useCallback(
      (id?: string, host?: string, ver?: string, from?: 'kubeconfig' | 'manual') =>
        api.call('assisted.setCluster', { id: job.id, openshiftClusterId: id ?? clusterId, apiHost: host ?? apiHost, version: ver ?? version, source: from ?? source }),
      [api, job.id, clusterId, apiHost, version, source],
    ),
    onState,
  );
  const prepare = useAction(
    useCallback(() => api.call('assisted.prepareCluster', { id: job.id }), [api, job.id]),
    onState,
  );
  const { byField, unplaced } = placeError(save.error, { paths: { openshiftClusterId: 'clusterId', apiHost: 'apiHost', version: 'version' } });
  // The shared cluster step (kubeconfig or typed values) saved job.data.cluster: adopt it here.
  const adopt = async () => {
    const fresh = await api.call('jobs.get', { id: job.id });
    const c = fresh.data.cluster as (ClusterSummary & { source?: string }) | undefined;
    if (!c?.clusterId || !c.version) return;
    const host = c.apiHost ?? c.apiServerUrl ?? '';
    setClusterId(c.clusterId);
    setApiHost(host);
    setVersion(c.version);
    await save.go(c.clusterId, host, c.version, c.source === 'kubeconfig' ? 'kubeconfig' : 'manual');
  };
  const unchanged = saved && saved.openshiftClusterId === clusterId.trim().toLowerCase() && saved.version === version.trim();

  return (
    <>
      <Content component="p">{t('assisted.cluster.intro')}</Content>
      <ClusterConnect job={job} onConnected={() => void adopt()} />
      {filledFromKubeconfig(fromKube, { clusterId, apiHost, version }) && (
        <Alert variant="info" isInline isPlain title={t('assisted.cluster.fromKubeconfig')} style={{ marginTop: 16 }} data-testid="assisted-from-kubeconfig" />
      )}
      <Content component="h4" style={{ marginTop: 16 }}>
        {t('assisted.cluster.sendTitle')}
      </Content>
      <Form
        onSubmit={(e) => {
          e.preventDefault();
          void save.go();
        }}
        maxWidth="640px"
      >
        <FormGroup label={t('assisted.cluster.clusterId')} fieldId="assisted-cluster-id" isRequired>
          <TextInput id="assisted-cluster-id" data-testid="assisted-cluster-id" validated={byField.clusterId ? 'error' : 'default'} value={clusterId} onChange={(_e, v) => setClusterId(v)} />
          <FieldMessages messages={byField.clusterId} help={t('assisted.cluster.clusterIdHelp')} testId="assisted-cluster-id-help" />
        </FormGroup>
        <FormGroup label={t('assisted.cluster.apiHost')} fieldId="assisted-api-host" isRequired>
          <TextInput id="assisted-api-host" data-testid="assisted-api-host" validated={byField.apiHost ? 'error' : 'default'} value={apiHost} onChange={(_e, v) => setApiHost(v)} />
          <FieldMessages messages={byField.apiHost} help={t('assisted.cluster.apiHostHelp')} testId="assisted-api-host-help" />
        </FormGroup>
        <FormGroup label={t('assisted.cluster.version')} fieldId="assisted-version" isRequired>
          <TextInput id="assisted-version" data-testid="assisted-version" validated={byField.version ? 'error' : 'default'} value={version} onChange={(_e, v) => setVersion(v)} />
          <FieldMessages messages={byField.version} help={t('assisted.cluster.versionHelp')} testId="assisted-version-help" />
        </FormGroup>
        <ErrorAlert error={unplaced} />
        <ErrorAlert error={autosave.error} />
        <ActionGroup>
          <Button type="submit" isLoading={save.busy} isDisabled={save.busy || !clusterId || !apiHost || !version} data-testid="assisted-save-cluster">
            {t('assisted.cluster.save')}
          </Button>
        </ActionGroup>
      </Form>
      {saved && (
        <div style={{ marginTop: 24 }}>
          <Content component="p">
            <VerbatimText text={t('assisted.cluster.names', { name: saved.name, baseDomain: saved.baseDomain })} values={{ name: saved.name, baseDomain: saved.baseDomain }} />
          </Content>
          <Content component="small">{t('assisted.cluster.apiVip')}</Content>
          <ClipboardCopy isReadOnly hoverTip={t('common.copy')} clickTip={t('common.copied')}>
            {saved.apiHost}
          </ClipboardCopy>
          <div style={{ marginTop: 16 }}>
            <Button onClick={() => void prepare.go()} isLoading={prepare.busy} isDisabled={prepare.busy || !unchanged} data-testid="assisted-prepare">
              {prepare.busy ? t('assisted.cluster.preparing') : t('assisted.cluster.prepare')}
            </Button>
          </div>
          <ErrorAlert error={prepare.error} />
          {state.data.clusterId && (
            <div style={{ marginTop: 16 }} data-testid="assisted-cluster-ready">
              <Content component="p">
                <VerbatimText
                  text={t('assisted.cluster.prepared', { id: state.data.clusterId, status: state.clusterStatus ?? 'adding-hosts' })}
                  values={{ id: state.data.clusterId, status: state.clusterStatus ?? 'adding-hosts' }}
                />
              </Content>
              <ClipboardCopy isReadOnly hoverTip={t('common.copy')} clickTip={t('common.copied')}>
                {state.data.clusterId}
              </ClipboardCopy>
              {state.data.clusterImported && <Content component="small">{t('assisted.cluster.importedNote')}</Content>}
              <WizardNext onClick={() => onNext('iso')} testId="assisted-next-iso">
                {t('common.next')}
              </WizardNext>
            </div>
          )}
        </div>
      )}
    </>
  );
}
