import { WizardAction, WizardNext } from '../../components/wizard/wizard-context';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Content, ExpandableSection, Progress, Stack } from '@patternfly/react-core';
import { Alert, ClipboardCopy } from '../../components/pf/translated';
import { useApi, useApiEvent } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CommandBlock } from '../../components/CommandBlock';
import { UsbWriter } from '../../components/usb/UsbWriter';
import { formatBytes } from '../../../shared/assisted/host-display';
import type { StepProps } from './AssistedFlow';
import { useAction } from './useAssisted';
import { useContractMutation } from '../../api/query';

/** Step "Download discovery ISO": into the cache with progress; the signed link is shown on request only. */
export function DownloadStep({ job, state, onState, onNext }: StepProps) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [progress, setProgress] = useState<{ bytes: number; total?: number } | null>(null);
  // The link is asked for only on request: it carries a token and is never saved.
  const imageUrl = useContractMutation('assisted.imageUrl');
  const link = imageUrl.data;
  const iso = state.data.iso;
  const infraEnv = state.data.infraEnv;

  // The artifact cache reports the ISO's progress under the id the backend named in the state (never rebuilt here).
  useApiEvent('artifacts.progress', (p) => {
    if (p.id === state.isoFile?.artifactId) setProgress(p.state === 'done' ? null : { bytes: p.bytes, ...(p.total !== undefined ? { total: p.total } : {}) });
  });

  const download = useAction(
    useCallback(async () => {
      setProgress({ bytes: 0 });
      try {
        return await api.call('assisted.downloadIso', { id: job.id });
      } finally {
        setProgress(null);
      }
    }, [api, job.id]),
    onState,
  );

  const showLink = () => imageUrl.mutate({ id: job.id });

  const percent = progress?.total ? Math.floor((progress.bytes / progress.total) * 100) : undefined;
  const expires = link?.expiresAt ?? infraEnv?.expiresAt;

  return (
    <Stack hasGutter>
      <Content component="p">{t('assisted.download.intro')}</Content>
      <WizardAction isPrimary={!iso} onClick={() => void download.go()} isLoading={download.busy} isDisabled={download.busy} testId="assisted-download">
        {t('assisted.download.start')}
      </WizardAction>
      {download.busy && (
        <Progress
          data-testid="assisted-download-progress"
          value={percent ?? 0}
          title={t('assisted.download.downloading', { done: formatBytes(progress?.bytes ?? 0), total: formatBytes(progress?.total) })}
          measureLocation={percent === undefined ? 'none' : 'outside'}
        />
      )}
      <ErrorAlert error={download.error} />
      {iso && (
        <Alert variant="success" isInline title={t('assisted.download.done', { path: iso.path, size: formatBytes(iso.size) })} data-testid="assisted-iso-done">
          <ClipboardCopy isReadOnly hoverTip={t('common.copy')} clickTip={t('common.copied')}>
            {iso.path}
          </ClipboardCopy>
          {iso.sha256 && (
            <>
              <Content component="small">{t('assisted.download.sha256')}</Content>
              <ClipboardCopy isReadOnly hoverTip={t('common.copy')} clickTip={t('common.copied')}>
                {iso.sha256}
              </ClipboardCopy>
            </>
          )}
        </Alert>
      )}
      <Content component="p">{t('assisted.download.bootHint')}</Content>
      {iso && (
        <ExpandableSection toggleText={t('assisted.download.writeUsb')} data-testid="assisted-usb">
          <UsbWriter imagePath={iso.path} {...(iso.sha256 ? { expectedSha256: iso.sha256 } : {})} jobId={job.id} />
        </ExpandableSection>
      )}
      <div>
        <Button variant="secondary" onClick={showLink} data-testid="assisted-show-link">
          {t('assisted.download.getUrl')}
        </Button>
      </div>
      <ErrorAlert error={imageUrl.error} />
      {link && (
        <>
          <Alert variant="warning" isInline isPlain title={t('assisted.download.urlNote')} />
          <ClipboardCopy isReadOnly hoverTip={t('common.copy')} clickTip={t('common.copied')} data-testid="assisted-iso-url">
            {link.url}
          </ClipboardCopy>
          <Content component="small">{t('assisted.download.wget')}</Content>
          <CommandBlock id="assisted-wget" text={`wget -O ${state.isoFile?.name ?? 'discovery.iso'} '${link.url}'`} target="laptop" />
        </>
      )}
      {expires && <Content component="small">{t('assisted.download.expires', { time: new Date(expires).toLocaleString(i18n.language) })}</Content>}
      <WizardNext onClick={() => onNext('hosts')} testId="assisted-next-hosts">
        {t('assisted.download.skip')}
      </WizardNext>
    </Stack>
  );
}
