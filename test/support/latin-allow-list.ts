/**
 * Latin-script words that may appear on a zh-CN screen, each with why. Everything else in Latin
 * letters on a zh-CN screen is English the technician was not meant to read. One place, so a new
 * entry is a reviewed decision (the team zh-CN glossary names the product terms).
 */
export const LATIN_ALLOWED: Record<string, string> = {
  // Product and project names, kept in English by Red Hat's zh-CN documentation.
  SNO: 'product name: single-node OpenShift',
  Field: 'product name: SNO Field Kit',
  Kit: 'product name: SNO Field Kit',
  OpenShift: 'product name',
  Red: 'company name: Red Hat',
  Hat: 'company name: Red Hat',
  RHCOS: 'product name: Red Hat Enterprise Linux CoreOS',
  CoreOS: 'product name',
  Assisted: 'product name: Assisted Installer',
  Installer: 'product name: Assisted Installer',
  Service: 'product name: Assisted Service',
  Cluster: 'product name: OpenShift Cluster Manager',
  Manager: 'product name: OpenShift Cluster Manager',
  Ignition: 'product name (glossary: Ignition 配置)',
  Kubernetes: 'product name',
  SSO: 'Red Hat SSO, a product name',
  Electron: 'the desktop shell, named in the shell label',
  // Terms the glossary keeps in English.
  worker: 'glossary: worker 节点',
  pull: 'glossary: pull secret',
  secret: 'glossary: pull secret',
  Secret: 'glossary: the Kubernetes object',
  infra: 'glossary: infra-env',
  env: 'glossary: infra-env',
  live: 'glossary: live ISO',
  Live: 'RHCOS Live ISO as the zh-CN catalogue writes it today (the glossary says live ISO; an e2e test asserts the capital)',
  Ready: 'glossary: node condition kept in English',
  control: 'glossary: control-plane 节点',
  plane: 'glossary: control-plane 节点',
  pointer: 'glossary: pointer Ignition 配置',
  // Abbreviations and standards the manual writes in Latin letters.
  ISO: 'file format',
  USB: 'standard',
  CSR: 'glossary: 证书签名请求 (CSR)',
  API: 'abbreviation used by the manual',
  URL: 'abbreviation',
  SSH: 'protocol',
  DNS: 'protocol',
  DHCP: 'protocol',
  NTP: 'protocol',
  IP: 'protocol',
  IPv4: 'protocol',
  IPv6: 'protocol',
  HTTP: 'protocol',
  HTTPS: 'protocol',
  TLS: 'protocol',
  CA: 'certificate authority, as in the manual',
  JSON: 'file format',
  YAML: 'file format',
  JWT: 'glossary: JSON Web 令牌 (JWT)',
  FQDN: 'glossary: 完全限定域名 (FQDN)',
  BMC: 'glossary: 基板管理控制器 (BMC)',
  PXE: 'network boot protocol, kept as in zh-CN documentation (PXE 网络启动)',
  MCS: 'glossary: 机器配置服务器 (MCS)',
  MAC: 'hardware address',
  CPU: 'hardware',
  vCPU: 'hardware, as the manual writes requirements',
  RAM: 'hardware, as the manual writes requirements',
  SHA: 'checksum algorithm (SHA-256)',
  PDF: 'file format',
  Web: 'glossary: Web 服务器',
  // Commands, files and units shown as they are typed or printed.
  oc: 'command',
  kubeconfig: 'file the oc command reads',
  sha256: 'checksum algorithm as tools print it',
  sha256sum: 'command',
  coreos: 'command: coreos-installer',
  installer: 'command: coreos-installer, openshift-install',
  openshift: 'command: openshift-install',
  install: 'command: openshift-install',
  nmstate: 'file format',
  nmcli: 'command',
  keyfile: 'NetworkManager file format',
  json: 'file name extension (settings.json)',
  ign: 'file name extension (worker.ign)',
  iso: 'file name extension',
  x86_64: 'architecture name',
  aarch64: 'architecture name',
  s390x: 'architecture name',
  ppc64le: 'architecture name',
  amd64: 'architecture name',
  arm64: 'architecture name',
  B: 'unit',
  KiB: 'unit',
  MiB: 'unit',
  GiB: 'unit',
  TiB: 'unit',
  kB: 'unit',
  MB: 'unit',
  GB: 'unit',
  TB: 'unit',
  s: 'unit (seconds, rates per second)',
  Shell: 'Red Hat zh-CN documentation writes shell in English (本地 Shell)',
  shell: 'Red Hat zh-CN documentation writes shell in English',
  root: 'the user name, as the console prompt shows it',
  PEM: 'certificate file format',
  U: 'U 盘 is the everyday Chinese word for a USB stick',
  node: 'command: oc adm node-image, node-joiner',
  image: 'command: oc adm node-image',
  joiner: 'command: node-joiner',
  cluster: 'Kubernetes role name: cluster-admin',
  admin: 'Kubernetes role name: cluster-admin',
  vSphere: 'platform product name',
  Nutanix: 'platform product name',
  none: 'OpenShift platform type as the API writes it (platform: none)',
  English: 'the language picker names each language in itself',
  kubectl: 'command',
  KUBECONFIG: 'environment variable oc and kubectl read',
  kubelet: 'component name, kept in English by Red Hat zh-CN documentation',
  Pod: 'Kubernetes object kind, kept in English by Red Hat zh-CN documentation',
  ClusterVersion: 'Kubernetes object kind (oc get clusterversion)',
  chrony: 'the time service RHCOS runs, a program name',
  ID: 'identifier, as the manual writes 集群 ID',
  UUID: 'id format of a cluster ID',
  HTML: 'file format of the field report',
  ACM: 'product abbreviation: Red Hat Advanced Cluster Management',
  GitOps: 'product feature name: GitOps ZTP',
  GNOME: 'desktop name: GNOME Keyring',
  Keyring: 'program name: GNOME Keyring',
  KWallet: 'program name',
  Linux: 'operating system name',
  ZTP: 'product feature name: GitOps Zero Touch Provisioning',
  CertificateSigningRequest: 'Kubernetes object kind (oc get csr), kept in English like Pod',
  Node: 'Kubernetes object kind (oc get node), kept in English like Pod',
  PKCS: 'standard name: PKCS#10 certificate request',
  bootstrapper: 'service account name: node-bootstrapper, as oc get csr shows the requestor',
  O: 'X.509 subject field name (O=system:nodes), as the certificate writes it',
  CN: 'X.509 subject field name (CN=system:node:<name>), as the certificate writes it',
  ECDSA: 'key algorithm name (ECDSA P-256)',
  RSA: 'key algorithm name (RSA 2048)',
  OVN: 'product name: OVN-Kubernetes, the cluster network',
  Multus: 'product name: the Multus CNI plugin',
  NMStateConfig: 'Kubernetes object kind (Assisted Service), kept in English like Pod',
  SiteConfig: 'Kubernetes object kind (GitOps ZTP), kept in English like Pod',
  ClusterInstance: 'Kubernetes object kind (GitOps ZTP), kept in English like Pod',
  ClusterDeployment: 'Kubernetes object kind (Hive), kept in English like Pod',
  InfraEnv: 'Kubernetes object kind (Assisted Service), kept in English like Pod',
  Operator: 'Kubernetes Operator, kept in English by Red Hat zh-CN documentation',
  MCE: 'product abbreviation: multicluster engine for Kubernetes',
  MTU: 'network standard abbreviation, as the manual writes it',
  VLAN: 'network standard abbreviation, as the manual writes it',
  localhost: 'the host name a machine reports without DHCP, as the Assisted API writes it',
  lo: 'loopback interface name, as ip link shows it',
  core: 'the user name RHCOS logs in as, as the console prompt shows it',
  OK: 'the literal last line the verify command prints',
  api_vip_dnsname: 'Assisted API field name, as the request sends it',
  csr: 'id prefix of CSR names (csr-8f2k1), as oc get csr prints them',
};

/**
 * Commands the app quotes inside a sentence (运行 oc get clusterversion …). From the command name up
 * to the next Chinese character or full-width punctuation is the command as typed: data, not wording.
 */
/**
 * Labels of web pages that exist only in English (OpenShift Cluster Manager on console.redhat.com),
 * quoted as the technician sees them so the button can be found.
 */
const ENGLISH_ONLY_UI_LABELS = ['“Add Hosts”', '“Add hosts”', '“Full image file”', '“Install ready hosts”', '“Installed”'];

const COMMANDS = ['ip', 'oc', 'kubectl', 'sudo', 'coreos-installer', 'openshift-install', 'nmcli', 'sha256sum', 'ssh', 'sno-field-kit'];
const COMMAND_IN_PROSE = new RegExp(`(?<![\\w-])(?:${COMMANDS.join('|')}) [^\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef“”‘’]*`, 'gu');

/**
 * Latin-script words in `text` that are not allowed on a zh-CN screen. Text inside code, inputs,
 * paths, URLs, ids and hashes is not passed here (the caller skips those elements).
 */
export function unexpectedLatinWords(text: string): string[] {
  // Paths, URLs, addresses and user@host are data the technician recognises, not wording.
  const prose = text
    .replace(COMMAND_IN_PROSE, ' ')
    .replace(new RegExp(ENGLISH_ONLY_UI_LABELS.join('|'), 'g'), ' ')
    // A comma-separated list (ntp1.example.com,10.0.0.1) is checked item by item.
    .split(/[\s,\u3000-\u303f\uff00-\uffef]+/)
    .filter((token) => !/[/\\@=<>]|:\/\/|:\d|\w:\w/.test(token))
    // Command-line options (--copy-network) are typed as they are.
    .filter((token) => !/^--[a-z]/.test(token))
    // Host and file names (console.redhat.com, settings.json, worker.ign) and domain suffixes (.example.com in no_proxy) are data too.
    .filter((token) => !/^\.?[\w-]+(\.[\w-]+)+[.,;]?$/.test(token))
    .join(' ');
  const words = prose.match(/[A-Za-z][A-Za-z0-9_]*(?:[.-][A-Za-z0-9_]+)*/g) ?? [];
  const found = new Set<string>();
  for (const word of words) {
    const parts = word.split(/[.-]/).filter((p) => /[A-Za-z]/.test(p));
    // Ids, versions and hashes (anything with digits mixed in beyond the architecture names) are data, not wording.
    // Environment variable names (HTTPS_PROXY, INFRA_ENV_ID) are typed as they are.
    if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(word)) continue;
    // A CSR's generated name (csr- and five random characters, as the API server makes it) is an id,
    // whether or not its random part happens to hold a digit.
    if (/^csr-[a-z0-9]{5}$/.test(word)) continue;
    if (parts.every((p) => LATIN_ALLOWED[p] !== undefined || /\d/.test(p))) continue;
    found.add(word);
  }
  return [...found];
}
