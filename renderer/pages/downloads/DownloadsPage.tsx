import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, CardBody, CardTitle, Content, Flex, FlexItem, PageSection, Stack, StackItem } from '@patternfly/react-core';
import { ClipboardCopy } from '../../components/pf/translated';
import { useApi, useApiEvent } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatBytes } from '../../../shared/artifacts/format';
import type { CachedArtifact, DownloadProgress } from '../../../shared/api/domains/artifacts';
import { SiteBundleCard } from './SiteBundleCard';
import { ActiveDownloads } from './ActiveDownloads';
import { CacheTable } from './CacheTable';
import { UrlDownloadCard } from './UrlDownloadCard';
import { SourcesCard } from './SourcesCard';
import { PracticeFlakyLinkCard } from '../../components/practice/PracticeFlakyLinkCard';
import { useContractQuery } from '../../api/query';
import { applyProgress, mergeActive } from './active-list';
import { TitleWithHelp } from '../../components/TitleWithHelp';

interface DiskUse {
  cacheDir: string;
  used: number;
  partial: number;
  free: number;
}

/** #/downloads: the offline cache and everything that fills it. */
export function DownloadsPage() {
  const { t } = useTranslation();
  const api = useApi();
  const [artifacts, setArtifacts] = useState<CachedArtifact[]>([]);
  const [disk, setDisk] = useState<DiskUse | null>(null);
  const [active, setActive] = useState<Map<string, DownloadProgress>>(new Map());
  const [error, setError] = useState<unknown>(null);
  const practiceMode = useContractQuery('app.info', undefined).data?.practiceMode ?? false;

  const load = useCallback(() => {
    api.call('artifacts.list').then((r) => {
      setArtifacts(r.artifacts);
      setDisk(r.diskUse);
    }, setError);
    api.call('artifacts.active').then((list) => setActive((seen) => mergeActive(seen, list)), setError);
  }, [api]);
  useEffect(load, [load]);
  useApiEvent('artifacts.changed', load);
  useApiEvent('artifacts.progress', (p) => setActive((seen) => applyProgress(seen, p)));

  return (
    <PageSection data-testid="downloads-page">
      <Stack hasGutter>
        <StackItem>
          <Flex justifyContent={{ default: 'justifyContentSpaceBetween' }}>
            <FlexItem>
              <TitleWithHelp headingLevel="h1" topic="page.downloads">
                {t('artifacts.title')}
              </TitleWithHelp>
            </FlexItem>
            <FlexItem>
              <Button variant="secondary" onClick={load} data-testid="downloads-refresh">
                {t('artifacts.refresh')}
              </Button>
            </FlexItem>
          </Flex>
          <Content component="p">{t('artifacts.intro')}</Content>
          {disk && (
            <Content component="p" data-testid="disk-use">
              {t('artifacts.diskUse', { dir: disk.cacheDir, used: formatBytes(disk.used), partial: formatBytes(disk.partial), free: formatBytes(disk.free) })}
            </Content>
          )}
          {disk && (
            <ClipboardCopy isReadOnly hoverTip={t('artifacts.copyPath')} clickTip={t('common.copied')} variant="inline-compact">
              {disk.cacheDir}
            </ClipboardCopy>
          )}
          <ErrorAlert error={error} onClose={() => setError(null)} />
        </StackItem>
        <StackItem>
          <PracticeFlakyLinkCard practiceMode={practiceMode} />
        </StackItem>
        <StackItem>
          <SiteBundleCard />
        </StackItem>
        <StackItem>
          <ActiveDownloads items={[...active.values()]} onError={setError} />
        </StackItem>
        <StackItem>
          <Card>
            <CardTitle>{t('artifacts.cacheTitle')}</CardTitle>
            <CardBody>
              <CacheTable artifacts={artifacts} onError={setError} onChanged={load} />
            </CardBody>
          </Card>
        </StackItem>
        <StackItem>
          <UrlDownloadCard onError={setError} />
        </StackItem>
        <StackItem>
          <SourcesCard />
        </StackItem>
      </Stack>
    </PageSection>
  );
}
