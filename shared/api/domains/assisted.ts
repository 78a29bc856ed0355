import { z } from 'zod';
import { method, event } from '../define';

/**
 * The Assisted Installer day-2 flow. Its persisted state lives in job.data.assisted (ids, names,
 * chosen files, last statuses — never tokens, pull secrets or image-token URLs); the live view
 * (full host inventories, validations) is fetched from the service and kept in memory.
 */

export const imageTypeSchema = z.enum(['full-iso', 'minimal-iso']);

export const assistedEventSchema = z.object({
  time: z.string(),
  severity: z.string(),
  message: z.string(),
  name: z.string().optional(),
  hostId: z.string().optional(),
});
export type AssistedEvent = z.infer<typeof assistedEventSchema>;

export const assistedDataSchema = z.object({
  cluster: z
    .object({
      openshiftClusterId: z.string(),
      apiHost: z.string(),
      name: z.string(),
      baseDomain: z.string(),
      version: z.string(),
      source: z.enum(['kubeconfig', 'manual']),
    })
    .optional(),
  /** The Assisted Installer's own cluster id (kind AddHostsCluster), saved the moment it is known */
  clusterId: z.string().optional(),
  /** Set before the import call: a retry looks the cluster up first, so it never imports twice */
  importStartedAt: z.string().optional(),
  clusterImported: z.boolean().optional(),
  infraEnv: z
    .object({
      id: z.string(),
      name: z.string(),
      imageType: imageTypeSchema,
      pullSecretPath: z.string(),
      pullSecretRegistries: z.array(z.string()),
      sshPublicKey: z.string().optional(),
      httpProxy: z.string().optional(),
      httpsProxy: z.string().optional(),
      noProxy: z.string().optional(),
      ntpSources: z.string().optional(),
      staticNetwork: z.boolean(),
      /** The nmstate YAML and NIC map sent as static_network_config (no secret in it): the fleet export rebuilds the NMStateConfig from it */
      networkYaml: z.string().optional(),
      macInterfaceMap: z.array(z.object({ macAddress: z.string(), logicalNicName: z.string() })).optional(),
      /** the stored download URL's expiry as the service reported it (the URL itself is never saved) */
      expiresAt: z.string().optional(),
      sizeBytes: z.number().optional(),
      createdAt: z.string(),
    })
    .optional(),
  iso: z
    .object({
      path: z.string(),
      size: z.number(),
      sha256: z.string().optional(),
      artifactId: z.string().optional(),
      imageType: imageTypeSchema,
      downloadedAt: z.string(),
    })
    .optional(),
  /** Last seen status per host, so a reopened job shows where each host was */
  hosts: z.record(z.string(), z.object({ name: z.string(), status: z.string(), stage: z.string().optional(), percentage: z.number().optional(), updatedAt: z.string() })).default({}),
  selectedHostId: z.string().optional(),
  /** Event-Count already read: the next poll asks for offset = eventsSeen */
  eventsSeen: z.number().int().nonnegative().default(0),
  events: z.array(assistedEventSchema).default([]),
  lastPollAt: z.string().optional(),
  /** True while the service cannot be reached; the UI says what will happen when the link returns */
  offline: z.boolean().optional(),
  lastError: z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional() }).optional(),
});
export type AssistedData = z.infer<typeof assistedDataSchema>;

export const hostViewSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  inventoryHostname: z.string().optional(),
  status: z.string(),
  statusInfo: z.string(),
  macs: z.array(z.string()),
  ips: z.array(z.string()),
  interfaces: z.array(
    z.object({
      name: z.string(),
      mac: z.string(),
      ipv4: z.array(z.string()),
      ipv6: z.array(z.string()),
      speedMbps: z.number().optional(),
      hasCarrier: z.boolean().optional(),
    }),
  ),
  disks: z.array(
    z.object({
      name: z.string(),
      path: z.string().optional(),
      sizeBytes: z.number(),
      type: z.string().optional(),
      model: z.string().optional(),
      serial: z.string().optional(),
      bootable: z.boolean().optional(),
    }),
  ),
  serial: z.string().optional(),
  vendor: z.string().optional(),
  model: z.string().optional(),
  virtual: z.boolean().optional(),
  cpuCores: z.number().optional(),
  memoryBytes: z.number().optional(),
  bmcAddress: z.string().optional(),
  stage: z.string().optional(),
  percentage: z.number().optional(),
  progressInfo: z.string().optional(),
  progressStages: z.array(z.string()).optional(),
  stageStartedAt: z.string().optional(),
  stageUpdatedAt: z.string().optional(),
  validationsInfo: z.string().optional(),
  mediaStatus: z.string().optional(),
  checkedInAt: z.string().optional(),
  installationDiskPath: z.string().optional(),
});

export const assistedStateSchema = z.object({
  data: assistedDataSchema,
  /** Live hosts from the last successful poll (empty until the first one after a restart) */
  hosts: z.array(hostViewSchema),
  clusterStatus: z.string().optional(),
  watching: z.boolean(),
  practiceMode: z.boolean(),
  /** Node names of the OpenShift cluster when a kubeconfig is loaded (host names must not clash) */
  nodeNames: z.array(z.string()),
  /**
   * The discovery ISO's file in the artifact cache once its infra-env exists, named by the backend:
   * its download progress is artifacts.progress with this artifactId; `name` is the file name to save it as.
   */
  isoFile: z.object({ artifactId: z.string(), name: z.string() }).optional(),
});
export type AssistedState = z.infer<typeof assistedStateSchema>;

const jobId = z.object({ id: z.string().regex(/^[a-z0-9-]{6,64}$/) });

export const clusterInputSchema = jobId.extend({
  openshiftClusterId: z.string().trim(),
  apiHost: z.string().trim().min(1),
  version: z.string().trim().min(1),
  source: z.enum(['kubeconfig', 'manual']).default('manual'),
});

export const infraEnvInputSchema = jobId.extend({
  pullSecretPath: z.string().min(1),
  sshPublicKey: z.string().optional(),
  imageType: imageTypeSchema.default('full-iso'),
  httpProxy: z.string().trim().optional(),
  httpsProxy: z.string().trim().optional(),
  noProxy: z.string().trim().optional(),
  ntpSources: z.string().trim().optional(),
  /** nmstate YAML (from the network builder) for static addressing; omitted = DHCP */
  staticNetworkYaml: z.string().optional(),
  macInterfaceMap: z.array(z.object({ macAddress: z.string(), logicalNicName: z.string() })).optional(),
});

export const assistedMethods = {
  'assisted.state': method(jobId, assistedStateSchema),
  /** Step "Cluster details": OpenShift cluster id, API host and version (>= 4.11), typed or from the kubeconfig */
  'assisted.setCluster': method(clusterInputSchema, assistedStateSchema),
  /** Find the imported AddHostsCluster for the OpenShift cluster id, else import it once */
  'assisted.prepareCluster': method(jobId, assistedStateSchema),
  /** Reads a pull secret file and says whether it is usable; never returns its content */
  'assisted.checkPullSecret': method(z.object({ path: z.string().min(1) }), z.object({ ok: z.boolean(), problem: z.string().optional(), registries: z.array(z.string()) })),
  /** Public keys in ~/.ssh/*.pub the technician can pick */
  'assisted.sshKeys': method(z.void(), z.array(z.object({ path: z.string(), key: z.string(), type: z.string(), comment: z.string().optional() }))),
  /** Step "Generate discovery ISO": create (or update) the infra-env bound to the cluster */
  'assisted.saveInfraEnv': method(infraEnvInputSchema, assistedStateSchema),
  /** A freshly signed download URL (for copying / wget); never saved */
  'assisted.imageUrl': method(jobId, z.object({ url: z.string(), expiresAt: z.string().optional() })),
  /** Step "Download discovery ISO": into the artifact cache, refreshing the URL as needed */
  'assisted.downloadIso': method(jobId, assistedStateSchema),
  /** Start or stop polling hosts (~10 s) and events (~60 s) for this job */
  'assisted.watch': method(jobId.extend({ active: z.boolean() }), z.object({ watching: z.boolean() })),
  /** Poll now (hosts + new events) */
  'assisted.refresh': method(jobId, assistedStateSchema),
  'assisted.setHostname': method(jobId.extend({ hostId: z.string(), name: z.string() }), assistedStateSchema),
  'assisted.selectHost': method(jobId.extend({ hostId: z.string() }), assistedStateSchema),
  'assisted.install': method(jobId.extend({ hostId: z.string() }), assistedStateSchema),
  'assisted.reset': method(jobId.extend({ hostId: z.string() }), assistedStateSchema),
};

export const assistedEvents = {
  /** The live view of a job changed (poll result, action) */
  'assisted.changed': event(z.object({ id: z.string() })),
};
