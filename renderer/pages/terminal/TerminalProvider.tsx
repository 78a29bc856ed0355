import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, AlertActionCloseButton, AlertActionLink, AlertGroup } from '@patternfly/react-core';
import { useApi } from '../../api/context';
import { TerminalSendContext, type TerminalSender } from '../../terminal/send-context';
import { navigate, useRoute } from '../../app/router';
import { TerminalStore } from './terminal-store';

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

  const sender = useMemo<TerminalSender>(() => {
    const toast = (variant: Toast['variant'], title: string, showOpen: boolean) => {
      const key = Date.now() + Math.random();
      setToasts((list) => [...list.slice(-2), { key, variant, title, showOpen }]);
      setTimeout(() => setToasts((list) => list.filter((x) => x.key !== key)), 8000);
    };
    return {
      async send(text) {
        const sent = store.send(text);
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
      },
    };
  }, [store, t]);

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
                x.showOpen && !onTerminalPage ? (
                  <AlertActionLink onClick={() => navigate('/terminal')}>{t('terminal.send.open')}</AlertActionLink>
                ) : undefined
              }
            />
          ))}
        </AlertGroup>
      </TerminalSendContext.Provider>
    </TerminalStoreContext.Provider>
  );
}
