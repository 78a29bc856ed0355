import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Label } from '@patternfly/react-core';
import { LabelGroup } from '../components/pf/translated';
import { useContractQuery } from '../api/query';
import { connectionState, type ConnectionState } from './connection-state';

const subscribeOnline = (cb: () => void) => {
  window.addEventListener('online', cb);
  window.addEventListener('offline', cb);
  return () => {
    window.removeEventListener('online', cb);
    window.removeEventListener('offline', cb);
  };
};

const COLORS: Record<ConnectionState, 'green' | 'orange' | 'purple'> = { online: 'green', offline: 'orange', practice: 'purple' };

/** The masthead's status: the open job, the connection state (online, offline, practice) and the UI language. */
export function MastheadStatus({ jobId, practiceMode, hostConnected }: { jobId?: string; practiceMode: boolean; hostConnected: boolean }) {
  const { t, i18n } = useTranslation();
  const browserOnline = useSyncExternalStore(subscribeOnline, () => navigator.onLine);
  const job = useContractQuery('jobs.get', { id: jobId ?? '' }, { enabled: Boolean(jobId), invalidateOn: ['jobs.changed'] });
  const state = connectionState({ practiceMode, hostConnected, browserOnline });
  const language = i18n.language.startsWith('zh') ? '简体中文' : 'English';
  return (
    <LabelGroup numLabels={3} data-testid="masthead-status">
      {jobId && job.data && (
        <Label color="blue" data-testid="masthead-job" data-user-text>
          {t('app.masthead.job', { title: job.data.title })}
        </Label>
      )}
      <Label color={COLORS[state]} data-testid="masthead-connection" data-state={state}>
        {t(`app.masthead.${state}`)}
      </Label>
      <Label color="grey" data-testid="masthead-language" aria-label={t('app.masthead.language')}>
        {language}
      </Label>
    </LabelGroup>
  );
}
