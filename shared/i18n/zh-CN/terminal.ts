import type { CatalogShape } from '../catalog-type';
import type { terminal as en } from '../en/terminal';

export const terminal: CatalogShape<typeof en> = {
  nav: '终端',
  title: '终端',
  intro:
    '本机 Shell（在任务文件夹中启动，并带有任务的上下文变量）以及到节点的 SSH。应用生成的命令可通过“发送到终端”送到这里：只粘贴、不执行 —— 请先阅读，再按回车。',
  job: {
    label: '任务',
    none: '不关联任务（在主目录中打开普通 Shell）',
  },
  actions: {
    newLocal: '新建本地标签页',
    newSsh: 'SSH 连接节点…',
    kill: '结束程序',
    close: '关闭标签页',
    search: '在输出中查找',
    searchNext: '下一个匹配',
    searchPrevious: '上一个匹配',
    copy: '复制所选内容',
    paste: '粘贴',
    clear: '清屏',
  },
  tabs: {
    label: '终端标签页',
    local: '本地 Shell',
    exited: '已结束（{{code}}）',
    empty: '没有打开的终端',
    emptyBody: '打开本地标签页，在任务文件夹中使用 Shell；节点启动后也可以通过 SSH 连接节点。',
    active: '命令将发送到这里',
  },
  context: {
    title: '本地标签页中的任务上下文',
    folder: '文件夹',
    unset: '尚未获得',
    hint: '为此任务新建的本地标签页会设置这些变量，变量名与 Red Hat 操作文档一致，文档中的命令可直接粘贴使用。机密信息（令牌、 pull secret）绝不会放入环境变量。',
    check: '检查任务上下文',
    logSaved: '会话日志（已去除机密）已随任务保存：{{path}}',
  },
  ssh: {
    title: 'SSH 连接节点',
    host: '节点 IP 地址或主机名',
    user: '用户',
    port: '端口',
    keyPath: '私钥文件',
    keyPathHelp: '其公钥已写入发现 ISO 或 Ignition 配置的那把密钥。留空则使用 SSH agent 或默认密钥。',
    open: '连接',
    hostKeyNote: '首次连接时会要求确认节点的主机密钥：请先与节点控制台上显示的指纹核对，再输入 yes。',
    invalidHost: '请输入 IPv4/IPv6 地址或主机名，例如 192.168.10.21。',
  },
  send: {
    sent: '已粘贴到“{{tab}}”。请在该标签页中核对后按回车执行。',
    noTab: '没有打开的终端标签页。请先在“终端”页面打开本地或 SSH 标签页。',
    open: '打开终端',
    multiline: '此标签页无法安全地接收多行粘贴（未开启括号粘贴模式），因此没有粘贴该命令。请改用复制。',
  },
  exitNotice: '[程序已结束，退出码 {{code}}。请关闭此标签页或新建一个。]',
  errors: {
    notFound: '终端会话 {{id}} 已不存在。请关闭该标签页并新建一个。',
    notRunning: '此标签页中的程序已结束。请新建标签页继续操作。',
    tooMany: '打开的终端标签页过多（最多 {{max}} 个）。请先关闭一些标签页。',
    spawnFailed: '终端无法启动 {{program}}（{{reason}}）。请确认已安装后重试。',
    sshMissing: '本机未找到 ssh 客户端。请安装 OpenSSH（Debian/Ubuntu：apt install openssh-client）后重试。',
    keyMissing: '密钥文件 {{path}} 不存在或无法读取。请选择与提供给节点的公钥相匹配的私钥。',
    keyPermissions: '密钥文件 {{path}} 可被其他用户读取，ssh 会拒绝使用。请运行：chmod 600 "{{path}}" 后重试。',
    folderFailed: '无法准备任务文件夹 {{path}}（{{reason}}）。请检查磁盘空间和权限。',
  },
};
