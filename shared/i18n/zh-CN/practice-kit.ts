import type { CatalogShape } from '../catalog-type';
import type { practiceKit as en } from '../en/practice-kit';

export const practiceKit: CatalogShape<typeof en> = {
  label: '练习',
  flaky: {
    title: '练习镜像站',
    label: '模拟不稳定的网络连接',
    help: '练习镜像站会先在下载中途断开连接，下一次再在中途停顿，然后才让下载完成。请观察下载如何从中断处继续，并最终通过 sha256 校验。',
  },
  credentials: {
    title: '练习凭据',
    intro: '这些凭据专为本机的练习模式生成，已标记为练习用途，不保存在您的钥匙串中，也绝不会离开本机。排练时请在向导中使用它们。',
    pullSecret: '练习 pull secret（文件）',
    sshPublicKey: '练习 SSH 公钥',
    sshPrivateKey: '练习 SSH 私钥（文件）',
  },
  stick: '练习 U 盘（8 GB）',
  errors: {
    off: '此功能仅在练习模式下可用。请使用 --practice 启动应用进行排练。',
  },
};
