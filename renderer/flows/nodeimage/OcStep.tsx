import { WizardNext } from '../../components/wizard/wizard-context';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionGroup, Button, FormGroup, Progress, TextInput } from '@patternfly/react-core';
import { Alert } from '../../components/pf/translated';
import { useApi, useApiEvent } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { MethodOutput } from '../../../shared/api/contract';
import type { OcInfo } from '../../../shared/api/domains/nodeimage';
import type { DownloadProgress } from '../../../shared/api/domains/artifacts';
import type { NodeImageStepProps } from './NodeImageFlow';

/** The cluster's own oc: looked up in its ConsoleCLIDownload, downloaded through the cache, version-checked; or one the technician picks. */
export function OcStep({ job, state, onNext }: NodeImageStepProps) {
  const { t } = useTranslation();
  const api = useApi();
  const [found, setFound] = useState<MethodOutput<'nodeimage.findOc'>>();
  const [info, setInfo] = useState<OcInfo | undefined>(state.oc);
  const [path, setPath] = useState(state.oc?.source === 'chosen' ? state.oc.path : '');
  const [busy, setBusy] = useState<'find' | 'fetch' | 'use'>();
  const [progress, setProgress] = useState<DownloadProgress>();
  const [error, setError] = useState<unknown>(null);

  useApiEvent('artifacts.progress', (p) => {
    if (p.kind === 'oc' && busy === 'fetch') setProgress(p);
  });
  const act = async (what: 'find' | 'fetch' | 'use', call: () => Promise<void>) => {
    setBusy(what);
    setError(null);
    try {
      await call();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(undefined);
    }
  };
  const find = () => act('find', async () => setFound(await api.call('nodeimage.findOc', { jobId: job.id })));
  const hasOc = Boolean(state.oc);
  // Look the link up when the step opens without an oc.
  useEffect(() => {
    if (!hasOc) api.call('nodeimage.findOc', { jobId: job.id }).then(setFound, setError);
  }, [api, job.id, hasOc]);

  return (
    <div data-testid="nodeimage-oc-step">
      <p>{t('nodeimage.oc.intro')}</p>
      {found?.choice && <Alert variant="info" isInline isPlain title={t('nodeimage.oc.forLaptop', { platform: found.platform, arch: found.arch, text: found.choice.text })} data-testid="ni-oc-link" />}
      {found && !found.choice && <Alert variant="warning" isInline title={t('nodeimage.oc.noLink', { platform: found.platform, arch: found.arch })} data-testid="ni-oc-nolink" />}
      <ActionGroup>
        <Button variant="secondary" onClick={() => void find()} isLoading={busy === 'find'} isDisabled={Boolean(busy)} data-testid="ni-oc-find">
          {t('nodeimage.oc.find')}
        </Button>
        <Button
          variant={info?.usable ? 'secondary' : 'primary'}
          onClick={() => void act('fetch', async () => setInfo(await api.call('nodeimage.fetchOc', { jobId: job.id })))}
          isLoading={busy === 'fetch'}
          isDisabled={Boolean(busy) || (found !== undefined && !found.choice)}
          data-testid="ni-oc-fetch"
        >
          {t('nodeimage.oc.fetch')}
        </Button>
      </ActionGroup>
      {busy === 'fetch' && progress && (
        <Progress value={progress.total ? (100 * progress.bytes) / progress.total : undefined} title={t(`artifacts.states.${progress.state}`)} data-testid="ni-oc-progress" style={{ marginTop: 8 }} />
      )}
      <FormGroup label={t('nodeimage.oc.choosePath')} fieldId="ni-oc-path" style={{ marginTop: 16 }}>
        <TextInput id="ni-oc-path" value={path} onChange={(_e, v) => setPath(v)} placeholder="/usr/local/bin/oc" data-testid="ni-oc-path" />
      </FormGroup>
      <ActionGroup>
        <Button
          variant="secondary"
          onClick={() => void act('use', async () => setInfo(await api.call('nodeimage.useOc', { jobId: job.id, path: path.trim() })))}
          isDisabled={!path.trim() || Boolean(busy)}
          isLoading={busy === 'use'}
          data-testid="ni-oc-use"
        >
          {t('nodeimage.oc.use')}
        </Button>
      </ActionGroup>
      <ErrorAlert error={error} />
      {info && <OcVerdict info={info} />}
      <ActionGroup style={{ marginTop: 16 }}>
        <WizardNext onClick={() => onNext('create')} isDisabled={!info?.usable} testId="ni-oc-next">
          {t('nodeimage.oc.next')}
        </WizardNext>
      </ActionGroup>
    </div>
  );
}

function OcVerdict({ info }: { info: OcInfo }) {
  const { t } = useTranslation();
  const source = info.source === 'cluster' ? t('nodeimage.oc.source.cluster', { sha: (info.sha256 ?? '').slice(0, 12) }) : t('nodeimage.oc.source.chosen');
  return (
    <Alert
      variant={info.usable ? 'success' : 'danger'}
      isInline
      title={t('nodeimage.oc.version', { version: info.version ?? '?', cluster: info.clusterVersion })}
      data-testid="ni-oc-verdict"
      data-verdict={info.verdict}
      style={{ marginTop: 16 }}
    >
      <p>{t(`nodeimage.oc.verdict.${info.verdict}`)}</p>
      <p>
        <code>{info.path}</code> — {source}
      </p>
    </Alert>
  );
}
