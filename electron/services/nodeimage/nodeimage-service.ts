import { createHash, randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { AppError } from '../../../shared/api/errors';
import { blocking, type Issue } from '../../../shared/network/issue';
import { clusterDataSchema, type ClusterData } from '../../../shared/api/domains/cluster';
import { nodeImageStateSchema, type MonitorSnapshot, type NodeImageState, type OcInfo, type RunStatus } from '../../../shared/api/domains/nodeimage';
import { buildNodesConfig, equivalentCommands, nodesConfigYaml, staticAddresses, type NodesConfigInput } from '../../../shared/nodeimage/nodes-config';
import { validateNodesConfig, type ExistingNode } from '../../../shared/nodeimage/validate-nodes-config';
import { platformSupportsNodeImage, supportsNodeImage } from '../../../shared/nodeimage/paths';
import { filterInheritedEnv } from '../../../shared/terminal/env-filter';
import { kubeconfigCandidates } from '../cluster/kube-access';
import { writeFileAtomic } from '../fs/atomic-write';
import type { ClusterService } from '../cluster/cluster-service';
import type { ArtifactService } from '../artifacts/artifact-service';
import type { JobStore } from '../jobs/job-store';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import type { EventBus } from '../events/event-bus';
import { checkOc, fetchClusterOc, findClusterOc, thisLaptop, type LaptopPlatform } from './cluster-oc';
import { CreateRun } from './create-run';
import { monitorSnapshot, tcpProbe, type Probe } from './monitor';
import { isoIntoCache } from './node-iso';

const EVENT_TAIL = 40;

export interface NodeImageServiceOptions {
  jobs: JobStore;
  cluster: ClusterService;
  artifacts: ArtifactService;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  /** Added to oc's environment (practice mode points the stand-in oc at its base ISO) */
  extraEnv?: Record<string, string>;
  laptop?: LaptopPlatform;
  probe?: Probe;
  /** Test hook: CAs trusted for the cluster's downloads route instead of its ingress CA */
  downloadCa?: string[];
  graceMs?: number;
  /** Practice mode: a simulated machine boots the new ISO */
  onIsoReady?: (info: { jobId: string; nodeName?: string; address?: string }) => void;
}

/**
 * The node-image job: nodes-config.yaml in the job's --dir, the cluster's oc, the managed
 * `oc adm node-image create` run, the ISO into the cache, and the native monitor.
 */
export class NodeImageService {
  readonly #runs = new Map<string, CreateRun>();
  /** Jobs whose run is being set up: a second create in that moment is refused too */
  readonly #starting = new Set<string>();

  constructor(private readonly o: NodeImageServiceOptions) {}

  dir(jobId: string): string {
    return join(this.o.jobs.folder(jobId), 'nodeimage');
  }

  async state(jobId: string): Promise<NodeImageState> {
    const job = await this.o.jobs.get(jobId);
    const parsed = nodeImageStateSchema.safeParse(job.data.nodeimage ?? {});
    return parsed.success ? parsed.data : {};
  }

  async saveState(jobId: string, patch: Partial<NodeImageState>): Promise<number> {
    const job = await this.o.jobs.updateData<NodeImageState>(jobId, 'nodeimage', (current) => ({ ...current, ...patch }));
    return job.revision;
  }

  /** The document, every issue (with the cluster's nodes when it can be reached) and the equivalent commands. */
  async preview(jobId: string, input: NodesConfigInput) {
    const { doc, issues: builderIssues } = buildNodesConfig(input);
    const existingNodes = await this.#existingNodes(jobId);
    const issues: Issue[] = [...builderIssues, ...validateNodesConfig(doc, existingNodes ? { existingNodes } : {})];
    const cluster = await this.#cluster(jobId).catch(() => undefined);
    const kubeconfig = cluster?.kubeconfigPath ?? kubeconfigCandidates()[0] ?? '~/.kube/config';
    return { yaml: nodesConfigYaml(doc), issues, commands: equivalentCommands(doc, this.dir(jobId), kubeconfig), dir: this.dir(jobId), doc };
  }

  /** Writes nodes-config.yaml (and the host's nmstate for the single-node form) once it passes the rules. */
  async writeConfig(jobId: string, input: NodesConfigInput) {
    const preview = await this.preview(jobId, input);
    const errors = blocking(preview.issues);
    if (errors.length > 0) throw new AppError('nodeimage.configInvalid', { count: errors.length }, { issues: errors });
    const dir = this.dir(jobId);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const path = join(dir, 'nodes-config.yaml');
    await writeFileAtomic(path, preview.yaml);
    const host = preview.doc.hosts[0];
    if (host?.networkConfig) await writeFileAtomic(join(dir, 'network-config.yaml'), stringify(host.networkConfig, { lineWidth: 0 }));
    const sha256 = createHash('sha256').update(preview.yaml).digest('hex');
    const writtenAt = this.#now();
    await this.saveState(jobId, { config: { path, sha256, writtenAt } });
    if (host?.hostname) {
      // The CSR checklist and the monitor now know which node to expect, and where.
      await this.o.cluster.setWorker(jobId, { nodeName: host.hostname, addresses: staticAddresses(preview.doc) }).catch(() => undefined);
    }
    await this.o.jobs.appendAudit(jobId, {
      action: 'nodeimage.config',
      summary: `Wrote nodes-config.yaml (${preview.doc.hosts.length} host, sha256 ${sha256.slice(0, 12)}…)`,
      details: { path, sha256 },
    });
    const { doc: _doc, ...rest } = preview;
    return { ...rest, path, sha256 };
  }

  async findOc(jobId: string) {
    const access = await this.o.cluster.accessFor(jobId);
    const laptop = this.o.laptop ?? thisLaptop();
    const { choice, objects } = await findClusterOc(access, laptop);
    const links = objects
      .flatMap((o) => o.spec?.links ?? [])
      .filter((l) => /\/oc\.(tar|zip)/.test(l.href))
      .map((l) => ({ href: l.href, text: l.text ?? l.href }));
    return { platform: laptop.platform, arch: laptop.arch, ...(choice ? { choice } : {}), links };
  }

  async fetchOc(jobId: string): Promise<OcInfo> {
    const cluster = await this.#requireCluster(jobId);
    const access = await this.o.cluster.accessFor(jobId);
    const info = await fetchClusterOc({
      artifacts: this.o.artifacts,
      access,
      clusterVersion: cluster.version,
      clusterId: cluster.clusterId,
      jobId,
      ...(this.o.laptop ? { laptop: this.o.laptop } : {}),
      ...(this.o.downloadCa ? { ca: this.o.downloadCa } : {}),
      now: () => new Date(this.o.clock.now()),
    });
    return this.#recordOc(jobId, info);
  }

  async useOc(jobId: string, path: string): Promise<OcInfo> {
    const cluster = await this.#requireCluster(jobId);
    return this.#recordOc(jobId, await checkOc(path, cluster.version, () => new Date(this.o.clock.now())));
  }

  async #recordOc(jobId: string, info: OcInfo): Promise<OcInfo> {
    await this.saveState(jobId, { oc: info });
    await this.o.jobs.appendAudit(jobId, {
      action: 'nodeimage.oc',
      summary: `oc ${info.version ?? '?'} (${info.source}) for cluster ${info.clusterVersion}: ${info.verdict}`,
      details: { path: info.path, version: info.version, verdict: info.verdict, sha256: info.sha256 },
    });
    return info;
  }

  /** Starts the run in the background; progress arrives as nodeimage.progress events. */
  async create(jobId: string): Promise<RunStatus> {
    if (this.#runs.has(jobId) || this.#starting.has(jobId)) throw new AppError('nodeimage.alreadyRunning');
    this.#starting.add(jobId);
    try {
      return await this.#start(jobId);
    } finally {
      this.#starting.delete(jobId);
    }
  }

  async #start(jobId: string): Promise<RunStatus> {
    const cluster = await this.#requireCluster(jobId);
    const state = await this.state(jobId);
    if (!state.oc) throw new AppError('nodeimage.ocMissing');
    if (!state.oc.usable) throw new AppError('nodeimage.ocVersion', { oc: state.oc.version ?? '?', cluster: cluster.version });
    if (!state.config) throw new AppError('nodeimage.configMissing');
    const runId = `${new Date(this.o.clock.now()).toISOString().replace(/[:.]/g, '-')}-${randomBytes(2).toString('hex')}`;
    const run = new CreateRun({
      runId,
      ocPath: state.oc.path,
      dir: this.dir(jobId),
      kubeconfig: cluster.kubeconfigPath ?? kubeconfigCandidates()[0]!,
      ...(cluster.context ? { context: cluster.context } : {}),
      ...(cluster.insecure ? { insecure: true } : {}),
      ...(state.pullSecretPath ? { pullSecretPath: state.pullSecretPath } : {}),
      env: { ...filterInheritedEnv(process.env).env, ...this.o.extraEnv },
      logFile: join(this.dir(jobId), 'logs', `create-${runId}.log`),
      now: () => new Date(this.o.clock.now()),
      // Events carry the last lines only; the whole output is in the log file.
      onStatus: (status, line) => this.o.bus.emit('nodeimage.progress', { ...status, tail: status.tail.slice(-EVENT_TAIL), jobId, ...(line !== undefined ? { line } : {}) }),
      ...(this.o.graceMs !== undefined ? { graceMs: this.o.graceMs } : {}),
    });
    this.#runs.set(jobId, run);
    await this.#saveRun(jobId, run.status);
    await this.o.jobs.appendAudit(jobId, { action: 'nodeimage.create', summary: `Started oc adm node-image create (oc ${state.oc.version ?? '?'})`, details: { runId, oc: state.oc.path } });
    void this.#follow(jobId, run, cluster);
    return { ...run.status };
  }

  async #follow(jobId: string, run: CreateRun, cluster: ClusterData): Promise<void> {
    try {
      const result = await run.run();
      if (result.iso) {
        const iso = await isoIntoCache({
          artifacts: this.o.artifacts,
          jobId,
          file: result.iso.path,
          ...(result.iso.arch ? { arch: result.iso.arch } : {}),
          clusterVersion: cluster.version,
          createdAt: result.status.startedAt,
          source: cluster.apiHost,
        });
        await this.saveState(jobId, { iso });
        const worker = clusterDataSchema.safeParse((await this.o.jobs.get(jobId)).data.cluster);
        const planned = worker.success ? worker.data.worker : undefined;
        this.o.onIsoReady?.({ jobId, ...(planned?.nodeName ? { nodeName: planned.nodeName } : {}), ...(planned?.addresses[0] ? { address: planned.addresses[0] } : {}) });
        await this.o.jobs.appendAudit(jobId, {
          action: 'nodeimage.iso',
          summary: `ISO ${iso.name} into the cache (sha256 ${iso.sha256.slice(0, 12)}…), token valid until ${iso.expiresAt}`,
          details: { ...iso },
        });
      }
      await this.#saveRun(jobId, result.status);
      this.o.bus.emit('nodeimage.progress', { ...result.status, jobId });
      await this.o.jobs.appendAudit(jobId, {
        action: 'nodeimage.result',
        summary: `oc adm node-image create ${result.status.state}${result.status.advice ? `: ${result.status.advice.key}` : ''}`,
        details: { runId: result.status.runId, exitCode: result.status.exitCode, advice: result.status.advice },
      });
    } catch (err) {
      this.o.logger.error('node-image run failed', { jobId, error: String(err) });
      const status: RunStatus = {
        ...run.status,
        state: 'failed',
        endedAt: this.#now(),
        advice: { key: 'nodeimage.failure.unknown', params: { exitCode: '?' }, detail: String((err as Error).message ?? err).slice(0, 400) },
      };
      await this.#saveRun(jobId, status).catch(() => undefined);
      this.o.bus.emit('nodeimage.progress', { ...status, jobId });
    } finally {
      this.#runs.delete(jobId);
    }
  }

  async cancel(jobId: string): Promise<{ cancelled: boolean }> {
    const run = this.#runs.get(jobId);
    if (!run) return { cancelled: false };
    await run.cancel();
    await this.o.jobs.appendAudit(jobId, { action: 'nodeimage.cancel', summary: 'Cancelled oc adm node-image create', details: { runId: run.status.runId } });
    return { cancelled: true };
  }

  /** The running (or last) run; one the app lost by closing mid-run is reported as interrupted. */
  async status(jobId: string): Promise<RunStatus | null> {
    const run = this.#runs.get(jobId);
    if (run) return { ...run.status };
    const last = (await this.state(jobId)).lastRun;
    if (!last) return null;
    if (last.state !== 'running') return { ...last, tail: [] };
    const interrupted: RunStatus = { ...last, state: 'failed', endedAt: this.#now(), advice: { key: 'nodeimage.failure.interrupted', params: {}, detail: '' }, tail: [] };
    await this.#saveRun(jobId, interrupted);
    return interrupted;
  }

  async monitor(jobId: string, ips?: string[]): Promise<MonitorSnapshot> {
    const access = await this.o.cluster.accessFor(jobId);
    const job = await this.o.jobs.get(jobId);
    const cluster = clusterDataSchema.safeParse(job.data.cluster);
    const worker = cluster.success ? cluster.data.worker : undefined;
    const addresses = ips?.length ? ips : (worker?.addresses ?? []).filter((a) => !a.includes('/'));
    const [{ items }, evaluation] = await Promise.all([access.listNodes(), this.o.cluster.evaluate(jobId)]);
    return monitorSnapshot({
      ips: addresses,
      nodes: items,
      csrRows: evaluation.rows,
      ...(worker?.nodeName ? { expectedNode: worker.nodeName } : {}),
      probe: this.o.probe ?? tcpProbe,
      now: () => new Date(this.o.clock.now()),
    });
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.#runs.values()].map((r) => r.cancel().catch(() => undefined)));
  }

  async #saveRun(jobId: string, status: RunStatus): Promise<void> {
    const { tail: _tail, ...lastRun } = status;
    await this.saveState(jobId, { lastRun });
  }

  async #cluster(jobId: string): Promise<ClusterData> {
    const job = await this.o.jobs.get(jobId);
    const parsed = clusterDataSchema.safeParse(job.data.cluster);
    if (!parsed.success) throw new AppError('cluster.notConnected');
    return parsed.data;
  }

  /** A kubeconfig connection to a 4.17+ cluster on a platform the node-joiner supports. */
  async #requireCluster(jobId: string): Promise<ClusterData> {
    const cluster = await this.#cluster(jobId);
    if (cluster.source !== 'kubeconfig') throw new AppError('nodeimage.needsKubeconfig');
    if (!supportsNodeImage(cluster.version)) throw new AppError('nodeimage.clusterTooOld', { version: cluster.version });
    if (!platformSupportsNodeImage(cluster.platform)) throw new AppError('nodeimage.platformUnsupported', { platform: cluster.platform ?? '' });
    return cluster;
  }

  async #existingNodes(jobId: string): Promise<ExistingNode[] | undefined> {
    try {
      const access = await this.o.cluster.accessFor(jobId);
      const { items } = await access.listNodes();
      return items.map((n) => ({ name: n.metadata?.name ?? '', addresses: n.status?.addresses ?? [] }));
    } catch {
      return undefined;
    }
  }

  #now(): string {
    return new Date(this.o.clock.now()).toISOString();
  }
}
