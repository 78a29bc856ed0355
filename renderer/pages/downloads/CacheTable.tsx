import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Content, Label, Tooltip } from '@patternfly/react-core';
import { Alert, ClipboardCopy } from '../../components/pf/translated';
import { Table, Thead, Tr, Th, Tbody, Td } from '@patternfly/react-table';
import { useApi } from '../../api/context';
import { formatBytes } from '../../../shared/artifacts/format';
import type { CachedArtifact } from '../../../shared/api/domains/artifacts';
import { isUnverified } from '../../../shared/artifacts/trust';
import { UnverifiedLabel } from '../../components/UnverifiedLabel';
import { ChecksumModal } from './ChecksumModal';

/** The verified files: what, which version/architecture, checksum, source, and what can be done with each. */
export function CacheTable({ artifacts, onError, onChanged }: { artifacts: CachedArtifact[]; onError: (err: unknown) => void; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [checking, setChecking] = useState<CachedArtifact | null>(null);

  const run = async (id: string, action: () => Promise<void>) => {
    setBusy(id);
    setNotice(null);
    try {
      await action();
    } catch (err) {
      onError(err);
    } finally {
      setBusy(null);
      onChanged();
    }
  };
  const reverify = (a: CachedArtifact) =>
    run(a.id, async () => {
      await api.call('artifacts.reverify', { id: a.id });
      setNotice(t('artifacts.reverifyOk', { name: a.name }));
    });
  const remove = (a: CachedArtifact) => {
    if (!window.confirm(t('artifacts.removeConfirm', { name: a.name }))) return;
    void run(a.id, async () => {
      await api.call('artifacts.remove', { id: a.id });
    });
  };
  const openFolder = (a: CachedArtifact) =>
    run(a.id, async () => {
      const r = await api.call('artifacts.openFolder', { id: a.id });
      if (!r.opened) setNotice(t('artifacts.folderIs', { path: r.path }));
    });

  if (artifacts.length === 0)
    return (
      <Content component="p" data-testid="cache-empty">
        {t('artifacts.empty')}
      </Content>
    );
  return (
    <>
      {notice && <Alert variant="info" isInline isPlain title={notice} data-testid="cache-notice" />}
      <Table aria-label={t('artifacts.cacheTitle')} variant="compact" data-testid="cache-table">
        <Thead>
          <Tr>
            <Th width={25}>{t('artifacts.columns.name')}</Th>
            <Th>{t('artifacts.columns.version')}</Th>
            <Th>{t('artifacts.columns.size')}</Th>
            <Th>{t('artifacts.columns.sha256')}</Th>
            <Th>{t('artifacts.columns.source')}</Th>
            <Th>{t('artifacts.columns.verifiedAt')}</Th>
            <Th screenReaderText={t('artifacts.columns.actions')} />
          </Tr>
        </Thead>
        <Tbody>
          {artifacts.map((a) => (
            <Tr key={a.id} data-testid="cache-row" data-id={a.id} data-kind={a.kind} data-unverified={isUnverified(a)}>
              <Td dataLabel={t('artifacts.columns.name')} modifier="breakWord">
                <div>{a.name}</div>
                <Label isCompact variant="outline">
                  {t(`artifacts.kinds.${a.kind}`)}
                </Label>{' '}
                {isUnverified(a) && <UnverifiedLabel text={t('artifacts.unverified')} tip={t('artifacts.unverifiedTip')} />}
              </Td>
              <Td dataLabel={t('artifacts.columns.version')}>
                <div>{a.version ?? '—'}</div>
                {a.arch && <div title={t('artifacts.columns.arch')}>{a.arch}</div>}
              </Td>
              <Td dataLabel={t('artifacts.columns.size')} modifier="nowrap">
                {formatBytes(a.size)}
              </Td>
              <Td dataLabel={t('artifacts.columns.sha256')}>
                <Tooltip content={a.checkedAgainstPublished ? t('artifacts.checkedPublished') : t('artifacts.checkedLocal')}>
                  <Label color={a.checkedAgainstPublished ? 'green' : 'grey'} isCompact data-testid="sha-label" data-sha256={a.sha256}>
                    {a.checkedAgainstPublished ? '✓' : '#'}
                  </Label>
                </Tooltip>{' '}
                <ClipboardCopy isReadOnly hoverTip={t('common.copy')} clickTip={t('common.copied')} variant="inline-compact" truncation={{ maxCharsDisplayed: 10, position: 'end' }}>
                  {a.sha256}
                </ClipboardCopy>
              </Td>
              <Td dataLabel={t('artifacts.columns.source')}>
                <ClipboardCopy isReadOnly hoverTip={t('common.copy')} clickTip={t('common.copied')} variant="inline-compact" truncation={{ maxCharsDisplayed: 22, position: 'middle' }}>
                  {a.sourceUrl}
                </ClipboardCopy>
              </Td>
              <Td dataLabel={t('artifacts.columns.verifiedAt')}>
                <div data-testid="cache-verified-at">{new Date(a.verifiedAt).toLocaleString(i18n.language)}</div>
                <small>{t('artifacts.columns.jobs', { jobs: a.jobs.length ? a.jobs.join(', ') : t('artifacts.noJobs') })}</small>
              </Td>
              <Td isActionCell modifier="nowrap" className="sfk-row-actions">
                {!a.checkedAgainstPublished && (
                  <div>
                    <Button variant="link" isInline onClick={() => setChecking(a)} isDisabled={busy !== null} data-testid="cache-enter-checksum">
                      {t('artifacts.enterChecksum')}
                    </Button>
                  </div>
                )}
                <div>
                  <Button variant="link" isInline onClick={() => void reverify(a)} isLoading={busy === a.id} isDisabled={busy !== null} data-testid="cache-reverify">
                    {t('artifacts.reverify')}
                  </Button>
                </div>
                <div>
                  <Button variant="link" isInline onClick={() => void openFolder(a)} isDisabled={busy !== null} data-testid="cache-open">
                    {t('artifacts.openFolder')}
                  </Button>
                </div>
                <div>
                  <Button variant="link" isInline isDanger onClick={() => remove(a)} isDisabled={busy !== null} data-testid="cache-remove">
                    {t('artifacts.remove')}
                  </Button>
                </div>
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      {checking && (
        <ChecksumModal
          artifact={checking}
          onClose={() => {
            setChecking(null);
            onChanged();
          }}
          onDone={(verified) => {
            setChecking(null);
            setNotice(t('artifacts.checksum.ok', { name: verified.name }));
            onChanged();
          }}
        />
      )}
    </>
  );
}
