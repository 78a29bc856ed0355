import { useCallback, useEffect, useRef, useState, type MouseEvent } from 'react';
import { Button, ModalBody, ModalHeader, Spinner } from '@patternfly/react-core';
import { Alert, Modal } from './pf/translated';
import { OutlinedQuestionCircleIcon } from '@patternfly/react-icons';
import { useTranslation } from 'react-i18next';
import { helpChapterUrl, type GuideLanguage, type HelpTopic } from '../../shared/help/topics';
import './help.css';

/**
 * A "Help" link that opens the technician's guide at this step's section, inside the app. The
 * guide ships with the renderer as HTML made at build time from docs/guide (scripts/docs/guide-html.ts),
 * so it works offline and the same under Electron's app:// protocol and the browser host; it is
 * shown in a modal rather than a new window so the technician never loses the step they are on.
 */
export function HelpLink({ topic }: { topic: HelpTopic }) {
  const { t, i18n } = useTranslation();
  const lang: GuideLanguage = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="link" isInline icon={<OutlinedQuestionCircleIcon />} onClick={() => setOpen(true)} title={t('help.linkLabel')} data-testid={`help-link-${topic}`}>
        {t('help.link')}
      </Button>
      {open && <HelpModal start={helpChapterUrl(topic, lang)} onClose={() => setOpen(false)} />}
    </>
  );
}

type Page = { url: string; anchor: string };
type Loaded = { url: string; html: string } | { url: string; error: string };

function HelpModal({ start, onClose }: { start: Page; onClose: () => void }) {
  const { t } = useTranslation();
  const [page, setPage] = useState<Page>(start);
  const [loaded, setLoaded] = useState<Loaded>();
  const body = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let current = true;
    fetch(page.url)
      .then(async (r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((html) => current && setLoaded({ url: page.url, html }))
      .catch((e: unknown) => current && setLoaded({ url: page.url, error: e instanceof Error ? e.message : String(e) }));
    return () => {
      current = false;
    };
  }, [page.url]);

  useEffect(() => {
    if (loaded?.url !== page.url || !('html' in loaded)) return;
    const target = page.anchor ? body.current?.querySelector(`[id="${CSS.escape(page.anchor)}"]`) : undefined;
    (target ?? body.current)?.scrollIntoView({ block: 'start' });
  }, [loaded, page]);

  // Links between chapters stay in the modal; the app itself is never navigated away.
  const follow = useCallback(
    (e: MouseEvent<HTMLDivElement>) => {
      const a = (e.target as HTMLElement).closest('a');
      const href = a?.getAttribute('href');
      if (!href) return;
      e.preventDefault();
      if (/^https?:/.test(href)) window.open(href, '_blank', 'noopener');
      else if (href.startsWith('#')) setPage({ url: page.url, anchor: decodeURIComponent(href.slice(1)) });
      else {
        const m = /^([\w-]+\.html)(?:#(.*))?$/.exec(href);
        if (m) setPage({ url: page.url.replace(/[^/]+$/, m[1]!), anchor: decodeURIComponent(m[2] ?? '') });
      }
    },
    [page.url],
  );

  return (
    <Modal isOpen onClose={onClose} variant="large" aria-labelledby="help-title" data-testid="help-modal">
      <ModalHeader title={t('help.title')} labelId="help-title" />
      <ModalBody>
        {!loaded || loaded.url !== page.url ? (
          <Spinner size="lg" aria-label={t('help.loading')} />
        ) : 'error' in loaded ? (
          <Alert variant="danger" isInline title={t('help.loadFailed', { reason: loaded.error })} data-testid="help-error" />
        ) : (
          // Our own guide, converted at build time with every source character escaped (scripts/docs/markdown.ts).
          <div ref={body} className="sfk-guide" onClick={follow} dangerouslySetInnerHTML={{ __html: loaded.html }} data-testid="help-content" />
        )}
      </ModalBody>
    </Modal>
  );
}
