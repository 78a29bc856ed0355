export const app = {
  name: 'SNO Field Kit',
  tagline: '逐步为单节点 OpenShift 添加 worker 节点',
  nav: {
    label: '主导航',
    jobs: '作业',
    settings: '设置',
  },
  shell: {
    browser: '浏览器模式',
    electron: '桌面应用',
    practice: '练习模式：这里的任何操作都不会影响真实集群或账户',
    disconnected: '与 SNO Field Kit 主机的连接已断开，正在重新连接…',
  },
  home: {
    title: '作业',
    intro: '每个作业添加一个 worker 节点。作业会随时保存：可以随时关闭应用，稍后继续。',
    empty: '还没有作业。新建一个作业来添加 worker 节点。',
    newJob: '新建作业',
    titleLabel: '作业名称',
    titlePlaceholder: '例如：A 站点的 worker-1',
    kindLabel: '如何添加 worker？',
    kind: {
      assisted: 'Assisted Installer（API）',
      manual: '手动（worker.ign 和 RHCOS ISO）',
      console: 'OpenShift Cluster Manager 控制台',
    },
    create: '创建作业',
    open: '打开',
    status: { active: '进行中', done: '已完成', abandoned: '已放弃' },
    updated: '更新于 {{when}}',
    removeConfirm: '删除作业“{{title}}”？其保存的文件和日志也会被删除。',
  },
};
