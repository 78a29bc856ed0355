import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, CardBody, CardTitle, Content, Flex, FlexItem, Label, Tooltip } from '@patternfly/react-core';
import { Alert } from '../../components/pf/translated';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FleetExportForm } from './FleetExportForm';
import type { Job } from '../../../shared/api/domains/jobs';
import type { Language } from '../../../shared/i18n';
import { HelpLink } from '../../components/HelpLink';

export const uiLanguage = (lng: string): Language => (lng === 'zh-CN' ? 'zh-CN' : 'en');

/** Hands a browser a file made in memory: the same download in the desktop app and the browser host. */
function downloadFile(name: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Hand-off of a job: the site report and the fleet export. Shown on every job; an unfinished one
 * says its report is a draft.
 */
export function HandoffCard({ job }: { job: Job }) {
  const { t, i18n } = useTranslation();
  const finished = job.status === 'done';
  const lang = uiLanguage(i18n.language);
  return (
    <Card data-testid="handoff-card" data-finished={finished}>
      <CardTitle>
        {t('handoff.card.title')}{' '}
        <Label color={finished ? 'green' : 'orange'} data-testid="handoff-state">
          {t(`handoff.report.status.${job.status}`)}
        </Label>{' '}
        <HelpLink topic="page.handoff" />
      </CardTitle>
      <CardBody>
        <Content component="p">{t(finished ? 'handoff.card.finished' : 'handoff.card.unfinished')}</Content>
        <Content component="p" className="pf-v6-u-font-size-sm pf-v6-u-text-color-subtle">
          {t('handoff.card.reportHelp')}
        </Content>
        <SiteReportActions job={job} lang={lang} />
        <FleetExportForm job={job} lang={lang} />
      </CardBody>
    </Card>
  );
}

/** Site report as an HTML download; Save as PDF where the shell can print (the desktop app), else disabled with the reason. */
function SiteReportActions({ job, lang }: { job: Job; lang: Language }) {
  const { t } = useTranslation();
  const api = useApi();
  const [pdfCapable, setPdfCapable] = useState<boolean | null>(null);
  const [busy, setBusy] = useState<'report' | 'pdf' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pdfPath, setPdfPath] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.call('handoff.capabilities').then(
      (c) => setPdfCapable(c.pdf),
      () => setPdfCapable(false),
    );
  }, [api]);

  const run = (what: 'report' | 'pdf', action: () => Promise<void>) => {
    setBusy(what);
    setError(null);
    setNotice(null);
    action().then(
      () => setBusy(null),
      (err: unknown) => {
        setError(err);
        setBusy(null);
      },
    );
  };
  const report = () =>
    run('report', async () => {
      const r = await api.call('handoff.report', { jobId: job.id, lang });
      downloadFile(r.fileName, r.html, 'text/html;charset=utf-8');
      setNotice(t('handoff.card.downloaded', { name: r.fileName }));
    });
  const pdf = () => run('pdf', async () => setPdfPath((await api.call('handoff.savePdf', { jobId: job.id, lang })).path));
  const openFolder = () =>
    run('pdf', async () => {
      const r = await api.call('handoff.openFolder', { jobId: job.id, what: 'report' });
      if (!r.opened) setNotice(t('handoff.card.folderShown', { path: r.path }));
    });

  const pdfButton = (
    <Button variant="secondary" onClick={pdf} isDisabled={!pdfCapable || busy !== null} isLoading={busy === 'pdf'} data-testid="handoff-pdf">
      {t('handoff.card.pdf')}
    </Button>
  );
  return (
    <>
      <Flex spaceItems={{ default: 'spaceItemsSm' }}>
        <FlexItem>
          <Button variant={job.status === 'done' ? 'primary' : 'secondary'} onClick={report} isLoading={busy === 'report'} isDisabled={busy !== null} data-testid="handoff-report">
            {t('handoff.card.report')}
          </Button>
        </FlexItem>
        <FlexItem>
          {pdfCapable === false ? (
            <Tooltip content={t('handoff.card.pdfUnavailable')}>
              <span tabIndex={0}>{pdfButton}</span>
            </Tooltip>
          ) : (
            pdfButton
          )}
        </FlexItem>
      </Flex>
      {pdfCapable === false && (
        <Content component="small" className="pf-v6-u-text-color-subtle" data-testid="handoff-pdf-reason">
          {t('handoff.card.pdfUnavailable')}
        </Content>
      )}
      {pdfPath && (
        <Alert
          variant="success"
          isInline
          isPlain
          title={t('handoff.card.pdfSaved', { path: pdfPath })}
          data-testid="handoff-pdf-saved"
          actionLinks={
            <Button variant="link" isInline onClick={openFolder}>
              {t('handoff.card.openFolder')}
            </Button>
          }
        />
      )}
      {notice && <Alert variant="info" isInline isPlain title={notice} data-testid="handoff-notice" />}
      <ErrorAlert error={error} />
    </>
  );
}
