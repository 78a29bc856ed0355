import type { CatalogShape } from '../catalog-type';
import type { cluster as en } from '../en/cluster';

export const cluster: CatalogShape<typeof en> = {
  errors: {
    kubeconfigNotFound: '在 {{path}} 找不到 kubeconfig。请选择集群的 kubeconfig 文件（例如安装目录中的 auth/kubeconfig），或设置 KUBECONFIG。',
    kubeconfigInvalid: '无法读取 kubeconfig {{path}}：{{reason}}。请确认文件完整（YAML 格式）后重新选择。',
    contextNotFound: 'kubeconfig 中没有上下文“{{context}}”。可用的上下文：{{available}}。',
    notHttps: 'API 服务器地址 {{server}} 不是 https。本工具只通过 TLS 访问 API；请使用集群 kubeconfig 中的 https:// 地址。',
    insecureKubeconfig: 'kubeconfig 上下文“{{context}}”关闭了 TLS 校验（insecure-skip-tls-verify）。请在 kubeconfig 中加入集群 CA；只有在您接受风险时，才明确打开“跳过 TLS 校验（不安全）”。',
    credentialsFailed: '无法获取上下文“{{context}}”的 kubeconfig 凭据：{{reason}}。如使用 exec 插件，请确认命令已安装并已登录（例如重新运行 “oc login”）。',
    unauthorized: 'API 服务器 {{server}} 拒绝了上下文“{{context}}”的凭据（401）。令牌可能已过期：请重新登录（oc login）或使用安装程序生成的 auth/kubeconfig。',
    forbidden: '该账户无权读取 {{path}}（403：{{message}}）。请使用具有 cluster-admin 权限的账户，例如安装程序的 kubeconfig。',
    notFound: '集群中找不到：{{path}}（{{message}}）。',
    conflict: '{{path}} 同时被他人修改（{{message}}）。请重试。',
    gone: '{{path}} 的监视已过期，将自动重新开始。',
    apiError: 'API 服务器返回 {{status}}：{{message}}。请重试；如果持续出现，请检查集群健康状况（oc get co）。',
    timeout: 'API 服务器 {{server}} 未及时响应。请检查到集群的网络连接（VPN、防火墙、6443 端口）。',
    tlsFailed: '无法验证 {{server}} 的 TLS 证书（{{reason}}）。kubeconfig 中的 CA 与该服务器不匹配：请使用此集群的 kubeconfig，或确认没有经过会拦截流量的代理。',
    unreachable: '无法连接 API 服务器 {{server}}（{{reason}}）。请确认笔记本电脑已接入集群网络（VPN、网线），并且 api.<集群>.<域名> 可以解析。',
    csrDenied: 'CSR {{name}} 已被拒绝；被拒绝的 CSR 无法再批准。kubelet 会重新提交一个。',
    notConnected: '此任务尚未连接集群。请在第一步加载集群的 kubeconfig。',
    versionTooOld: '集群运行的是 OpenShift {{version}}；为单节点 OpenShift 添加工作节点需要 4.11 或更高版本。请先升级集群。',
    noExpectedNode: '任务中没有指明要添加的节点。批准证书前，请输入工作节点的节点名称（与 kubelet 注册的名称一致）。',
  },
};
