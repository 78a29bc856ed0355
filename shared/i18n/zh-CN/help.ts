import type { CatalogShape } from '../catalog-type';
import type { help as en } from '../en/help';

export const help: CatalogShape<typeof en> = {
  link: '帮助',
  linkLabel: '打开此步骤的指南',
  title: '技术人员指南',
  loading: '正在打开指南…',
  loadFailed: '无法打开指南（{{reason}}）。指南随应用一起提供：如果问题持续，请重新安装应用。',
  close: '关闭',
};
