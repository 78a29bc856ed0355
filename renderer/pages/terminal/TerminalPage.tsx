import '@xterm/xterm/css/xterm.css';
import './terminal.css';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Content, EmptyState, EmptyStateBody, FormSelect, FormSelectOption, PageSection, Tab as PfTab, Tabs, TabTitleText, Toolbar, ToolbarContent, ToolbarItem } from '@patternfly/react-core';
import TerminalIcon from '@patternfly/react-icons/dist/esm/icons/terminal-icon';
import { useApi, useApiEvent } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { navigate } from '../../app/router';
import type { JobSummary } from '../../../shared/api/domains/jobs';
import type { MethodOutput } from '../../../shared/api/contract';
import { useTerminalStore } from './TerminalProvider';
import { TerminalView } from './TerminalView';
import { JobContextCard } from './JobContextCard';
import { SshDialog, type SshDefaults } from './SshDialog';
import { TitleWithHelp } from '../../components/TitleWithHelp';

/** #/terminal[/<jobId>]: terminal tabs (local shell in the job folder, SSH to the node) and the job context. */
export function TerminalPage({ segments }: { segments: string[] }) {
  const { t } = useTranslation();
  const api = useApi();
  const store = useTerminalStore();
  useSyncExternalStore(store.subscribe, store.version);
  const jobId = segments[1];
  useEffect(() => {
    // The sidebar link opens #/terminal: come back to the job the tabs were opened for.
    if (jobId) store.rememberJob(jobId);
    else if (store.lastJobId) navigate(`/terminal/${store.lastJobId}`);
  }, [jobId, store]);
  const [jobs, setJobs] = useState<JobSummary[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [sshOpen, setSshOpen] = useState(false);
  const [jobSsh, setJobSsh] = useState<{ jobId: string; ssh: SshDefaults } | null>(null);

  const loadJobs = useCallback(() => {
    api.call('jobs.list').then(setJobs, setError);
  }, [api]);
  useEffect(loadJobs, [loadJobs]);
  useApiEvent('jobs.changed', loadJobs);
  const onContext = useCallback((c: MethodOutput<'terminal.context'>) => jobId && setJobSsh({ jobId, ssh: c.ssh }), [jobId]);
  // The SSH form starts from what the job knows about its node (or the last target used).
  const sshDefaults: SshDefaults = jobId && jobSsh?.jobId === jobId ? jobSsh.ssh : { user: 'core', port: 22 };

  const tabs = store.tabs();
  const active = store.active();

  const openLocal = async () => {
    setBusy(true);
    setError(null);
    try {
      await store.openLocal(jobId);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageSection>
        <TitleWithHelp headingLevel="h2" topic="page.terminal">
          {t('terminal.title')}
        </TitleWithHelp>
        <Content component="p">{t('terminal.intro')}</Content>
        <Toolbar>
          <ToolbarContent>
            <ToolbarItem>
              <FormSelect
                aria-label={t('terminal.job.label')}
                value={jobId ?? ''}
                onChange={(_e, v) => {
                  if (!v) store.rememberJob(undefined);
                  navigate(v ? `/terminal/${v}` : '/terminal');
                }}
                data-testid="terminal-job-select"
              >
                <FormSelectOption value="" label={t('terminal.job.none')} />
                {jobs.map((j) => (
                  <FormSelectOption key={j.id} value={j.id} label={j.title} data-user-text />
                ))}
              </FormSelect>
            </ToolbarItem>
            <ToolbarItem>
              <Button icon={<TerminalIcon />} onClick={() => void openLocal()} isLoading={busy} isDisabled={busy} data-testid="terminal-new-local">
                {t('terminal.actions.newLocal')}
              </Button>
            </ToolbarItem>
            <ToolbarItem>
              <Button variant="secondary" onClick={() => setSshOpen(true)} data-testid="terminal-new-ssh">
                {t('terminal.actions.newSsh')}
              </Button>
            </ToolbarItem>
          </ToolbarContent>
        </Toolbar>
        {error !== null && <ErrorAlert error={error} onClose={() => setError(null)} />}
      </PageSection>
      <PageSection padding={{ default: 'noPadding' }} className="pf-v6-u-px-lg">
        {tabs.length === 0 ? (
          <EmptyState titleText={t('terminal.tabs.empty')} headingLevel="h3" icon={TerminalIcon} data-testid="terminal-empty">
            <EmptyStateBody>{t('terminal.tabs.emptyBody')}</EmptyStateBody>
          </EmptyState>
        ) : (
          <>
            <Tabs
              activeKey={active?.session.id ?? ''}
              onSelect={(_e, key) => store.select(String(key))}
              onClose={(_e, key) => void store.close(String(key))}
              aria-label={t('terminal.tabs.label')}
              data-testid="terminal-tabs"
            >
              {tabs.map((tab) => (
                <PfTab
                  key={tab.session.id}
                  eventKey={tab.session.id}
                  data-testid={`terminal-tab-${tab.session.kind}`}
                  closeButtonAriaLabel={t('terminal.actions.close')}
                  title={
                    <TabTitleText>
                      {tab.session.kind === 'local' ? `${t('terminal.tabs.local')} · ${tab.session.title}` : tab.session.title}
                      {tab.session.state === 'exited' ? ` — ${t('terminal.tabs.exited', { code: tab.session.exitCode ?? '?' })}` : ''}
                    </TabTitleText>
                  }
                />
              ))}
            </Tabs>
            {active && <TerminalView key={active.session.id} tab={active} />}
          </>
        )}
      </PageSection>
      {jobId && (
        <PageSection>
          <JobContextCard jobId={jobId} onContext={onContext} />
        </PageSection>
      )}
      {sshOpen && (
        <SshDialog
          defaults={sshDefaults}
          onClose={() => setSshOpen(false)}
          onConnect={async (target) => {
            await store.openSsh(target, jobId);
          }}
        />
      )}
    </>
  );
}
