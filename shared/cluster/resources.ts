/**
 * The worker minimums from the procedure (2 vCPU, 8 GB RAM, 100 GB disk) and its vCPU formula:
 * (threads per core × cores) × sockets = vCPU.
 */
export interface ResourcesInput {
  threadsPerCore: number;
  coresPerSocket: number;
  sockets: number;
  memoryGiB: number;
  diskGB: number;
}

export const WORKER_MINIMUMS = { vcpu: 2, memoryGiB: 8, diskGB: 100 } as const;

export function vcpuCount(r: Pick<ResourcesInput, 'threadsPerCore' | 'coresPerSocket' | 'sockets'>): number {
  return r.threadsPerCore * r.coresPerSocket * r.sockets;
}

export function checkResources(r: ResourcesInput): { id: 'vcpu' | 'memory' | 'disk'; ok: boolean; value: number; minimum: number; unit: string }[] {
  const vcpu = vcpuCount(r);
  return [
    { id: 'vcpu', ok: vcpu >= WORKER_MINIMUMS.vcpu, value: vcpu, minimum: WORKER_MINIMUMS.vcpu, unit: 'vCPU' },
    { id: 'memory', ok: r.memoryGiB >= WORKER_MINIMUMS.memoryGiB, value: r.memoryGiB, minimum: WORKER_MINIMUMS.memoryGiB, unit: 'GiB' },
    { id: 'disk', ok: r.diskGB >= WORKER_MINIMUMS.diskGB, value: r.diskGB, minimum: WORKER_MINIMUMS.diskGB, unit: 'GB' },
  ];
}
