export const app = {
  name: 'SNO Field Kit',
  tagline: '逐步为单节点 OpenShift 添加 worker 节点',
  nav: {
    label: '主导航',
    jobs: '任务',
    settings: '设置',
  },
  shell: {
    browser: '浏览器模式',
    electron: '桌面应用',
    practice: '练习模式：Red Hat 登录、Assisted Installer、集群、下载镜像站、U 盘和控制台页面均在本机模拟。这里的任何操作都不会影响真实的集群、账户或设备。',
    disconnected: '与 SNO Field Kit 主机的连接已断开，正在重新连接…',
  },
  home: {
    title: '任务',
    intro: '每个任务添加一个 worker 节点。任务会随时保存：可以随时关闭应用，稍后继续。',
    empty: '还没有任务。新建一个任务来添加 worker 节点。',
    newJob: '新建任务',
    titleLabel: '任务名称',
    titlePlaceholder: '例如：A 站点的 worker-1',
    kindLabel: '如何添加 worker？',
    kind: {
      assisted: 'Assisted Installer（API）',
      manual: '手动（worker.ign 和 RHCOS ISO）',
      console: 'OpenShift Cluster Manager 控制台',
      nodeimage: 'node-image（OpenShift 4.17+）',
    },
    clusterVersion: '集群的 OpenShift 版本（如已知）',
    clusterVersionHelp: '填写版本后，会优先列出适合的方式：4.17 起为 node-image。',
    recommended: '推荐用于此版本',
    unavailable: '4.17 之前不可用',
    pathsTitle: '选择哪种方式？',
    create: '创建任务',
    open: '打开',
    status: { active: '进行中', done: '已完成', abandoned: '已放弃' },
    updated: '更新于 {{when}}',
    removeConfirm: '删除任务“{{title}}”？其保存的文件和日志也会被删除。',
  },
  startup: {
    failedTitle: 'SNO Field Kit 无法启动',
    failedBody: '{{reason}}\n\n日志中可能有更多信息：{{log}}',
  },
  errors: {
    inUseByBrowserHost:
      '数据文件夹 {{dir}} 正被 SNO Field Kit 浏览器模式服务（browser host）使用（进程 {{pid}}，启动于 {{since}}）。同一时间只能有一个程序修改任务：请使用该程序，或将其停止（在其终端中按 Ctrl+C）后重试。',
    inUseByCli: '数据文件夹 {{dir}} 正被 SNO Field Kit 命令行（CLI）命令使用（进程 {{pid}}，启动于 {{since}}）。请等待其完成后重试。',
    inUseByDesktopApp: '数据文件夹 {{dir}} 正被 SNO Field Kit 桌面应用使用（进程 {{pid}}，启动于 {{since}}）。同一时间只能有一个程序修改任务：请使用该窗口，或关闭该应用后重试。',
    inUseOnOtherComputer:
      '数据文件夹 {{dir}} 正被计算机 {{host}} 上的 SNO Field Kit 使用（进程 {{pid}}，启动于 {{since}}）。请在该计算机上将其关闭后重试。如果它已不在那里运行（或这台计算机已改名），请删除 {{lock}} 后重试。',
    lockFailed: '无法为此程序锁定数据文件夹 {{dir}}（{{reason}}）。请检查该文件夹是否存在且可写，然后重试。',
  },
};
