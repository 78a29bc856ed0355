import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Flex, List, ListItem, Title } from '@patternfly/react-core';
import { Alert } from '../../components/pf/translated';
import { useApi, useApiEvent } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CommandBlock } from '../../components/CommandBlock';
import type { ServerStatus, ServerAccess } from '../../../shared/api/domains/manual';

/** Start/stop the job's Ignition server, the URLs to type on the node and the live access log. */
export function ServerPanel({ jobId, compact = false }: { jobId: string; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [status, setStatus] = useState<ServerStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    api.call('manual.serverStatus', { jobId }).then(setStatus, setError);
  }, [api, jobId]);
  useEffect(load, [load]);
  useApiEvent('manual.serverAccess', (e) => {
    if (e.jobId !== jobId) return;
    setStatus((s) => (s ? { ...s, log: [...s.log, e as ServerAccess].slice(-200) } : s));
  });
  useApiEvent('manual.serverStopped', (e) => {
    if (e.jobId === jobId) load();
  });

  const act = async (method: 'manual.serverStart' | 'manual.serverStop') => {
    setBusy(true);
    setError(null);
    try {
      setStatus(await api.call(method, { jobId }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ marginTop: 24 }} data-testid="manual-server">
      <Title headingLevel="h4">{t('manual.wizard.files.serverTitle')}</Title>
      <Flex alignItems={{ default: 'alignItemsCenter' }} style={{ marginTop: 8 }}>
        {status?.running ? (
          <>
            <Alert
              variant="success"
              isInline
              isPlain
              title={t('manual.wizard.files.running', { url: `http://${status.host?.includes(':') ? `[${status.host}]` : status.host}:${status.port}/` })}
              data-testid="manual-server-running"
            />
            <Button variant="secondary" onClick={() => void act('manual.serverStop')} isLoading={busy} isDisabled={busy} data-testid="manual-server-stop">
              {t('manual.wizard.files.stop')}
            </Button>
          </>
        ) : (
          <>
            <Alert variant="info" isInline isPlain title={t('manual.wizard.files.stopped')} />
            <Button onClick={() => void act('manual.serverStart')} isLoading={busy} isDisabled={busy} data-testid="manual-server-start">
              {busy ? t('manual.wizard.files.starting') : t('manual.wizard.files.serve')}
            </Button>
          </>
        )}
      </Flex>
      <ErrorAlert error={error} />
      {status?.running && (
        <>
          {!compact && <Alert variant="warning" isInline isPlain title={t('manual.wizard.files.keepRunning')} style={{ marginTop: 8 }} />}
          <Title headingLevel="h5" style={{ marginTop: 12 }}>
            {t('manual.wizard.files.urls')}
          </Title>
          {status.urls.map((u) => (
            <div key={u.name} style={{ marginTop: 4 }} data-testid={`manual-url-${u.name}`}>
              <CommandBlock id={`manual-url-${u.name.replace(/[^a-z0-9]/gi, '-')}`} text={u.url} />
            </div>
          ))}
          <Title headingLevel="h5" style={{ marginTop: 12 }}>
            {t('manual.wizard.files.log')}
          </Title>
          <div aria-live="polite" data-testid="manual-server-log">
            {status.log.length === 0 ? (
              <p>{t('manual.wizard.files.logEmpty')}</p>
            ) : (
              <List isPlain>
                {status.log
                  .slice()
                  .reverse()
                  .map((e, i) => (
                    <ListItem key={`${e.at}-${i}`}>
                      <small>{new Date(e.at).toLocaleTimeString(i18n.language)}</small>{' '}
                      {e.file ? t('manual.wizard.files.fetched', { remote: e.remote, file: e.file }) : t('manual.wizard.files.refused', { remote: e.remote, path: e.path, status: e.status })}
                    </ListItem>
                  ))}
              </List>
            )}
          </div>
        </>
      )}
    </div>
  );
}
