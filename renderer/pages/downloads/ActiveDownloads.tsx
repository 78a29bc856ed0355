import { useTranslation } from 'react-i18next';
import {
  Button,
  Card,
  CardBody,
  CardTitle,
  Content,
  DataList,
  DataListAction,
  DataListCell,
  DataListItem,
  DataListItemCells,
  DataListItemRow,
  Progress,
  ProgressMeasureLocation,
  ProgressVariant,
} from '@patternfly/react-core';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { DownloadProgress } from '../../../shared/api/domains/artifacts';
import { percentOf, progressLine } from './progress-text';
import { outcomeOf } from './active-list';

/** Every running, retrying or paused download with its own progress and controls. */
export function ActiveDownloads({ items, onError }: { items: DownloadProgress[]; onError: (err: unknown) => void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const visible = items.filter((p) => p.state !== 'done' && p.state !== 'cancelled');
  const control = (action: 'artifacts.pause' | 'artifacts.resume' | 'artifacts.cancel', id: string) => {
    if (action === 'artifacts.cancel' && !window.confirm(t('artifacts.cancelConfirm'))) return;
    api.call(action, { id }).catch(onError);
  };
  return (
    <Card data-testid="active-downloads">
      <CardTitle>{t('artifacts.active')}</CardTitle>
      <CardBody>
        {visible.length === 0 ? (
          <Content component="p">{t('artifacts.noActive')}</Content>
        ) : (
          <DataList aria-label={t('artifacts.active')}>
            {visible.map((p) => {
              const percent = percentOf(p.bytes, p.total);
              const detail = [
                progressLine(t, p),
                p.state === 'retrying' && p.retryInMs !== undefined ? t('artifacts.retryIn', { seconds: Math.ceil(p.retryInMs / 1000), attempt: p.attempt ?? 2 }) : '',
                p.expiresAt ? t('artifacts.expiresAt', { time: new Date(p.expiresAt).toLocaleString(i18n.language) }) : '',
              ]
                .filter(Boolean)
                .join(' · ');
              return (
                <DataListItem key={p.id} data-testid="active-download" data-id={p.id} data-state={p.state}>
                  <DataListItemRow>
                    <DataListItemCells
                      dataListCells={[
                        <DataListCell key="main" width={4}>
                          <Progress
                            value={percent ?? 0}
                            title={`${p.name} — ${t(`artifacts.states.${p.state}`)}`}
                            label={percent === undefined ? undefined : t('artifacts.percent', { percent })}
                            measureLocation={ProgressMeasureLocation.outside}
                            variant={outcomeOf(p) === 'danger' ? ProgressVariant.danger : undefined}
                            helperText={detail}
                            aria-label={p.name}
                          />
                          {p.error && <ErrorAlert error={p.error} />}
                        </DataListCell>,
                      ]}
                    />
                    <DataListAction id={`actions-${p.id}`} aria-labelledby={`actions-${p.id}`} aria-label={t('artifacts.columns.actions')}>
                      {p.state === 'paused' || p.state === 'failed' ? (
                        <Button variant="secondary" onClick={() => control('artifacts.resume', p.id)} data-testid="download-resume">
                          {t('artifacts.resume')}
                        </Button>
                      ) : (
                        <Button variant="secondary" onClick={() => control('artifacts.pause', p.id)} data-testid="download-pause">
                          {t('artifacts.pause')}
                        </Button>
                      )}
                      <Button variant="link" isDanger onClick={() => control('artifacts.cancel', p.id)} data-testid="download-cancel">
                        {t('artifacts.cancel')}
                      </Button>
                    </DataListAction>
                  </DataListItemRow>
                </DataListItem>
              );
            })}
          </DataList>
        )}
      </CardBody>
    </Card>
  );
}
