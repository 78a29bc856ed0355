export const jobs = {
  damaged: {
    title: '已损坏的任务',
    intro: '无法读取以下任务。没有删除任何内容：无法读取的文件已保留，之前保存的版本可以恢复。',
    label: '已损坏',
    problem: {
      missing: '任务文件夹中缺少 job.json。',
      empty: 'job.json 为空（通常发生在断电或磁盘已满之后）。',
      notJson: 'job.json 不是有效的 JSON。',
      invalid: 'job.json 中不是本应用保存的任务。',
      unreadable: '无法读取 job.json：系统拒绝访问（权限问题或磁盘错误）。',
    },
    details: '详细信息：{{detail}}',
    keptAs: '损坏的副本保留在 {{path}}。',
    folder: '任务文件夹：{{path}}',
    lastGood: '上一个完好的版本：版本 {{revision}}（“{{title}}”，保存于 {{when}}）。',
    noLastGood: '没有保留更早的版本，因此无法恢复此任务。可以将其删除。',
    restore: '恢复版本 {{revision}}',
    restored: '任务“{{title}}”已恢复到版本 {{revision}}。',
    remove: '删除任务',
    removeTitle: '删除已损坏的任务 {{id}}？',
    removeBody: '将删除任务文件夹 {{path}} 及其中的所有内容：损坏的副本、上一个完好的版本、生成的文件和日志。此操作无法撤销。',
    removeConfirm: '删除',
  },
  cli: {
    usage: `用法：sno-field-kit jobs <list|restore> [--data-dir <文件夹>]

  list [--json]
      列出已保存的任务，以及已损坏的任务和可采取的操作。
  restore <任务 id>
      将已损坏的任务恢复到上一个完好的版本（损坏的副本会保留）。

两者都需要独占数据文件夹：请先关闭应用或浏览器模式服务（browser host）。
退出码：0 完成，1 被拒绝（文件夹正在使用、没有可恢复的版本、没有该任务），2 用法错误。
`,
    summary: '列出已保存的任务（包括已损坏的）并恢复已损坏的任务',
    unknownOption: '未知或不完整的选项：{{option}}',
    missingId: '请提供要恢复的一个任务的 id（见“sno-field-kit jobs list”）。',
    none: '此数据文件夹中没有任务。',
    notDamaged: '任务 {{id}} 可以正常读取（版本 {{revision}}）；未做任何更改。',
    restoreHint: '要恢复版本 {{revision}}：sno-field-kit jobs restore {{id}}',
  },
  errors: {
    notFound: '任务 {{id}} 不存在（可能已被删除）。请返回任务列表。',
    staleRevision: '任务已在别处被修改（当前版本 {{current}}，您的版本 {{yours}}）。请重新加载；未覆盖任何内容。',
    damaged: '无法打开已保存的任务 {{id}}：其文件已损坏或缺失（{{file}}）。没有删除任何内容。请恢复其上一个完好的版本，或删除该任务。',
    nothingToRestore: '任务 {{id}} 没有可恢复的更早的完好版本。请将其删除，或查看其文件夹中的文件。',
    writeFailed: '无法保存任务（{{reason}}）。请检查磁盘剩余空间；之前保存的状态完好无损。',
  },
};
