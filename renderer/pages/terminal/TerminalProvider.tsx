import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertActionLink, AlertGroup } from '@patternfly/react-core';
import { Alert, AlertActionCloseButton } from '../../components/pf/translated';
import { useApi } from '../../api/context';
import { TerminalSendContext, type TerminalSender } from '../../terminal/send-context';
import { navigate, useRoute } from '../../app/router';
import { TerminalStore } from './terminal-store';
import { planSend } from '../../../shared/terminal/command-target';

const TerminalStoreContext = createContext<TerminalStore | null>(null);

export function useTerminalStore(): TerminalStore {
  const store = useContext(TerminalStoreContext);
  if (!store) throw new Error('useTerminalStore outside TerminalProvider');
  return store;
}

interface Toast {
  key: number;
  variant: 'success' | 'warning';
  title: string;
  showOpen: boolean;
  /** A command carried over to a tab that was just opened, pasted when the technician says so */
  paste?: { text: string; tabId: string };
}

/**
 * Owns the terminal tabs for the whole app and implements "Send to terminal" for every
 * CommandBlock: the command is pasted into the chosen (active) tab, never run, and a toast says
 * where it went.
 */
export function TerminalProvider({ children, connection }: { children: ReactNode; connection?: { onConnectionChange(l: (c: boolean) => void): () => void } | undefined }) {
  const { t } = useTranslation();
  const api = useApi();
  const { segments } = useRoute();
  const [store] = useState(() => new TerminalStore(api));
  const [toasts, setToasts] = useState<Toast[]>([]);
  useEffect(() => store.start(), [store]);
  useEffect(() => store.setExitNotice((code) => t('terminal.exitNotice', { code })), [store, t]);
  useEffect(() => connection?.onConnectionChange((connected) => connected && store.resync()), [connection, store]);
  const onTerminalPage = segments[0] === 'terminal';

  // The job the page is about: a tab opened to carry a command over belongs to it.
  const jobId = segments[0] === 'jobs' || segments[0] === 'terminal' ? segments[1] : undefined;
  const sender = useMemo<TerminalSender>(() => {
    const toast = (variant: Toast['variant'], title: string, showOpen: boolean, paste?: Toast['paste']) => {
      const key = Date.now() + Math.random();
      setToasts((list) => [...list.slice(-2), { key, variant, title, showOpen, ...(paste ? { paste } : {}) }]);
      // A command waiting to be pasted stays until it is used or closed.
      if (!paste) setTimeout(() => setToasts((list) => list.filter((x) => x.key !== key)), 8000);
    };
    const paste = (text: string, tabId: string): boolean => {
      const sent = store.send(text, tabId);
      if (!sent) {
        toast('warning', t('terminal.send.noTab'), true);
        return false;
      }
      if ('refused' in sent.result) {
        if (sent.result.refused === 'multiline') toast('warning', t('terminal.send.multiline'), false);
        return false;
      }
      toast('success', t('terminal.send.sent', { tab: sent.tab.session.title }), true);
      return true;
    };
    return {
      subscribe: store.subscribe,
      version: store.version,
      plan: (target, text) => planSend(target, text, store.tabInfos(), store.activeId),
      async send(text, target) {
        const plan = planSend(target, text, store.tabInfos(), store.activeId);
        try {
          switch (plan.action) {
            case 'copy':
              return false;
            case 'send':
              return paste(text, plan.tabId);
            case 'openLocal': {
              // A new local shell reads what is typed once its prompt is up: carry the command straight over.
              const tab = await store.openLocal(jobId);
              store.select(tab.session.id);
              return paste(text, tab.session.id);
            }
            case 'openSsh': {
              if (!plan.host) return false;
              // Never paste into an SSH login (host key or password prompt): the technician pastes once logged in.
              const context = jobId ? await api.call('terminal.context', { jobId }).catch(() => undefined) : undefined;
              const keyPath = context?.ssh.keyPath;
              const tab = await store.openSsh({ host: plan.host, user: context?.ssh.user ?? 'core', port: context?.ssh.port ?? 22, ...(keyPath ? { keyPath } : {}) }, jobId);
              store.select(tab.session.id);
              toast('warning', t('terminal.send.sshOpened', { host: plan.host }), true, { text, tabId: tab.session.id });
              return false;
            }
          }
        } catch {
          toast('warning', t('terminal.send.failedOpen'), false);
          return false;
        }
      },
    };
  }, [store, t, api, jobId]);
  const pasteWaiting = (x: Toast) => {
    if (!x.paste) return;
    setToasts((list) => list.filter((y) => y.key !== x.key));
    const sent = store.send(x.paste.text, x.paste.tabId);
    if (sent && 'data' in sent.result) navigate('/terminal' + (jobId ? `/${jobId}` : ''));
  };

  return (
    <TerminalStoreContext.Provider value={store}>
      <TerminalSendContext.Provider value={sender}>
        {children}
        <AlertGroup isToast isLiveRegion>
          {toasts.map((x) => (
            <Alert
              key={x.key}
              variant={x.variant}
              isInline={false}
              title={x.title}
              data-testid="terminal-send-toast"
              actionClose={<AlertActionCloseButton onClose={() => setToasts((list) => list.filter((y) => y.key !== x.key))} />}
              actionLinks={
                <>
                  {x.paste && (
                    <AlertActionLink onClick={() => pasteWaiting(x)} data-testid="terminal-send-paste">
                      {t('terminal.send.paste')}
                    </AlertActionLink>
                  )}
                  {x.showOpen && !onTerminalPage && <AlertActionLink onClick={() => navigate('/terminal')}>{t('terminal.send.open')}</AlertActionLink>}
                </>
              }
            />
          ))}
        </AlertGroup>
      </TerminalSendContext.Provider>
    </TerminalStoreContext.Provider>
  );
}
