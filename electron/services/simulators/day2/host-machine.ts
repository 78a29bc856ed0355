import { randomUUID } from 'node:crypto';
import type { Day2State } from './state';
import type { SimHost, SimHostSpec } from './types';
import { DAY2_STAGES, hostName, inventoryFor } from './representations';
import { validations } from './validations';

/**
 * The host state machine of a day-2 worker, as the SaaS runs it:
 * discovering → insufficient/known → installing → installing-in-progress → added-to-existing-cluster,
 * with installing-pending-user-action, error and reset. One tick is one step of every host.
 */

export function setStatus(s: Day2State, h: SimHost, status: string, info: string): void {
  const from = h.status;
  h.status = status;
  h.statusInfo = info;
  h.ticksInStatus = 0;
  h.statusUpdatedAt = s.now();
  h.updatedAt = s.now();
  if (from === status) return;
  s.addEvent({
    name: 'host_status_updated',
    cluster_id: h.clusterId,
    host_id: h.id,
    infra_env_id: h.infraEnvId,
    severity: status === 'error' ? 'error' : status === 'installing-pending-user-action' ? 'warning' : 'info',
    message: `Host ${hostName(h)}: updated status from ${from} to ${status} (${info})`,
  });
}

export function refreshValidations(s: Day2State, h: SimHost): void {
  const groups = validations(s, h);
  h.validationsInfo = JSON.stringify(groups);
  const failing = Object.values(groups)
    .flat()
    .filter((v) => v.status === 'failure' && v.id !== 'ntp-synced');
  if (failing.length) {
    const info = `Host cannot be installed due to following failing validation(s): ${failing.map((f) => f.message).join(' ; ')}`;
    if (h.status !== 'insufficient' || h.statusInfo !== info) setStatus(s, h, 'insufficient', info);
  } else if (h.status !== 'known') {
    setStatus(s, h, 'known', 'Host is ready to be installed');
  }
}

/** One stage further while installing; a host scripted to fail stops at "Writing image to disk". */
function advanceInstall(s: Day2State, h: SimHost): void {
  const next = h.stageIndex + 1;
  if (next >= DAY2_STAGES.length - 1) {
    h.stageIndex = DAY2_STAGES.length - 1;
    h.stage = 'Done';
    h.percentage = 100;
    setStatus(s, h, 'added-to-existing-cluster', 'Host has rebooted and no further updates will be posted. Please check console for progress and to possibly approve pending CSRs');
    return;
  }
  if (h.spec.outcome === 'fails' && DAY2_STAGES[next] === 'Writing image to disk') {
    h.stage = 'Failed';
    setStatus(s, h, 'error', 'Failed - failed to write image to disk: write /dev/sda: input/output error');
    return;
  }
  h.stageIndex = next;
  h.stage = DAY2_STAGES[next];
  h.percentage = (next + 1) * 20;
  h.updatedAt = s.now();
  h.statusInfo = h.stage!;
  s.addEvent({
    name: 'host_install_progress_updated',
    cluster_id: h.clusterId,
    host_id: h.id,
    infra_env_id: h.infraEnvId,
    severity: 'info',
    message: `Host: ${hostName(h)}, reached installation stage ${h.stage}`,
  });
}

export function step(s: Day2State, h: SimHost): void {
  h.ticksInStatus += 1;
  h.checkedInAt = s.now();
  switch (h.status) {
    case 'discovering':
      h.inventory = inventoryFor(h.spec);
      s.addEvent({
        name: 'host_registration_succeeded',
        cluster_id: h.clusterId,
        host_id: h.id,
        infra_env_id: h.infraEnvId,
        severity: 'info',
        message: `Host ${hostName(h)}: Successfully registered`,
      });
      refreshValidations(s, h);
      break;
    case 'known':
    case 'insufficient':
      if (h.ntpTicksLeft > 0) h.ntpTicksLeft -= 1;
      refreshValidations(s, h);
      break;
    case 'installing':
      h.stageIndex = 0;
      h.stage = DAY2_STAGES[0];
      h.percentage = 20;
      setStatus(s, h, 'installing-in-progress', h.stage!);
      break;
    case 'installing-in-progress':
      advanceInstall(s, h);
      break;
    case 'added-to-existing-cluster':
      if (h.spec.outcome === 'bootsIsoAgain' && h.ticksInStatus >= 1) {
        setStatus(
          s,
          h,
          'installing-pending-user-action',
          'Expected the host to boot from disk, but it booted the installation image - please reboot and fix boot order to boot from disk SAMSUNG MZ7LH960 S4' +
            h.spec.serial +
            ' (sda, /dev/disk/by-id/wwn-0x5002538e00000000)',
        );
      }
      break;
    case 'resetting-pending-user-action':
      // The technician boots the discovery ISO again; in the simulator that happens two steps later.
      if (h.ticksInStatus >= 2) {
        h.stage = undefined;
        h.percentage = undefined;
        h.spec = { ...h.spec, outcome: 'joined' };
        setStatus(s, h, 'discovering', 'Waiting for host to send hardware details');
      }
      break;
    default:
      break;
  }
}

/** A machine boots the discovery ISO of an infra-env (the newest one if not given) and registers. */
export function bootHost(s: Day2State, spec: Partial<SimHostSpec> = {}, infraEnvId?: string): string {
  const env = infraEnvId ? s.infraEnvs.get(infraEnvId) : [...s.infraEnvs.values()].at(-1);
  if (!env?.clusterId) throw new Error('no bound infra-env to boot from');
  s.hostCounter += 1;
  const n = s.hostCounter;
  const full: SimHostSpec = {
    hostname: 'localhost',
    mac: `52:54:00:ab:cd:${n.toString(16).padStart(2, '0')}`,
    ipv4: `192.168.122.${50 + n}`,
    serial: `SIM${String(1000 + n)}`,
    vendor: 'Dell Inc.',
    model: 'PowerEdge R650',
    cpuCores: 16,
    memoryBytes: 64 * 2 ** 30,
    diskBytes: 960e9,
    ntpFailTicks: 0,
    outcome: 'joined',
    ...spec,
  };
  const id = randomUUID();
  const at = s.now();
  s.hosts.set(id, {
    id,
    infraEnvId: env.id,
    clusterId: env.clusterId,
    spec: full,
    status: 'discovering',
    statusInfo: 'Waiting for host to send hardware details',
    stageIndex: -1,
    ticksInStatus: 0,
    createdAt: at,
    updatedAt: at,
    statusUpdatedAt: at,
    checkedInAt: at,
    ntpTicksLeft: full.ntpFailTicks,
  });
  return id;
}
