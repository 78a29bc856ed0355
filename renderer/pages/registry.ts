import type { ComponentType } from 'react';
import { JobsPage } from './jobs/JobsPage';
import { ClusterPage } from './cluster/ClusterPage';
import { SettingsPage } from './settings/SettingsPage';
import { DownloadsPage } from './downloads/DownloadsPage';
import { IsoPage } from './iso/IsoPage';
import { TerminalPage } from './terminal/TerminalPage';
import { UsbPage } from './usb/UsbPage';

export interface PageEntry {
  /** First path segment: #/<id> */
  id: string;
  /** i18n key of the navigation label */
  navKey: string;
  component: ComponentType<{ segments: string[] }>;
}

/** The sidebar, in order. Feature modules add their page here. */
export const pages: PageEntry[] = [
  { id: 'jobs', navKey: 'app.nav.jobs', component: JobsPage },
  { id: 'cluster', navKey: 'cluster.nav', component: ClusterPage },
  { id: 'downloads', navKey: 'artifacts.nav', component: DownloadsPage },
  { id: 'usb', navKey: 'usb.nav', component: UsbPage },
  { id: 'terminal', navKey: 'terminal.nav', component: TerminalPage },
  { id: 'iso', navKey: 'iso.nav.title', component: IsoPage },
  { id: 'settings', navKey: 'app.nav.settings', component: SettingsPage },
];
