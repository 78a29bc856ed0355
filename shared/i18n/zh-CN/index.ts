import type { CatalogShape } from '../catalog-type';
import type { EnglishCatalog } from '../en';
import { common } from './common';
import { app } from './app';
import { settings } from './settings';
import { credentials } from './credentials';
import { jobs } from './jobs';
import { assisted } from './assisted';
import { console } from './console';
import { iso } from './iso';
import { terminal } from './terminal';
import { artifacts } from './artifacts';
import { cluster } from './cluster';
import { manual } from './manual';
import { usb } from './usb';
import { handoff } from './handoff';
import { nodeimage } from './nodeimage';
import { help } from './help';
import { practiceKit } from './practice-kit';

export const zhCN: CatalogShape<EnglishCatalog> = {
  common,
  app,
  settings,
  credentials,
  jobs,
  assisted,
  console,
  iso,
  terminal,
  artifacts,
  cluster,
  manual,
  usb,
  handoff,
  nodeimage,
  help,
  practiceKit,
};
