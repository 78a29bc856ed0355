export const settings = {
  title: '设置',
  general: '常规',
  language: '语言',
  languageAuto: '跟随系统（{{lang}}）',
  apiUrl: 'Assisted Installer API 地址',
  apiUrlHelp: '默认为 https://api.openshift.com。仅在使用自建 Assisted Service 时修改。',
  ssoUrl: 'Red Hat SSO 令牌地址',
  ssoUrlHelp: '离线令牌在此处换取短期访问令牌。',
  cacheDir: '缓存文件夹',
  cacheDirHelp: 'ISO 和工具保存在这里以便离线使用。留空则使用默认位置：{{path}}',
  saved: '设置已保存',
  damaged: {
    title: '无法读取设置文件：当前使用默认设置',
    problem: {
      missing: '缺少 settings.json。',
      empty: 'settings.json 为空（通常发生在断电或磁盘已满之后）。',
      notJson: 'settings.json 不是有效的 JSON。',
      invalid: 'settings.json 中不是设置内容。',
      unreadable: '无法读取 settings.json（权限问题或磁盘错误）。',
    },
    keptAs: '无法读取的文件已保留为 {{path}}。请检查下面的值并保存；任务和系统钥匙串单独存储，未受影响。',
  },
  errors: {
    invalidUrl: '“{{value}}”不是有效的 http(s) 地址。请输入完整地址，例如 https://api.openshift.com。',
    cacheDirNotWritable: '无法写入缓存文件夹 {{path}}（{{reason}}）。请选择一个您有权限且空间充足的文件夹。',
    externalNotAllowed: '不允许打开 {{url}}：应用中只能打开 Red Hat 控制台和文档页面。',
  },
};
