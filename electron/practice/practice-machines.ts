import { isIP } from 'node:net';
import type { JobStore } from '../services/jobs/job-store';
import type { ManualService } from '../services/manual/manual-service';
import { NODE_IGN_FILE } from '../services/manual/generate';
import { fetchNodeIgnition } from './practice-ignition-fetch';

/** A practice machine that has booted and is about to start its kubelet. */
export interface BootedMachine {
  jobId: string;
  nodeName: string;
  address: string;
  via: 'ignition' | 'assisted' | 'console';
}

export interface PracticeMachinesOptions {
  /** How often the machines look at the jobs */
  pollMs: number;
  /** Assisted path: the day-2 simulator's status of a host */
  assistedHostStatus?: (hostId: string) => string | undefined;
  onBooted(machine: BootedMachine): void;
  /** Why a machine could not boot (e.g. its config does not parse); it tries again on the next look */
  onProblem?(jobId: string, problem: string): void;
}

/** A worker's IP when the job planned none and the network is DHCP: the practice network's next free address. */
const PRACTICE_DHCP_ADDRESS = '192.168.50.21';

type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The practice machines, one per active job. Manual path: once the job's Ignition server is
 * serving, the machine fetches its node config from it for real (HTTP to this computer) and boots.
 * Assisted path: once the day-2 simulator's host has been added to the cluster (it rebooted from
 * disk), the machine boots. Console path: once the job has its discovery ISO and its worker's name.
 * Each job's machine boots once per generated config (or host).
 */
export function watchPracticeMachines(deps: { jobs: JobStore; manual: ManualService }, o: PracticeMachinesOptions): () => Promise<void> {
  const booted = new Set<string>();
  let stopped = false;
  let running: Promise<void> | undefined;

  const lookAtJob = async (jobId: string) => {
    const job = await deps.jobs.get(jobId);
    const data = job.data as Data;
    const server = deps.manual.serverStatus(jobId);
    const nodeUrl = server.running ? server.urls.find((u) => u.name === NODE_IGN_FILE) : undefined;
    const hostname: unknown = data.manual?.hostname;
    if (nodeUrl && typeof hostname === 'string' && hostname && !booted.has(`${jobId} ${nodeUrl.sha512}`)) {
      booted.add(`${jobId} ${nodeUrl.sha512}`);
      try {
        await fetchNodeIgnition(nodeUrl.url);
      } catch (err) {
        booted.delete(`${jobId} ${nodeUrl.sha512}`);
        return o.onProblem?.(jobId, err instanceof Error ? err.message : String(err));
      }
      return o.onBooted({ jobId, nodeName: hostname, address: workerAddress(data), via: 'ignition' });
    }
    const hostId: unknown = data.assisted?.selectedHostId;
    const nodeName: unknown = data.cluster?.worker?.nodeName;
    if (typeof hostId === 'string' && typeof nodeName === 'string' && !booted.has(`${jobId} ${hostId}`) && o.assistedHostStatus?.(hostId) === 'added-to-existing-cluster') {
      booted.add(`${jobId} ${hostId}`);
      o.onBooted({ jobId, nodeName, address: workerAddress(data), via: 'assisted' });
    }
    // Console path: the machine boots the discovery ISO the practice "Add hosts" page handed out
    // (the job records its path) once the technician has said which worker it becomes.
    const isoPath: unknown = data.console?.isoPath;
    if (typeof isoPath === 'string' && isoPath && typeof nodeName === 'string' && !booted.has(`${jobId} console ${isoPath}`)) {
      booted.add(`${jobId} console ${isoPath}`);
      o.onBooted({ jobId, nodeName, address: workerAddress(data), via: 'console' });
    }
  };

  const look = async () => {
    for (const job of await deps.jobs.list()) {
      if (stopped) return;
      if (job.status !== 'active') continue;
      await lookAtJob(job.id).catch((err: unknown) => o.onProblem?.(job.id, err instanceof Error ? err.message : String(err)));
    }
  };
  // One look at a time: a slow look (a fetch timing out) is not stacked up behind.
  const timer = setInterval(() => {
    running ??= look()
      .catch(() => undefined)
      .finally(() => (running = undefined));
  }, o.pollMs);
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}

/** The address the worker's kubelet reports: what the job planned, else its static IP, else a practice DHCP lease. */
function workerAddress(data: Data): string {
  const planned: unknown[] = data.cluster?.worker?.addresses ?? [];
  for (const a of planned) {
    const ip = typeof a === 'string' ? a.split('/')[0]! : '';
    if (isIP(ip)) return ip;
  }
  for (const iface of data.manual?.network?.interfaces ?? []) {
    const ip = iface?.ipv4?.mode === 'static' ? iface.ipv4.addresses?.[0]?.ip : undefined;
    if (typeof ip === 'string' && isIP(ip)) return ip;
  }
  return PRACTICE_DHCP_ADDRESS;
}
