import { en } from './en';
import { zhCN } from './zh-CN';

export const catalogues = { en, 'zh-CN': zhCN } as const;
