import { z } from 'zod';
import type { Issue } from '../network/issue';
import { checkSshPublicKey, clusterNamesFromApiHost } from '../assisted/cluster';
import type { JobFacts } from './facts';

/**
 * What the platform team's hub needs beyond the job itself: names on the hub, the BMC (optional:
 * without one there is no BareMetalHost and no ZTP entry) and the names of the Secrets they will
 * create. The app never writes a secret's value: only these names.
 */
export const fleetOptionsSchema = z.object({
  /** Namespace on the hub holding the InfraEnv, NMStateConfig and BareMetalHost (usually the cluster's name) */
  namespace: z.string().trim(),
  /** The managed cluster's ClusterDeployment (InfraEnv clusterRef) / ClusterInstance name */
  clusterName: z.string().trim(),
  infraEnvName: z.string().trim(),
  nodeName: z.string().trim(),
  bootMacAddress: z.string().trim(),
  /** e.g. redfish-virtualmedia+https://10.1.1.20/redfish/v1/Systems/1; empty = no BMC */
  bmcAddress: z.string().trim().default(''),
  bmcCredentialsName: z.string().trim(),
  pullSecretName: z.string().trim(),
  sshPublicKey: z.string().trim().default(''),
  /** Namespace of the siteconfig operator's default templates (ai-node-templates-v1) */
  templateNamespace: z.string().trim().default('open-cluster-management'),
});
export type FleetOptions = z.infer<typeof fleetOptionsSchema>;

const MAC = /^([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** The BMC drivers metal3 / the siteconfig templates accept, as URL schemes */
const BMC_SCHEME =
  /^(redfish|redfish-virtualmedia|redfish-uefihttp|idrac|idrac-redfish|idrac-virtualmedia|ilo4|ilo4-virtualmedia|ilo5|ilo5-redfish|ilo5-virtualmedia|irmc|irmc-virtualmedia|ipmi|libvirt)(\+https?)?:\/\//;

const fleetIssue = (key: string, path: string, params?: Record<string, string | number>): Issue => ({ key: `handoff.issues.${key}`, path, ...(params ? { params } : {}) });

/** A DNS-1123 name short enough to be a label value too (used in the NMStateConfig selector). */
const shortName = (value: string) =>
  value
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');

/** Sensible values from what the job knows; the technician or platform team may change them. */
export function defaultFleetOptions(facts: JobFacts, sshPublicKey = ''): FleetOptions {
  const cluster = (facts.cluster && clusterNamesFromApiHost(facts.cluster.apiHost)?.name) || 'cluster';
  const node = facts.node.name ?? '';
  const short = shortName(node.split('.')[0] ?? '') || 'worker';
  return {
    namespace: cluster,
    clusterName: cluster,
    infraEnvName: shortName(`${cluster}-day2`),
    nodeName: node,
    bootMacAddress: facts.node.macs[0] ?? '',
    // The host inventory only knows the BMC's IP; the driver and system path (redfish, idrac …) are the platform team's to say.
    bmcAddress: facts.node.bmcAddress && BMC_SCHEME.test(facts.node.bmcAddress) ? facts.node.bmcAddress : '',
    bmcCredentialsName: shortName(`${short}-bmc-secret`),
    pullSecretName: shortName(`${cluster}-pull-secret`),
    sshPublicKey,
    templateNamespace: 'open-cluster-management',
  };
}

/** Every problem at once, each at its field (path = the option's name). */
export function validateFleetOptions(o: FleetOptions): Issue[] {
  const issues: Issue[] = [];
  for (const field of ['namespace', 'infraEnvName', 'bmcCredentialsName', 'templateNamespace'] as const) {
    if (!o[field]) issues.push(fleetIssue('required', field));
    else if (!DNS_LABEL.test(o[field])) issues.push(fleetIssue('dnsLabel', field, { value: o[field] }));
  }
  for (const field of ['clusterName', 'pullSecretName'] as const) {
    if (!o[field]) issues.push(fleetIssue('required', field));
    else if (!DNS_SUBDOMAIN.test(o[field])) issues.push(fleetIssue('dnsSubdomain', field, { value: o[field] }));
  }
  // Day-2 hosts are often named short (worker-2): any RFC 1123 name will do, as for the Assisted Installer.
  if (!o.nodeName) issues.push(fleetIssue('required', 'nodeName'));
  else if (!DNS_SUBDOMAIN.test(o.nodeName) || o.nodeName === 'localhost') issues.push(fleetIssue('dnsSubdomain', 'nodeName', { value: o.nodeName }));
  if (!o.bootMacAddress) issues.push(fleetIssue('required', 'bootMacAddress'));
  else if (!MAC.test(o.bootMacAddress)) issues.push(fleetIssue('mac', 'bootMacAddress', { value: o.bootMacAddress }));
  if (o.bmcAddress) {
    if (/^[a-z0-9+-]+:\/\/[^/@\s]*@/i.test(o.bmcAddress)) issues.push(fleetIssue('bmcCredentialsInUrl', 'bmcAddress'));
    else if (!BMC_SCHEME.test(o.bmcAddress) || /\s/.test(o.bmcAddress)) issues.push(fleetIssue('bmcScheme', 'bmcAddress', { value: o.bmcAddress }));
  }
  if (o.sshPublicKey) {
    const ssh = checkSshPublicKey(o.sshPublicKey);
    if (!ssh.ok) issues.push(fleetIssue(ssh.problem === 'privateKey' ? 'sshPrivateKey' : 'sshKey', 'sshPublicKey'));
  }
  return issues;
}
