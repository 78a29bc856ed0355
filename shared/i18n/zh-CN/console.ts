import type { CatalogShape } from '../catalog-type';
import type { console as en } from '../en/console';

export const console: CatalogShape<typeof en> = {
  title: '通过 OpenShift Cluster Manager 控制台添加 worker 节点',
  intro: '在网页控制台中添加主机，然后回到这里：本页面负责将 ISO 写入 U 盘、批准节点的证书签名请求并检查节点是否 Ready。',
  steps: {
    console: '在控制台生成发现 ISO',
    iso: '将 ISO 写入 U 盘并启动机器',
    install: '在控制台安装主机',
    join: '批准 CSR 并检查节点 Ready',
  },
  consoleText: '在 OpenShift Cluster Manager 中：',
  consoleSteps: {
    open: '从集群列表打开您的集群。',
    addHosts: '进入“Add Hosts”选项卡并点击“Add hosts”。',
    fullIso: '选择“Full image file”（最适合 U 盘），添加 SSH 公钥，然后生成 ISO。',
    download: '将发现 ISO 下载到本机。链接会过期，请尽快下载。',
  },
  openConsole: '打开 OpenShift Cluster Manager',
  isoText: '将下载的 ISO 写入 U 盘（U 盘上的所有数据将被清除），让新机器从它启动一次，并确认它出现在控制台的主机列表中。',
  isoPath: '已下载 ISO 的路径',
  usbHint: '使用 U 盘写入工具安全写入（它不会让您选中内置磁盘）。',
  openUsb: '打开 U 盘写入工具',
  installText: '当控制台显示主机为 Ready 时，点击“Install ready hosts”。等待显示“Installed”：这表示主机已重启，尚未加入集群。拔出 U 盘，使其从磁盘启动。',
  joinText: '控制台无法替您批准节点的证书签名请求。使用该集群的 kubeconfig：',
  hostName: '新节点的主机名',
  markDone: '完成',
};
