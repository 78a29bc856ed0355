import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Banner, Masthead, MastheadBrand, MastheadMain, MastheadContent, Nav, NavItem, NavList, Page, PageSidebar, PageSidebarBody, Title, Label } from '@patternfly/react-core';
import { useApi } from '../api/context';
import { pages } from '../pages/registry';
import { useRoute } from './router';
import type { AppInfo } from '../../shared/api/domains/app';
import { TerminalProvider } from '../pages/terminal/TerminalProvider';
import { setStandInLinks } from '../../shared/external-links';
import { MastheadStatus } from './MastheadStatus';
import { HelpLink } from '../components/HelpLink';

export function App({ connection }: { connection?: { onConnectionChange(l: (c: boolean) => void): () => void } }) {
  const { t } = useTranslation();
  const api = useApi();
  const { segments } = useRoute();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [connected, setConnected] = useState(true);

  useEffect(() => {
    api.call('app.info').then(
      (i) => {
        setInfo(i);
        // Practice mode: console links open the practice "Add hosts" page, never the real console.
        if (i.practiceMode)
          void api.call('practice.kit').then(
            (k) => setStandInLinks({ ocmClusters: k.consoleUrl }),
            () => undefined,
          );
      },
      () => setInfo(null),
    );
  }, [api]);
  useEffect(() => connection?.onConnectionChange(setConnected), [connection]);

  const active = pages.find((p) => p.id === segments[0]) ?? pages[0]!;
  const Active = active.component;

  const masthead = (
    <Masthead>
      <MastheadMain>
        <MastheadBrand>
          <Title headingLevel="h1" size="lg">
            {t('app.name')}
          </Title>
        </MastheadBrand>
      </MastheadMain>
      <MastheadContent>
        <MastheadStatus {...(segments[0] === 'jobs' && segments[1] ? { jobId: segments[1] } : {})} practiceMode={Boolean(info?.practiceMode)} hostConnected={connected} />
        {info && <Label color="blue">{t(info.shell === 'electron' ? 'app.shell.electron' : 'app.shell.browser')}</Label>}
      </MastheadContent>
    </Masthead>
  );
  const sidebar = (
    <PageSidebar>
      <PageSidebarBody>
        <Nav aria-label={t('app.nav.label')}>
          <NavList>
            {pages.map((p) => (
              <NavItem key={p.id} itemId={p.id} isActive={p.id === active.id} to={`#/${p.id}`} data-testid={`nav-${p.id}`}>
                {t(p.navKey)}
              </NavItem>
            ))}
          </NavList>
        </Nav>
      </PageSidebarBody>
    </PageSidebar>
  );
  return (
    // A long page scrolls inside main: main takes a tab stop so the keyboard can scroll it (axe scrollable-region-focusable).
    <Page masthead={masthead} sidebar={sidebar} isManagedSidebar mainTabIndex={0}>
      {info?.practiceMode && (
        <Banner color="purple" className="sfk-banner-wraps" data-testid="practice-banner">
          {t('app.shell.practice')} <HelpLink topic="page.practice" />
        </Banner>
      )}
      {!connected && (
        <Banner color="red" className="sfk-banner-wraps" data-testid="disconnected-banner">
          {t('app.shell.disconnected')}
        </Banner>
      )}
      <TerminalProvider connection={connection}>
        <Active segments={segments} />
      </TerminalProvider>
    </Page>
  );
}
