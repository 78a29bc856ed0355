import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ActionGroup,
  Button,
  Card,
  CardBody,
  CardTitle,
  Checkbox,
  Content,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  Spinner,
  Tab,
  Tabs,
  TabTitleText,
  TextInput,
} from '@patternfly/react-core';
import { Alert, HelperTextItem } from '../pf/translated';
import type { Job } from '../../../shared/api/domains/jobs';
import { clusterDataSchema, type ClusterSummary } from '../../../shared/api/domains/cluster';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../ErrorAlert';
import { ClusterSummaryView } from './ClusterSummaryView';
import { PracticeClusterPicker } from './PracticeClusterPicker';
import { useContractMutation } from '../../api/query';
import { placeError } from '../wizard/field-errors';
import { FieldMessages } from '../wizard/FieldMessages';

/** The typed-by-hand form's refusals, at their fields (never the schema library's raw output). */
const MANUAL_FIELDS = { paths: { clusterId: 'clusterId', apiHost: 'apiHost', version: 'version' }, codes: { 'cluster.versionTooOld': 'version' } };

interface Props {
  job: Job;
  onConnected?(summary: ClusterSummary | undefined): void;
}

/**
 * First step of both wizards: load a kubeconfig (context picker, visible "insecure" switch) or type
 * cluster id, API host and version by hand; checks version >= 4.11 and saves job.data.cluster.
 */
export function ClusterConnect({ job, onConnected }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const saved = clusterDataSchema.safeParse(job.data.cluster);
  const data = saved.success ? saved.data : undefined;
  const [tab, setTab] = useState<string | number>(data?.source === 'manual' ? 'manual' : 'kubeconfig');
  const [editing, setEditing] = useState(!data);
  const [path, setPath] = useState(data?.kubeconfigPath ?? '');
  const [contexts, setContexts] = useState<{ name: string; server: string; insecure: boolean }[]>([]);
  const [context, setContext] = useState(data?.context ?? '');
  const [insecure, setInsecure] = useState(data?.insecure ?? false);
  const [clusterId, setClusterId] = useState(data?.clusterId ?? '');
  const [apiHost, setApiHost] = useState(data?.apiHost ?? '');
  const [version, setVersion] = useState(data?.version ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [summary, setSummary] = useState<ClusterSummary>();

  const jobId = job.id;
  const source = data?.source;
  useEffect(() => {
    if (source !== 'kubeconfig') return;
    let cancelled = false;
    api.call('cluster.summary', { jobId }).then(
      (s) => !cancelled && setSummary(s),
      (err: unknown) => !cancelled && setError(err),
    );
    return () => {
      cancelled = true;
    };
  }, [api, jobId, source]);

  const readContexts = useCallback(async () => {
    setError(undefined);
    try {
      const found = await api.call('cluster.contexts', path.trim() ? { kubeconfigPath: path.trim() } : {});
      setContexts(found.contexts);
      setContext((c) => c || found.current);
    } catch (err) {
      setError(err);
    }
  }, [api, path]);

  const connect = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const s = await api.call('cluster.connect', {
        jobId,
        ...(path.trim() ? { kubeconfigPath: path.trim() } : {}),
        ...(context ? { context } : {}),
        ...(insecure ? { insecureSkipTlsVerify: true } : {}),
      });
      setSummary(s);
      setEditing(false);
      onConnected?.(s);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const manual = useContractMutation('cluster.saveManual', {
    onSuccess: () => {
      setSummary(undefined);
      setEditing(false);
      onConnected?.(undefined);
    },
  });
  const saveManual = () => manual.mutate({ jobId, clusterId: clusterId.trim(), apiHost: apiHost.trim(), version: version.trim() });
  const { byField, unplaced } = placeError(manual.error, MANUAL_FIELDS);

  return (
    <Card data-testid="cluster-connect">
      <CardTitle>{!editing && data ? t('cluster.summary.title') : t('cluster.connect.title')}</CardTitle>
      <CardBody>
        {error ? <ErrorAlert error={error} onClose={() => setError(undefined)} /> : null}
        {!editing && data ? (
          <>
            {summary ? (
              <ClusterSummaryView summary={summary} />
            ) : data.source === 'manual' ? (
              <Alert variant="info" isInline isPlain title={t('cluster.summary.manual', { clusterId: data.clusterId, apiHost: data.apiHost, version: data.version })}>
                {t('cluster.connect.manualNote')}
              </Alert>
            ) : (
              <Spinner size="md" aria-label={t('cluster.connect.connecting')} />
            )}
            <Button variant="link" isInline onClick={() => setEditing(true)} data-testid="cluster-reconnect">
              {t('cluster.connect.reconnect')}
            </Button>
          </>
        ) : (
          <>
            {/* Practice mode: the practice cluster is the way to connect, so it comes first (in view at 1366x768). */}
            <PracticeClusterPicker
              jobId={jobId}
              onConnected={(s) => {
                setSummary(s);
                setEditing(false);
                onConnected?.(s);
              }}
            />
            <Tabs activeKey={tab} onSelect={(_e, key) => setTab(key)} aria-label={t('cluster.connect.title')}>
              <Tab eventKey="kubeconfig" title={<TabTitleText>{t('cluster.connect.kubeconfigTab')}</TabTitleText>} data-testid="cluster-tab-kubeconfig">
                <Form onSubmit={(e) => e.preventDefault()} style={{ marginTop: 16 }}>
                  <FormGroup label={t('cluster.connect.pathLabel')} fieldId="cluster-kubeconfig">
                    <TextInput id="cluster-kubeconfig" value={path} onChange={(_e, v) => setPath(v)} data-testid="cluster-kubeconfig-path" placeholder="~/.kube/config" />
                    <FormHelperText>
                      <HelperText>
                        <HelperTextItem>{t('cluster.connect.pathHelp')}</HelperTextItem>
                      </HelperText>
                    </FormHelperText>
                  </FormGroup>
                  <FormGroup label={t('cluster.connect.contextLabel')} fieldId="cluster-context">
                    {contexts.length ? (
                      <FormSelect id="cluster-context" value={context} onChange={(_e, v) => setContext(v)} data-testid="cluster-context" aria-label={t('cluster.connect.contextLabel')}>
                        {contexts.map((c) => (
                          <FormSelectOption key={c.name} value={c.name} label={`${c.name} — ${c.server}`} />
                        ))}
                      </FormSelect>
                    ) : (
                      <Button variant="secondary" onClick={() => void readContexts()} data-testid="cluster-read-contexts">
                        {t('cluster.connect.loadContexts')}
                      </Button>
                    )}
                  </FormGroup>
                  <Checkbox id="cluster-insecure" label={t('cluster.connect.insecureLabel')} isChecked={insecure} onChange={(_e, v) => setInsecure(v)} data-testid="cluster-insecure" />
                  {insecure && (
                    <Alert variant="warning" isInline title={t('cluster.connect.insecureLabel')}>
                      {t('cluster.connect.insecureWarning')}
                    </Alert>
                  )}
                  <ActionGroup>
                    <Button variant="primary" onClick={() => void connect()} isLoading={busy} isDisabled={busy} data-testid="cluster-connect-button">
                      {busy ? t('cluster.connect.connecting') : t('cluster.connect.connect')}
                    </Button>
                  </ActionGroup>
                </Form>
              </Tab>
              <Tab eventKey="manual" title={<TabTitleText>{t('cluster.connect.manualTab')}</TabTitleText>} data-testid="cluster-tab-manual">
                <Form onSubmit={(e) => e.preventDefault()} style={{ marginTop: 16 }}>
                  <Content component="small">{t('cluster.connect.manualNote')}</Content>
                  <FormGroup label={t('cluster.connect.clusterIdLabel')} fieldId="cluster-id" isRequired>
                    <TextInput id="cluster-id" value={clusterId} onChange={(_e, v) => setClusterId(v)} validated={byField.clusterId ? 'error' : 'default'} data-testid="cluster-manual-id" />
                    <FieldMessages messages={byField.clusterId} help={t('cluster.connect.clusterIdHelp')} testId="cluster-manual-id-help" />
                  </FormGroup>
                  <FormGroup label={t('cluster.connect.apiHostLabel')} fieldId="cluster-api-host" isRequired>
                    <TextInput
                      id="cluster-api-host"
                      value={apiHost}
                      onChange={(_e, v) => setApiHost(v)}
                      validated={byField.apiHost ? 'error' : 'default'}
                      data-testid="cluster-manual-host"
                      placeholder={t('cluster.connect.apiHostHelp')}
                    />
                    <FieldMessages messages={byField.apiHost} testId="cluster-manual-host-help" />
                  </FormGroup>
                  <FormGroup label={t('cluster.connect.versionLabel')} fieldId="cluster-version" isRequired>
                    <TextInput
                      id="cluster-version"
                      value={version}
                      onChange={(_e, v) => setVersion(v)}
                      validated={byField.version ? 'error' : 'default'}
                      data-testid="cluster-manual-version"
                      placeholder="4.18.12"
                    />
                    <FieldMessages messages={byField.version} help={t('cluster.connect.versionHelp')} testId="cluster-manual-version-help" />
                  </FormGroup>
                  <ErrorAlert error={unplaced} />
                  <ActionGroup>
                    <Button variant="primary" onClick={saveManual} isLoading={manual.isPending} isDisabled={manual.isPending || !clusterId || !apiHost || !version} data-testid="cluster-manual-save">
                      {t('cluster.connect.save')}
                    </Button>
                  </ActionGroup>
                </Form>
              </Tab>
            </Tabs>
          </>
        )}
      </CardBody>
    </Card>
  );
}
