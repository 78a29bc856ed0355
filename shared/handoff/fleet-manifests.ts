import type { NetworkModel } from '../network/model';
import { toNmStateConfigObject, toNmstateObject, macInterfaceMap } from '../network/nmstate';
import type { FleetOptions } from './fleet-options';

/**
 * The Kubernetes objects a hub (Red Hat ACM / multicluster engine) and GitOps ZTP need to add this
 * job's node: built as plain objects, checked in tests against each CRD's openAPIV3Schema.
 */
export interface NodeContext {
  /** The node's network with every interface that has a MAC (see exportNetwork) */
  network?: NetworkModel;
  /** OpenShift architecture name (x86_64, aarch64, s390x, ppc64le) when known */
  architecture?: string;
  installDisk?: string;
  ntpSources?: string[];
  proxy?: { httpProxy?: string; httpsProxy?: string; noProxy?: string };
}

/** Label that ties the NMStateConfig to the InfraEnv's nmStateConfigLabelSelector (the ZTP convention). */
export const NMSTATE_LABEL = 'nmstate-label';
/** Label that tells the BareMetalHost agent controller which InfraEnv boots this host. */
export const INFRAENV_LABEL = 'infraenvs.agent-install.openshift.io';
/** The siteconfig operator's node templates for the Assisted Installer path */
export const AI_NODE_TEMPLATES = 'ai-node-templates-v1';

/** Kubernetes reports amd64/arm64; the Assisted Installer and ZTP speak x86_64/aarch64. */
export function openshiftArch(arch: string | undefined): string | undefined {
  if (!arch) return undefined;
  return ({ amd64: 'x86_64', arm64: 'aarch64' } as Record<string, string>)[arch] ?? arch;
}

export function nodeShortName(o: FleetOptions): string {
  return o.nodeName.split('.')[0]!.toLowerCase();
}

export function infraEnv(o: FleetOptions, ctx: NodeContext): Record<string, unknown> {
  return {
    apiVersion: 'agent-install.openshift.io/v1beta1',
    kind: 'InfraEnv',
    metadata: { name: o.infraEnvName, namespace: o.namespace },
    spec: {
      clusterRef: { name: o.clusterName, namespace: o.namespace },
      // A reference only: the Secret itself is created on the hub by the platform team (secrets/pull-secret.yaml)
      pullSecretRef: { name: o.pullSecretName },
      ...(o.sshPublicKey ? { sshAuthorizedKey: o.sshPublicKey } : {}),
      nmStateConfigLabelSelector: { matchLabels: { [NMSTATE_LABEL]: o.infraEnvName } },
      ...(ctx.architecture ? { cpuArchitecture: ctx.architecture } : {}),
      ...(ctx.ntpSources?.length ? { additionalNTPSources: [...ctx.ntpSources] } : {}),
      ...(ctx.proxy ? { proxy: { ...ctx.proxy } } : {}),
    },
  };
}

export function nmStateConfig(o: FleetOptions, network: NetworkModel): Record<string, unknown> {
  return toNmStateConfigObject(network, { name: nodeShortName(o), namespace: o.namespace, labels: { [NMSTATE_LABEL]: o.infraEnvName } });
}

/**
 * The install disk as a root device hint ironic understands: a kernel name or by-path link as
 * deviceName, a by-id WWN link as wwn. Other by-id links (vendor_model_serial) have no exact hint.
 */
export function rootDeviceHint(disk: string | undefined): { deviceName: string } | { wwn: string } | undefined {
  if (!disk) return undefined;
  const wwn = /^\/dev\/disk\/by-id\/wwn-(0x[0-9a-f]+)$/i.exec(disk);
  if (wwn) return { wwn: wwn[1]!.toLowerCase() };
  if (/^\/dev\/disk\/by-path\/\S+$/.test(disk) || /^\/dev\/[a-z0-9]+$/.test(disk)) return { deviceName: disk };
  return undefined;
}

const rootDeviceHints = (disk: string | undefined) => {
  const hint = rootDeviceHint(disk);
  return hint ? { rootDeviceHints: hint } : {};
};

export function bareMetalHost(o: FleetOptions, ctx: NodeContext): Record<string, unknown> {
  return {
    apiVersion: 'metal3.io/v1alpha1',
    kind: 'BareMetalHost',
    metadata: {
      name: nodeShortName(o),
      namespace: o.namespace,
      labels: { [INFRAENV_LABEL]: o.infraEnvName },
      annotations: {
        // the Assisted agent, not ironic, inspects the host; the agent controller names it and makes it a worker
        'inspect.metal3.io': 'disabled',
        'bmac.agent-install.openshift.io/hostname': o.nodeName,
        'bmac.agent-install.openshift.io/role': 'worker',
      },
    },
    spec: {
      online: true,
      bootMACAddress: o.bootMacAddress.toUpperCase(),
      automatedCleaningMode: 'disabled',
      bmc: { address: o.bmcAddress, credentialsName: o.bmcCredentialsName },
      ...rootDeviceHints(ctx.installDisk),
    },
  };
}

function nodeNetwork(network: NetworkModel | undefined): Record<string, unknown> {
  if (!network) return {};
  return { nodeNetwork: { interfaces: macInterfaceMap(network).map((m) => ({ name: m.logical_nic_name, macAddress: m.mac_address })), config: toNmstateObject(network) } };
}

/** The fields a ZTP node entry has in both schemas (ClusterInstance and the older SiteConfig). */
function ztpNodeBase(o: FleetOptions): Record<string, unknown> {
  return {
    hostName: o.nodeName,
    role: 'worker',
    bmcAddress: o.bmcAddress,
    bmcCredentialsName: { name: o.bmcCredentialsName },
    bootMACAddress: o.bootMacAddress.toUpperCase(),
    bootMode: 'UEFI',
  };
}

/** This node as an entry of ClusterInstance spec.nodes (siteconfig.open-cluster-management.io/v1alpha1). */
export function clusterInstanceNode(o: FleetOptions, ctx: NodeContext): Record<string, unknown> {
  const arch = ctx.architecture === 'x86_64' || ctx.architecture === 'aarch64' ? { cpuArchitecture: ctx.architecture } : {};
  return {
    ...ztpNodeBase(o),
    ...arch,
    ...rootDeviceHints(ctx.installDisk),
    templateRefs: [{ name: AI_NODE_TEMPLATES, namespace: o.templateNamespace }],
    ...nodeNetwork(ctx.network),
  };
}

/** This node as an entry of the older SiteConfig spec.clusters[].nodes (ran.openshift.io/v1). */
export function siteConfigNode(o: FleetOptions, ctx: NodeContext): Record<string, unknown> {
  return { ...ztpNodeBase(o), ...rootDeviceHints(ctx.installDisk), ...nodeNetwork(ctx.network) };
}

const REPLACE = (what: string) => `REPLACE_WITH_${what}`;

/** Secret templates with clearly marked placeholders; never applied by the kustomization. */
export function pullSecretTemplate(o: FleetOptions): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: o.pullSecretName, namespace: o.namespace },
    type: 'kubernetes.io/dockerconfigjson',
    stringData: { '.dockerconfigjson': REPLACE('PULL_SECRET_JSON') },
  };
}

export function bmcSecretTemplate(o: FleetOptions): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: o.bmcCredentialsName, namespace: o.namespace },
    type: 'Opaque',
    stringData: { username: REPLACE('BMC_USERNAME'), password: REPLACE('BMC_PASSWORD') },
  };
}
