import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Label, SearchInput, Toolbar, ToolbarContent, ToolbarGroup, ToolbarItem, Tooltip } from '@patternfly/react-core';
import CopyIcon from '@patternfly/react-icons/dist/esm/icons/copy-icon';
import PasteIcon from '@patternfly/react-icons/dist/esm/icons/paste-icon';
import EraserIcon from '@patternfly/react-icons/dist/esm/icons/eraser-icon';
import PowerOffIcon from '@patternfly/react-icons/dist/esm/icons/power-off-icon';
import type { Tab } from './terminal-store';
import { useTerminalStore } from './TerminalProvider';

/** The active tab: its toolbar (search, copy, paste, clear, end) and the xterm surface, fitted to the space. */
export function TerminalView({ tab }: { tab: Tab }) {
  const { t } = useTranslation();
  const store = useTerminalStore();
  const host = useRef<HTMLDivElement>(null);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<{ index: number; count: number } | null>(null);
  const id = tab.session.id;

  useEffect(() => {
    if (!host.current) return;
    store.mount(id, host.current);
    // xterm names its input "Terminal input" in English; it exists once the terminal is opened.
    tab.term.textarea?.setAttribute('aria-label', t('common.pf.terminalInput'));
    tab.term.focus();
    const observer = new ResizeObserver(() => store.fit(id));
    observer.observe(host.current);
    const sub = tab.search.onDidChangeResults((r) => setResults({ index: r.resultIndex, count: r.resultCount }));
    return () => {
      observer.disconnect();
      sub.dispose();
    };
  }, [store, id, tab, t]);

  const searchOptions = { decorations: { matchOverviewRuler: '#f0ab00', activeMatchColorOverviewRuler: '#f4784a', activeMatchBackground: '#f4784a80', matchBackground: '#f0ab0060' } };
  const find = (next: boolean, q = query) => {
    if (!q) {
      tab.search.clearDecorations();
      setResults(null);
      return;
    }
    if (next) tab.search.findNext(q, searchOptions);
    else tab.search.findPrevious(q, searchOptions);
  };
  const running = tab.session.state === 'running';

  return (
    <div className="sfk-terminal-view">
      <Toolbar isSticky={false} className="pf-v6-u-p-0">
        <ToolbarContent>
          <ToolbarItem>
            <SearchInput
              aria-label={t('terminal.actions.search')}
              placeholder={t('terminal.actions.search')}
              value={query}
              onChange={(_e, v) => {
                setQuery(v);
                find(true, v);
              }}
              onClear={() => {
                setQuery('');
                find(true, '');
              }}
              nextNavigationButtonAriaLabel={t('terminal.actions.searchNext')}
              previousNavigationButtonAriaLabel={t('terminal.actions.searchPrevious')}
              resetButtonLabel={t('terminal.actions.searchClear')}
              onNextClick={() => find(true)}
              onPreviousClick={() => find(false)}
              {...(results && query ? { resultsCount: `${results.index + 1} / ${results.count}` } : {})}
              data-testid="terminal-search"
            />
          </ToolbarItem>
          <ToolbarGroup variant="action-group-plain">
            <ToolbarItem>
              <Tooltip content={t('terminal.actions.copy')}>
                <Button
                  variant="plain"
                  aria-label={t('terminal.actions.copy')}
                  icon={<CopyIcon />}
                  onClick={() => {
                    if (tab.term.hasSelection()) void navigator.clipboard?.writeText(tab.term.getSelection());
                    tab.term.focus();
                  }}
                />
              </Tooltip>
            </ToolbarItem>
            <ToolbarItem>
              <Tooltip content={t('terminal.actions.paste')}>
                <Button
                  variant="plain"
                  aria-label={t('terminal.actions.paste')}
                  icon={<PasteIcon />}
                  isDisabled={!running}
                  onClick={() => {
                    void navigator.clipboard?.readText().then(
                      (text) => text && tab.term.paste(text),
                      () => {},
                    );
                    tab.term.focus();
                  }}
                />
              </Tooltip>
            </ToolbarItem>
            <ToolbarItem>
              <Tooltip content={t('terminal.actions.clear')}>
                <Button variant="plain" aria-label={t('terminal.actions.clear')} icon={<EraserIcon />} onClick={() => tab.term.clear()} />
              </Tooltip>
            </ToolbarItem>
            <ToolbarItem>
              <Tooltip content={t('terminal.actions.kill')}>
                <Button variant="plain" aria-label={t('terminal.actions.kill')} icon={<PowerOffIcon />} isDisabled={!running} onClick={() => void store.kill(id)} data-testid="terminal-kill" />
              </Tooltip>
            </ToolbarItem>
          </ToolbarGroup>
          <ToolbarItem align={{ default: 'alignEnd' }}>
            {running ? (
              <Label color="blue" isCompact>
                {t('terminal.tabs.active')}
              </Label>
            ) : (
              <Label color="grey" isCompact data-testid="terminal-exited">
                {t('terminal.tabs.exited', { code: tab.session.exitCode ?? '?' })}
              </Label>
            )}
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      <div ref={host} className="sfk-terminal-host" data-testid="terminal-host" data-session={id} />
      {tab.session.logPath && <div className="sfk-terminal-log pf-v6-u-font-size-sm pf-v6-u-text-color-subtle">{t('terminal.context.logSaved', { path: tab.session.logPath })}</div>}
    </div>
  );
}
