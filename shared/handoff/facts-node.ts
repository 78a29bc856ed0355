import { z } from 'zod';
import type { AuditEntry, Job, JobKind } from '../api/domains/jobs';
import { clusterDataSchema } from '../api/domains/cluster';
import { assistedDataSchema } from '../api/domains/assisted';
import { manualStateSchema } from '../api/domains/manual';
import { isoJobDataSchema } from '../api/domains/iso';
import { dhcpIp, normalizeMac, type NetworkModel } from '../network/model';
import { parseNetworkYaml } from '../network/nmstate-parse';

export interface ReportNode {
  name?: string;
  macs: string[];
  serial?: string;
  vendor?: string;
  model?: string;
  /** Addresses as the job planned them or the node reported them, without duplicates */
  ips: string[];
  installDisk?: string;
  bmcAddress?: string;
}

/** One fact about how the node was added: an i18n key under handoff.report.pathFacts and its params. */
export interface PathFact {
  key: string;
  params?: Record<string, string | number>;
}
export interface ReportPath {
  kind: JobKind;
  facts: PathFact[];
}

/** What the Assisted flow records when it starts the install (the host's inventory at that moment). */
const installedHostSchema = z.object({
  host: z.object({
    name: z.string().optional(),
    macs: z.array(z.string()).default([]),
    ips: z.array(z.string()).default([]),
    serial: z.string().optional(),
    vendor: z.string().optional(),
    model: z.string().optional(),
    installationDiskPath: z.string().optional(),
    bmcAddress: z.string().optional(),
    interfaces: z.array(z.object({ name: z.string(), mac: z.string() })).default([]),
  }),
});
type InstalledHost = z.infer<typeof installedHostSchema>['host'];

export function installedHost(timeline: readonly AuditEntry[]): InstalledHost | undefined {
  const entry = [...timeline].reverse().find((e) => e.action === 'assisted.install');
  const parsed = installedHostSchema.safeParse(entry?.details);
  return parsed.success ? parsed.data.host : undefined;
}

const consoleSchema = z.object({ hostName: z.string().optional(), done: z.array(z.string()).optional() });

function parsed<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const r = schema.safeParse(value);
  return r.success ? r.data : undefined;
}

/** The node's planned network: the manual wizard's model, the Assisted static YAML, or DHCP on the NICs the host reported. */
export function networkModelOf(job: Job, timeline: readonly AuditEntry[] = []): NetworkModel | undefined {
  const manual = parsed(manualStateSchema, job.data.manual);
  if (manual?.network) return manual.network;
  const infraEnv = parsed(assistedDataSchema, job.data.assisted ?? {})?.infraEnv;
  if (infraEnv?.networkYaml) {
    try {
      const model = parseNetworkYaml(infraEnv.networkYaml)[0]?.model;
      if (model) {
        const macs = new Map((infraEnv.macInterfaceMap ?? []).map((m) => [m.logicalNicName, normalizeMac(m.macAddress)]));
        return { ...model, interfaces: model.interfaces.map((i) => (i.macAddress || !macs.has(i.name) ? i : { ...i, macAddress: macs.get(i.name)! })) };
      }
    } catch {
      // An unreadable YAML was refused by the service too; fall through to what the host reported.
    }
  }
  const host = installedHost(timeline);
  if (host && host.interfaces.length > 0) {
    return {
      interfaces: host.interfaces.map((i) => ({ name: i.name, type: 'ethernet' as const, macAddress: normalizeMac(i.mac), ipv4: dhcpIp(), ipv6: dhcpIp() })),
      dns: { servers: [], search: [] },
      routes: [],
    };
  }
  return undefined;
}

export function nodeFacts(job: Job, timeline: readonly AuditEntry[], network: NetworkModel | undefined): ReportNode {
  const cluster = parsed(clusterDataSchema, job.data.cluster);
  const manual = parsed(manualStateSchema, job.data.manual);
  const assisted = parsed(assistedDataSchema, job.data.assisted ?? {});
  const consoleData = parsed(consoleSchema, job.data.console);
  const host = installedHost(timeline);
  const selected = assisted?.selectedHostId ? assisted.hosts[assisted.selectedHostId]?.name : undefined;
  const name = cluster?.worker?.nodeName ?? nonEmpty(manual?.hostname) ?? host?.name ?? selected ?? nonEmpty(consoleData?.hostName);

  const macs = unique([...(network?.interfaces.flatMap((i) => (i.macAddress ? [normalizeMac(i.macAddress)] : [])) ?? []), ...(host?.macs ?? []).map(normalizeMac)]);
  const planned = (network?.interfaces ?? []).flatMap((i) => [...i.ipv4.addresses, ...i.ipv6.addresses].map((a) => `${a.ip}/${a.prefixLength}`));
  const ready = readyAddresses(timeline);
  const ips = uniqueBy([...planned, ...(host?.ips ?? []), ...ready], (ip) => ip.split('/')[0]!.toLowerCase());
  const builds = parsed(isoJobDataSchema, job.data.iso ?? {})?.builds ?? [];
  const installDisk = nonEmpty(manual?.installDevice) ?? builds.at(-1)?.destDevice ?? nonEmpty(host?.installationDiskPath);
  return {
    ...(name ? { name } : {}),
    macs,
    ...(host?.serial ? { serial: host.serial } : {}),
    ...(host?.vendor ? { vendor: host.vendor } : {}),
    ...(host?.model ? { model: host.model } : {}),
    ips,
    ...(installDisk ? { installDisk } : {}),
    // the agent reports 0.0.0.0 / :: when the host has no BMC it can see
    ...(host?.bmcAddress && !/^(0\.0\.0\.0|::)$/.test(host.bmcAddress) ? { bmcAddress: host.bmcAddress } : {}),
  };
}

function readyAddresses(timeline: readonly AuditEntry[]): string[] {
  const entry = [...timeline].reverse().find((e) => e.action === 'cluster.nodeReady');
  const list = parsed(z.array(z.object({ type: z.string(), address: z.string() })), entry?.details?.addresses) ?? [];
  return list.filter((a) => a.type === 'InternalIP' || a.type === 'ExternalIP').map((a) => a.address);
}

export function pathFacts(job: Job, timeline: readonly AuditEntry[]): ReportPath {
  const facts: PathFact[] = [];
  const cluster = parsed(clusterDataSchema, job.data.cluster);
  if (cluster) facts.push({ key: cluster.source === 'kubeconfig' ? 'clusterKubeconfig' : 'clusterManual' });
  if (job.kind === 'manual') {
    const manual = parsed(manualStateSchema, job.data.manual);
    if (manual?.delivery) facts.push({ key: manual.delivery === 'served' ? 'deliveryServed' : 'deliveryInline' });
    const isStatic = manual?.network?.interfaces.some((i) => i.ipv4.mode === 'static' || i.ipv6.mode === 'static');
    if (manual?.network) facts.push({ key: isStatic ? 'networkStatic' : 'networkDhcp' });
  }
  if (job.kind === 'assisted') {
    const infraEnv = parsed(assistedDataSchema, job.data.assisted ?? {})?.infraEnv;
    if (infraEnv) facts.push({ key: infraEnv.imageType === 'minimal-iso' ? 'imageMinimal' : 'imageFull' }, { key: infraEnv.staticNetwork ? 'networkStatic' : 'networkDhcp' });
  }
  if (job.kind === 'console') {
    const done = parsed(consoleSchema, job.data.console)?.done ?? [];
    facts.push({ key: 'consoleSteps', params: { count: done.length } });
  }
  const builds = parsed(isoJobDataSchema, job.data.iso ?? {})?.builds ?? [];
  if (builds.length > 0) facts.push({ key: 'selfInstallingUsb', params: { disk: builds.at(-1)!.destDevice } });
  const approvals = timeline.filter((e) => e.action === 'csr.approve');
  if (approvals.some((e) => e.actor === 'auto')) facts.push({ key: 'csrAuto' });
  if (approvals.some((e) => e.actor !== 'auto')) facts.push({ key: 'csrManual' });
  if (approvals.length === 0) facts.push({ key: 'csrOutsideApp' });
  return { kind: job.kind, facts };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() ? value.trim() : undefined;
}
function unique(values: string[]): string[] {
  return [...new Set(values)];
}
function uniqueBy(values: string[], key: (v: string) => string): string[] {
  const seen = new Set<string>();
  return values.filter((v) => (seen.has(key(v)) ? false : (seen.add(key(v)), true)));
}
