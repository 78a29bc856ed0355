import { readFile, readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Host, InfraEnvCreateParams } from '@openshift-assisted/types/assisted-installer-service';
import { AppError, isAppError } from '../../../shared/api/errors';
import { jsonProblem, ParseError } from '../../../shared/parse/parse-problem';
import {
  assistedDataSchema, type AssistedData, type AssistedEvent, type AssistedState,
} from '../../../shared/api/domains/assisted';
import type { z } from 'zod';
import type { clusterInputSchema, infraEnvInputSchema } from '../../../shared/api/domains/assisted';
import { hostView, type HostView } from '../../../shared/assisted/host-display';
import { validateDay2Hostname } from '../../../shared/assisted/hostname';
import { canInstall, canReset, canSetHostname, isFinalStatus } from '../../../shared/assisted/status';
import {
  apiHostFromUrl, apiVipDnsname, checkPullSecret, checkSshPublicKey, clusterNamesFromApiHost, isUuid, isVersionString, minimumVersion, versionAtLeast,
} from '../../../shared/assisted/cluster';
import type { JobStore } from '../jobs/job-store';
import type { Logger } from '../logging/logger';
import { systemScheduler, type Clock, type Scheduler } from '../clock';
import type { EventBus } from '../../rpc/event-bus';
import type { AssistedClient } from './client';
import type { IsoDownloader } from './iso-download';
import { discoveryIsoName } from '../../../shared/assisted/artifact-names';

type ClusterInput = z.output<typeof clusterInputSchema>;
type InfraEnvInput = z.output<typeof infraEnvInputSchema>;

export interface AssistedServiceOptions {
  jobs: JobStore;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  client: AssistedClient;
  download: IsoDownloader;
  practiceMode: boolean;
  /** Node names of the OpenShift cluster (from the kubeconfig) so a new host name cannot clash */
  nodeNames?: (jobId: string) => Promise<string[]>;
  /** Tells the CSR checks which node name and addresses to expect (cluster flow), when a kubeconfig is loaded */
  onWorkerNamed?: (jobId: string, nodeName: string, addresses: string[]) => Promise<unknown>;
  homeDir?: string;
  pollHostsMs?: number;
  pollEventsMs?: number;
  /** When the next poll runs (tests step through polls instead of waiting for them) */
  scheduler?: Scheduler;
}

interface Live {
  hosts: HostView[];
  clusterStatus?: string;
  /** When the service last answered. Kept in memory, not in job.json: a poll that found nothing new is not work on the job (it must not move the job up the list). */
  lastPollAt?: string;
}

interface Watch {
  cancel: (() => void) | undefined;
  failures: number;
  lastEventsAt: number;
  stopped: boolean;
}

const KEY = 'assisted';
const maxEvents = 300;

/**
 * The Assisted Installer day-2 workflow for one job at a time or many: every step saves its result
 * in job.data.assisted at once (ids before anything else), so a killed app or a dropped link picks
 * up where it stopped. Import is made safe to repeat by always looking the cluster up first.
 */
export class AssistedService {
  readonly #o: Required<Omit<AssistedServiceOptions, 'nodeNames' | 'onWorkerNamed'>> & Pick<AssistedServiceOptions, 'nodeNames' | 'onWorkerNamed'>;
  readonly #live = new Map<string, Live>();
  readonly #watches = new Map<string, Watch>();
  readonly #inflight = new Map<string, Promise<unknown>>();

  constructor(options: AssistedServiceOptions) {
    this.#o = { homeDir: homedir(), pollHostsMs: 10_000, pollEventsMs: 60_000, scheduler: systemScheduler, ...options };
  }

  async #data(jobId: string): Promise<AssistedData> {
    const job = await this.#o.jobs.get(jobId);
    return assistedDataSchema.parse(job.data[KEY] ?? {});
  }

  async #save(jobId: string, change: (d: AssistedData) => AssistedData, step?: string): Promise<AssistedData> {
    const job = await this.#o.jobs.updateData<unknown>(jobId, KEY, (current) => assistedDataSchema.parse(change(assistedDataSchema.parse(current ?? {}))), step);
    return assistedDataSchema.parse(job.data[KEY]);
  }

  #now(): string {
    return new Date(this.#o.clock.now()).toISOString();
  }

  /** One operation at a time per job and kind: a double click never imports or installs twice. */
  async #once<T>(key: string, run: () => Promise<T>): Promise<T> {
    const running = this.#inflight.get(key) as Promise<T> | undefined;
    if (running) return running;
    const promise = run().finally(() => this.#inflight.delete(key));
    this.#inflight.set(key, promise);
    return promise;
  }

  async #audit(jobId: string, action: string, summary: string, details?: Record<string, unknown>): Promise<void> {
    await this.#o.jobs.appendAudit(jobId, { action: `assisted.${action}`, summary, ...(details ? { details } : {}) }).catch(() => {});
  }

  async state(jobId: string): Promise<AssistedState> {
    const data = await this.#data(jobId);
    const live = this.#live.get(jobId);
    const state: AssistedState = {
      data: live?.lastPollAt ? { ...data, lastPollAt: live.lastPollAt } : data,
      hosts: live?.hosts ?? [],
      watching: this.#watches.has(jobId),
      practiceMode: this.#o.practiceMode,
      nodeNames: await this.#nodeNames(jobId),
    };
    if (live?.clusterStatus) state.clusterStatus = live.clusterStatus;
    return state;
  }

  readonly #nodeCache = new Map<string, { at: number; names: Promise<string[]> }>();

  /** Node names change rarely; ask the cluster at most once a minute per job (no kubeconfig = none). */
  async #nodeNames(jobId: string): Promise<string[]> {
    if (!this.#o.nodeNames) return [];
    const now = this.#o.clock.now();
    const cached = this.#nodeCache.get(jobId);
    if (cached && now - cached.at < 60_000) return cached.names;
    const names = this.#o.nodeNames(jobId).catch(() => [] as string[]);
    this.#nodeCache.set(jobId, { at: now, names });
    return names;
  }

  // ---- Step 1: cluster details -------------------------------------------------------------

  async setCluster(input: ClusterInput): Promise<AssistedState> {
    const openshiftClusterId = input.openshiftClusterId.trim().toLowerCase();
    if (!isUuid(openshiftClusterId)) throw new AppError('assisted.clusterIdInvalid', { value: input.openshiftClusterId.slice(0, 80) });
    if (!isVersionString(input.version)) throw new AppError('assisted.versionInvalid', { version: input.version.slice(0, 40) });
    if (!versionAtLeast(input.version)) throw new AppError('assisted.versionTooOld', { version: input.version, minimum: minimumVersion });
    const apiHost = apiHostFromUrl(input.apiHost);
    const names = clusterNamesFromApiHost(apiHost);
    if (!names) throw new AppError('assisted.apiHostInvalid', { host: apiHost });
    await this.#save(
      input.id,
      (d) => {
        const changed = d.cluster && d.cluster.openshiftClusterId !== openshiftClusterId;
        // Another cluster: everything found or created for the previous one no longer applies.
        const base = changed ? assistedDataSchema.parse({}) : d;
        return { ...base, cluster: { openshiftClusterId, apiHost: apiVipDnsname(names), name: names.name, baseDomain: names.baseDomain, version: input.version.trim(), source: input.source } };
      },
      'cluster',
    );
    this.#live.delete(input.id);
    await this.#audit(input.id, 'cluster', `Cluster ${openshiftClusterId} (${apiHost}, ${input.version})`);
    return this.state(input.id);
  }

  // ---- Step 2: find or import ----------------------------------------------------------------

  async prepareCluster(jobId: string): Promise<AssistedState> {
    return this.#once(`${jobId}:prepare`, async () => {
      const data = await this.#data(jobId);
      if (!data.cluster) throw new AppError('assisted.clusterMissing');
      const { cluster } = data;
      if (data.clusterId) {
        try {
          const found = await this.#o.client.getCluster(data.clusterId);
          this.#setLive(jobId, { clusterStatus: found.status });
          return this.state(jobId);
        } catch (err) {
          if (!isAppError(err, 'assisted.notVisible')) throw err;
          // Deleted (garbage-collected after inactivity) or another account: look it up again below.
          await this.#save(jobId, (d) => ({ ...d, clusterId: undefined, infraEnv: undefined, iso: undefined, hosts: {}, eventsSeen: 0 }));
        }
      }
      // Always look first: a previous import whose response was lost has created it already.
      const existing = await this.#o.client.findAddHostsClusters(cluster.openshiftClusterId);
      if (existing.length) {
        const newest = [...existing].sort((a, b) => String(b.createdAt ?? '').localeCompare(String(a.createdAt ?? '')))[0]!;
        await this.#save(jobId, (d) => ({ ...d, clusterId: newest.id, clusterImported: d.importStartedAt !== undefined }), 'iso');
        this.#setLive(jobId, { clusterStatus: newest.status });
        await this.#audit(jobId, 'found', `Found Assisted cluster ${newest.id}`, { clusterId: newest.id });
        return this.state(jobId);
      }
      await this.#save(jobId, (d) => ({ ...d, importStartedAt: this.#now() }));
      const created = await this.#o.client.importCluster({
        name: cluster.name,
        apiVipDnsname: cluster.apiHost,
        openshiftClusterId: cluster.openshiftClusterId,
        openshiftVersion: cluster.version,
      });
      await this.#save(jobId, (d) => ({ ...d, clusterId: created.id, clusterImported: true }), 'iso');
      this.#setLive(jobId, { clusterStatus: created.status });
      await this.#audit(jobId, 'imported', `Imported cluster ${cluster.name} as ${created.id}`, { clusterId: created.id });
      return this.state(jobId);
    });
  }

  #setLive(jobId: string, patch: Partial<Live>): void {
    const current = this.#live.get(jobId) ?? { hosts: [] };
    this.#live.set(jobId, { ...current, ...patch });
    this.#o.bus.emit('assisted.changed', { id: jobId });
  }

  // ---- Step 3: discovery ISO -----------------------------------------------------------------

  async checkPullSecret(path: string): Promise<{ ok: boolean; problem?: string; registries: string[] }> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      throw new AppError('assisted.pullSecretUnreadable', { path, reason: (err as NodeJS.ErrnoException).code ?? 'error' });
    }
    const check = checkPullSecret(text);
    const result: { ok: boolean; problem?: string; registries: string[] } = { ok: check.ok, registries: check.registries };
    if (check.problem) result.problem = check.problem;
    return result;
  }

  async sshKeys(): Promise<{ path: string; key: string; type: string; comment?: string }[]> {
    const dir = join(this.#o.homeDir, '.ssh');
    const names = await readdir(dir).catch(() => [] as string[]);
    const keys: { path: string; key: string; type: string; comment?: string }[] = [];
    for (const name of names.filter((n) => n.endsWith('.pub')).sort()) {
      const path = join(dir, name);
      const key = (await readFile(path, 'utf8').catch(() => '')).trim();
      const check = checkSshPublicKey(key);
      if (!check.ok || !check.type) continue;
      keys.push({ path, key, type: check.type, ...(check.comment ? { comment: check.comment } : {}) });
    }
    return keys;
  }

  async saveInfraEnv(input: InfraEnvInput): Promise<AssistedState> {
    return this.#once(`${input.id}:infraenv`, async () => {
      const data = await this.#data(input.id);
      if (!data.cluster || !data.clusterId) throw new AppError('assisted.clusterMissing');
      const job = await this.#o.jobs.get(input.id);
      const pullSecretText = await readFile(input.pullSecretPath, 'utf8').catch((err: NodeJS.ErrnoException) => {
        throw new AppError('assisted.pullSecretUnreadable', { path: input.pullSecretPath, reason: err.code ?? 'error' });
      });
      const secret = checkPullSecret(pullSecretText);
      if (secret.problem === 'notJson') throw new ParseError(jsonProblem(pullSecretText, input.pullSecretPath), 'assisted.pullSecretNotJson', { path: input.pullSecretPath });
      if (!secret.ok) throw new AppError(`assisted.pullSecret${cap(secret.problem ?? 'notJson')}`, { path: input.pullSecretPath });
      const sshKey = input.sshPublicKey?.trim() || undefined;
      if (sshKey) {
        const ssh = checkSshPublicKey(sshKey);
        if (!ssh.ok) throw new AppError(`assisted.sshKey${cap(ssh.problem ?? 'invalid')}`);
      }
      for (const [field, value] of [['httpProxy', input.httpProxy], ['httpsProxy', input.httpsProxy]] as const) {
        if (value && !/^https?:\/\/[^\s/]+/.test(value)) throw new AppError('assisted.proxyInvalid', { field, value: value.slice(0, 120) });
      }
      const ntp = input.ntpSources?.split(/[\s,]+/).filter(Boolean) ?? [];
      const badNtp = ntp.find((n) => !/^[a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?$|^[0-9a-fA-F:]+$/.test(n));
      if (badNtp) throw new AppError('assisted.ntpInvalid', { value: badNtp.slice(0, 80) });

      const arch = archOf(job.data.cluster);
      const name = `${data.cluster.name}-day2-${arch}`;
      const proxy = input.httpProxy || input.httpsProxy ? { httpProxy: input.httpProxy || undefined, httpsProxy: input.httpsProxy || undefined, noProxy: input.noProxy || undefined } : undefined;
      const params: InfraEnvCreateParams = {
        name,
        clusterId: data.clusterId,
        pullSecret: pullSecretText.trim(),
        imageType: input.imageType,
        cpuArchitecture: arch,
        openshiftVersion: majorMinor(data.cluster.version),
        ...(sshKey ? { sshAuthorizedKey: sshKey } : {}),
        ...(proxy ? { proxy: dropUndefined(proxy) } : {}),
        ...(ntp.length ? { additionalNtpSources: ntp.join(',') } : {}),
        ...(input.staticNetworkYaml ? { staticNetworkConfig: [{ networkYaml: input.staticNetworkYaml, ...(input.macInterfaceMap ? { macInterfaceMap: input.macInterfaceMap } : {}) }] } : {}),
      };
      let infraEnvId = data.infraEnv?.id;
      if (!infraEnvId) {
        // Reuse one left by an earlier attempt (its response may have been lost) rather than making another.
        const existing = (await this.#o.client.listInfraEnvs(data.clusterId)).find((e) => e.name === name);
        infraEnvId = existing?.id;
      }
      const { name: _n, clusterId: _c, cpuArchitecture: _a, ...update } = params;
      const infraEnv = infraEnvId ? await this.#o.client.updateInfraEnv(infraEnvId, update) : await this.#o.client.createInfraEnv(params);
      await this.#save(
        input.id,
        (d) => ({
          ...d,
          infraEnv: dropUndefined({
            id: infraEnv.id,
            name,
            imageType: input.imageType,
            pullSecretPath: input.pullSecretPath,
            pullSecretRegistries: secret.registries,
            sshPublicKey: sshKey,
            httpProxy: input.httpProxy || undefined,
            httpsProxy: input.httpsProxy || undefined,
            noProxy: input.noProxy || undefined,
            ntpSources: ntp.length ? ntp.join(',') : undefined,
            staticNetwork: Boolean(input.staticNetworkYaml),
            networkYaml: input.staticNetworkYaml || undefined,
            macInterfaceMap: input.staticNetworkYaml ? input.macInterfaceMap : undefined,
            expiresAt: validDate(infraEnv.expiresAt),
            sizeBytes: infraEnv.sizeBytes,
            createdAt: d.infraEnv?.createdAt ?? this.#now(),
          }),
          // A changed ISO type means the file on disk is no longer the right one.
          iso: d.iso && d.iso.imageType === input.imageType && d.infraEnv?.id === infraEnv.id ? d.iso : undefined,
        }),
        'download',
      );
      await this.#audit(input.id, 'infraEnv', `${infraEnvId ? 'Updated' : 'Created'} discovery ISO settings ${infraEnv.id} (${input.imageType})`, { infraEnvId: infraEnv.id });
      return this.state(input.id);
    });
  }

  async imageUrl(jobId: string): Promise<{ url: string; expiresAt?: string }> {
    const data = await this.#data(jobId);
    if (!data.infraEnv) throw new AppError('assisted.infraEnvMissing');
    const signed = await this.#o.client.imageUrl(data.infraEnv.id);
    const expiresAt = validDate(signed.expiresAt);
    await this.#save(jobId, (d) => (d.infraEnv ? { ...d, infraEnv: dropUndefined({ ...d.infraEnv, expiresAt }) } : d));
    return { url: signed.url ?? '', ...(expiresAt ? { expiresAt } : {}) };
  }

  async downloadIso(jobId: string): Promise<AssistedState> {
    return this.#once(`${jobId}:download`, async () => {
      const data = await this.#data(jobId);
      if (!data.infraEnv || !data.cluster) throw new AppError('assisted.infraEnvMissing');
      const { infraEnv, cluster } = data;
      const first = await this.imageUrl(jobId);
      let used = false;
      const result = await this.#o.download(
        {
          url: first.url,
          kind: 'discovery-iso',
          name: discoveryIsoName(cluster.name, infraEnv.id, infraEnv.imageType),
          version: cluster.version,
          jobId,
          // The first attempt uses the URL just signed; later attempts (after expiry) get a fresh one.
          refreshUrl: async () => {
            if (!used) {
              used = true;
              return first;
            }
            return this.imageUrl(jobId);
          },
        },
        (bytes, total) => this.#o.bus.emit('assisted.progress', { id: jobId, bytes, ...(total !== undefined ? { total } : {}), done: false }),
      );
      this.#o.bus.emit('assisted.progress', { id: jobId, bytes: result.size, total: result.size, done: true });
      await this.#save(
        jobId,
        (d) => ({ ...d, iso: dropUndefined({ path: result.path, size: result.size, sha256: result.sha256, artifactId: result.id, imageType: infraEnv.imageType, downloadedAt: this.#now() }) }),
        'hosts',
      );
      await this.#audit(jobId, 'isoDownloaded', `Discovery ISO saved (${result.size} bytes)`, { path: result.path, sha256: result.sha256 });
      return this.state(jobId);
    });
  }

  // ---- Steps 4-6: hosts, validations, install ------------------------------------------------

  /** One poll: hosts always, events when due (or forced). Network failures mark the job offline instead of failing. */
  async refresh(jobId: string, options: { events?: boolean } = { events: true }): Promise<AssistedState> {
    return this.#once(`${jobId}:refresh`, async () => {
      const data = await this.#data(jobId);
      if (!data.infraEnv || !data.clusterId) return this.state(jobId);
      try {
        const hosts = await this.#o.client.listHosts(data.infraEnv.id);
        const views = hosts.map((h) => hostView(h as Host & { statusInfo: string }));
        const before = this.#live.get(jobId)?.hosts ?? [];
        const changed = views.some((v) => before.find((b) => b.id === v.id)?.status !== v.status);
        let page: { events: AssistedEvent[]; total: number } | undefined;
        if (options.events || changed) {
          const got = await this.#o.client.events({ clusterId: data.clusterId, offset: data.eventsSeen });
          page = {
            total: got.total,
            events: got.events.map((e) => dropUndefined({ time: e.eventTime, severity: e.severity, message: e.message, name: e.name, hostId: e.hostId })),
          };
        }
        this.#setLive(jobId, { hosts: views, lastPollAt: this.#now() });
        await this.#save(jobId, (d) => {
          const record = { ...d.hosts };
          for (const v of views) {
            const prev = record[v.id];
            if (!prev || prev.status !== v.status || prev.name !== v.displayName || prev.stage !== v.stage || prev.percentage !== v.percentage) {
              record[v.id] = dropUndefined({ name: v.displayName, status: v.status, stage: v.stage, percentage: v.percentage, updatedAt: this.#now() });
            }
          }
          const next: AssistedData = { ...d, hosts: record, offline: false, lastError: undefined };
          if (page) {
            // Event-Count can shrink if the service dropped old events: then start over rather than skip new ones.
            const seen = page.total < d.eventsSeen ? page.events.length : d.eventsSeen + page.events.length;
            next.events = [...(page.total < d.eventsSeen ? [] : d.events), ...page.events].slice(-maxEvents);
            next.eventsSeen = seen;
          }
          if (!next.selectedHostId && views.length === 1) next.selectedHostId = views[0]!.id;
          return next;
        });
        return this.state(jobId);
      } catch (err) {
        const offline = isAppError(err) && (err.code === 'assisted.offline' || err.code === 'common.timeout');
        const wire = isAppError(err) ? { code: err.code, params: err.params } : { code: 'common.unexpected', params: { message: String(err) } };
        await this.#save(jobId, (d) => ({ ...d, offline, lastError: wire }));
        this.#o.bus.emit('assisted.changed', { id: jobId });
        throw err;
      }
    });
  }

  async selectHost(jobId: string, hostId: string): Promise<AssistedState> {
    await this.#save(jobId, (d) => ({ ...d, selectedHostId: hostId }));
    return this.state(jobId);
  }

  async setHostname(jobId: string, hostId: string, name: string): Promise<AssistedState> {
    const data = await this.#data(jobId);
    if (!data.infraEnv) throw new AppError('assisted.infraEnvMissing');
    const host = await this.#o.client.getHost(data.infraEnv.id, hostId);
    if (!canSetHostname(host.status)) throw new AppError('assisted.hostnameNotNow', { status: host.status });
    const others = (await this.#o.client.listHosts(data.infraEnv.id)).filter((h) => h.id !== hostId).map((h) => hostView(h as Host & { statusInfo: string }).displayName);
    const value = name.trim();
    const issue = validateDay2Hostname(value, { otherHosts: others, nodeNames: await this.#nodeNames(jobId) })[0];
    if (issue) throw new AppError(`assisted.hostname${cap(issue.key)}`, { name: value.slice(0, 80), ...(issue.params ?? {}) });
    await this.#o.client.updateHost(data.infraEnv.id, hostId, { hostName: value });
    await this.#audit(jobId, 'hostname', `Host ${hostId} named ${value}`, { hostId, name: value });
    const addresses = hostView(host as Host & { statusInfo: string }).ips.map((ip) => ip.split('/')[0]!);
    // Without a kubeconfig there is nothing to tell; the CSR step then shows commands instead.
    await this.#o.onWorkerNamed?.(jobId, value, addresses).catch(() => undefined);
    return this.refresh(jobId, { events: false });
  }

  async install(jobId: string, hostId: string): Promise<AssistedState> {
    return this.#once(`${jobId}:install:${hostId}`, async () => {
      const data = await this.#data(jobId);
      if (!data.infraEnv) throw new AppError('assisted.infraEnvMissing');
      const host = await this.#o.client.getHost(data.infraEnv.id, hostId);
      if (!canInstall(host.status)) throw new AppError('assisted.notReady', { status: host.status });
      await this.#o.client.installHost(data.infraEnv.id, hostId);
      await this.#save(jobId, (d) => ({ ...d, selectedHostId: hostId }), 'install');
      // What the host reported at install time: the site report and the fleet export need it after the live view is gone.
      const view = hostView(host as Host & { statusInfo: string });
      await this.#audit(jobId, 'install', `Installation started on host ${hostId} (${view.displayName})`, {
        hostId,
        host: dropUndefined({
          name: view.displayName,
          macs: view.macs,
          ips: view.ips,
          serial: view.serial,
          vendor: view.vendor,
          model: view.model,
          installationDiskPath: view.installationDiskPath,
          bmcAddress: view.bmcAddress,
          interfaces: view.interfaces.map((i) => ({ name: i.name, mac: i.mac })),
        }),
      });
      return this.refresh(jobId, { events: true });
    });
  }

  async reset(jobId: string, hostId: string): Promise<AssistedState> {
    const data = await this.#data(jobId);
    if (!data.infraEnv) throw new AppError('assisted.infraEnvMissing');
    const host = await this.#o.client.getHost(data.infraEnv.id, hostId);
    if (!canReset(host.status)) throw new AppError('assisted.resetNotAllowed', { status: host.status });
    await this.#o.client.resetHost(data.infraEnv.id, hostId);
    await this.#audit(jobId, 'reset', `Host ${hostId} reset; boot it from the discovery ISO again`, { hostId });
    return this.refresh(jobId, { events: true });
  }

  // ---- Polling --------------------------------------------------------------------------------

  watch(jobId: string, active: boolean): { watching: boolean } {
    const existing = this.#watches.get(jobId);
    if (!active) {
      if (existing) {
        existing.stopped = true;
        existing.cancel?.();
        this.#watches.delete(jobId);
      }
      return { watching: false };
    }
    if (existing) return { watching: true };
    const w: Watch = { cancel: undefined, failures: 0, lastEventsAt: 0, stopped: false };
    this.#watches.set(jobId, w);
    const tick = async () => {
      if (w.stopped) return;
      let delay = this.#o.pollHostsMs;
      try {
        const now = this.#o.clock.now();
        const eventsDue = now - w.lastEventsAt >= this.#o.pollEventsMs;
        const state = await this.refresh(jobId, { events: eventsDue });
        if (eventsDue) w.lastEventsAt = now;
        w.failures = 0;
        // Nothing more will be posted once every host has rebooted: slow down to the events pace.
        if (state.hosts.length && state.hosts.every((h) => isFinalStatus(h.status))) delay = this.#o.pollEventsMs;
      } catch (err) {
        w.failures += 1;
        // Back off on failures (offline, 5xx after retries): 10 s, 20 s, 40 s … up to 5 minutes, with jitter.
        delay = Math.min(this.#o.pollHostsMs * 2 ** w.failures, 300_000) * (0.9 + Math.random() * 0.2);
        if (isAppError(err, 'jobs.notFound')) return this.watch(jobId, false) && undefined;
        this.#o.logger.warn('assisted poll failed', { jobId, code: isAppError(err) ? err.code : 'unexpected', failures: w.failures });
      }
      if (!w.stopped) w.cancel = this.#o.scheduler.after(delay, () => void tick());
    };
    void tick();
    return { watching: true };
  }

  dispose(): void {
    for (const id of [...this.#watches.keys()]) this.watch(id, false);
  }
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function majorMinor(version: string): string {
  const m = /^v?(\d+\.\d+)/.exec(version.trim());
  return m ? m[1]! : version;
}

function validDate(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  // The zero time ("0001-01-01T00:00:00Z") means "no URL yet".
  return value.startsWith('0001-') ? undefined : value;
}

function archOf(cluster: unknown): 'x86_64' | 'arm64' | 'ppc64le' | 's390x' {
  const arch = String((cluster as { architecture?: string } | undefined)?.architecture ?? 'x86_64').toLowerCase();
  if (arch === 'arm64' || arch === 'aarch64') return 'arm64';
  if (arch === 'ppc64le' || arch === 's390x') return arch;
  return 'x86_64';
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
