import type { z } from 'zod';
import type { AssistedState, clusterInputSchema, infraEnvInputSchema } from '../../../shared/api/domains/assisted';
import { AssistedContext, type AssistedServiceOptions } from './assisted-context';
import { ClusterStep } from './cluster-step';
import { InfraEnvStep } from './infra-env-step';
import { HostsStep } from './hosts-step';
import { AssistedPoller } from './assisted-poller';

export type { AssistedServiceOptions } from './assisted-context';

/**
 * The Assisted Installer day-2 workflow for one job at a time or many: every step saves its result
 * in job.data.assisted at once (ids before anything else), so a killed app or a dropped link picks
 * up where it stopped. Import is made safe to repeat by always looking the cluster up first.
 * Each group of steps lives in its own module; this class is what the handlers call.
 */
export class AssistedService {
  readonly #context: AssistedContext;
  readonly #cluster: ClusterStep;
  readonly #infraEnv: InfraEnvStep;
  readonly #hosts: HostsStep;
  readonly #poller: AssistedPoller;

  constructor(options: AssistedServiceOptions) {
    this.#context = new AssistedContext(options, (jobId) => this.#poller.watching(jobId));
    this.#cluster = new ClusterStep(this.#context);
    this.#infraEnv = new InfraEnvStep(this.#context);
    this.#hosts = new HostsStep(this.#context);
    this.#poller = new AssistedPoller(this.#context, (jobId, o) => this.#hosts.refresh(jobId, o));
  }

  state(jobId: string): Promise<AssistedState> {
    return this.#context.state(jobId);
  }

  // Steps 1-2: cluster details, find or import
  setCluster(input: z.output<typeof clusterInputSchema>): Promise<AssistedState> {
    return this.#cluster.setCluster(input);
  }

  prepareCluster(jobId: string): Promise<AssistedState> {
    return this.#cluster.prepareCluster(jobId);
  }

  // Step 3: discovery ISO
  checkPullSecret(path: string): Promise<{ ok: boolean; problem?: string; registries: string[] }> {
    return this.#infraEnv.checkPullSecret(path);
  }

  sshKeys(): Promise<{ path: string; key: string; type: string; comment?: string }[]> {
    return this.#infraEnv.sshKeys();
  }

  saveInfraEnv(input: z.output<typeof infraEnvInputSchema>): Promise<AssistedState> {
    return this.#infraEnv.saveInfraEnv(input);
  }

  imageUrl(jobId: string): Promise<{ url: string; expiresAt?: string }> {
    return this.#infraEnv.imageUrl(jobId);
  }

  downloadIso(jobId: string): Promise<AssistedState> {
    return this.#infraEnv.downloadIso(jobId);
  }

  // Steps 4-6: hosts, validations, install
  /** One poll: hosts always, events when due (or forced). Network failures mark the job offline instead of failing. */
  refresh(jobId: string, options: { events?: boolean } = { events: true }): Promise<AssistedState> {
    return this.#hosts.refresh(jobId, options);
  }

  selectHost(jobId: string, hostId: string): Promise<AssistedState> {
    return this.#hosts.selectHost(jobId, hostId);
  }

  setHostname(jobId: string, hostId: string, name: string): Promise<AssistedState> {
    return this.#hosts.setHostname(jobId, hostId, name);
  }

  install(jobId: string, hostId: string): Promise<AssistedState> {
    return this.#hosts.install(jobId, hostId);
  }

  reset(jobId: string, hostId: string): Promise<AssistedState> {
    return this.#hosts.reset(jobId, hostId);
  }

  // Polling
  watch(jobId: string, active: boolean): { watching: boolean } {
    return this.#poller.watch(jobId, active);
  }

  dispose(): void {
    this.#poller.dispose();
  }
}
