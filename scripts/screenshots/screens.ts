import type { Page } from 'playwright-core';
import type { SeededJobs } from './seed';

export interface Ctx {
  url: string;
  jobs: SeededJobs;
  nodeImageJob?: string;
}

/**
 * One screen to photograph. `guide` is the stable file name the technician's guide references
 * (docs/guide/<lang>/images/<guide>.png); screens without it are for review only.
 */
export interface Screen {
  name: string;
  guide?: string;
  path: (c: Ctx) => string | undefined;
  wait: string;
  act?: (p: Page) => Promise<void>;
}

const expand = (testId: string) => async (p: Page) => {
  await p.getByTestId(testId).getByRole('button').first().click();
};
const niStep = (step: string) => async (p: Page) => {
  await p.getByTestId('nodeimage-step-title').waitFor();
  // the wizard's step list (WizardShell: `${prefix}-nav-${id}`); the current step's entry is harmless to click
  await p.getByTestId(`nodeimage-nav-${step}`).click();
  await p.getByTestId(`nodeimage-${step}-step`).waitFor();
};

export const screens: Screen[] = [
  { name: 'jobs-list', guide: 'jobs', path: () => '/jobs', wait: 'damaged-jobs' },
  {
    name: 'jobs-new-paths',
    guide: 'new-job',
    path: () => '/jobs',
    wait: 'job-cluster-version',
    act: async (p) => {
      await p.getByTestId('job-cluster-version').fill('4.18.12');
      await p.getByTestId('job-paths-nodeimage').waitFor();
    },
  },
  { name: 'job-damaged', guide: 'job-damaged', path: (c) => `/jobs/${c.jobs.damaged}`, wait: `damaged-job-` },
  { name: 'settings', guide: 'credentials', path: () => '/settings', wait: 'settings-damaged' },
  { name: 'downloads', guide: 'site-visit', path: () => '/downloads', wait: 'cache-table' },
  {
    name: 'downloads-checksum-modal',
    guide: 'site-visit-checksum',
    path: () => '/downloads',
    wait: 'cache-table',
    act: async (p) => {
      await p.locator('[data-testid="cache-row"][data-unverified="true"]').getByTestId('cache-enter-checksum').click();
      await p.getByTestId('checksum-sha').fill('1234');
    },
  },
  { name: 'usb', guide: 'usb', path: () => '/usb', wait: 'usb-writer' },
  { name: 'iso-inspect', guide: 'usb-inspect-iso', path: () => '/iso', wait: 'iso-path' },
  {
    name: 'handoff',
    guide: 'handoff',
    path: (c) => `/jobs/${c.jobs.finished}`,
    wait: 'handoff-card',
    act: async (p) => {
      await expand('handoff-export')(p);
      // Opening the export scrolls the page a little; the guide shows the card from its top, banner included.
      await p.evaluate(() => document.querySelector('main')?.scrollTo(0, 0));
    },
  },
  { name: 'handoff-draft', path: (c) => `/jobs/${c.jobs.assistedFinish}`, wait: 'handoff-card' },
  { name: 'assisted-first-step', guide: 'assisted-cluster', path: (c) => `/jobs/${c.jobs.assistedNew}`, wait: 'assisted-flow' },
  { name: 'assisted-finish', guide: 'assisted-finish', path: (c) => `/jobs/${c.jobs.assistedFinish}`, wait: 'assisted-manual-csr' },
  { name: 'manual-first-step', guide: 'manual-cluster', path: (c) => `/jobs/${c.jobs.manualNew}`, wait: 'manual-flow' },
  { name: 'manual-network-import', guide: 'manual-network', path: (c) => `/jobs/${c.jobs.manualNetwork}`, wait: 'manual-network-step', act: expand('manual-net-import') },
  { name: 'manual-join-csr', guide: 'manual-join', path: (c) => `/jobs/${c.jobs.manualJoin}`, wait: 'manual-join-manual-csr' },
  { name: 'console', guide: 'console', path: (c) => `/jobs/${c.jobs.console}`, wait: 'console-flow' },
  ...['cluster', 'host', 'oc', 'create', 'iso', 'join'].map((step) => ({
    name: `nodeimage-${step}`,
    guide: `node-image-${step}`,
    path: (c: Ctx) => (c.nodeImageJob ? `/jobs/${c.nodeImageJob}` : undefined),
    wait: 'nodeimage-flow',
    act: niStep(step),
  })),
  { name: 'cluster-csrs', guide: 'csr-cluster', path: (c) => (c.nodeImageJob ? `/cluster/${c.nodeImageJob}` : undefined), wait: 'cluster-job-select' },
  { name: 'terminal', guide: 'terminal', path: (c) => `/terminal/${c.jobs.manualJoin}`, wait: 'terminal-job-select' },
];
