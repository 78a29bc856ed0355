/**
 * How the app treats each Assisted Installer host status and install stage on the SaaS day-2 path.
 * The service may be newer than this list: an unknown value is shown raw and treated as "in progress",
 * never as an error.
 */

export type HostPhase =
  /** added-to-existing-cluster: the host rebooted into the installed system (not yet joined: CSRs follow) */
  | 'rebooted'
  /** the technician must act: boot order / virtual media, or boot the ISO after a reset */
  | 'needsTechnician'
  /** error: terminal until reset */
  | 'failed'
  /** insufficient, pending-for-input, disconnected: fixable by the technician (see validations) */
  | 'blocked'
  /** known: ready to install */
  | 'ready'
  | 'installing'
  | 'discovering'
  | 'cancelled'
  /** a status this app does not know yet */
  | 'unknown';

export const knownHostStatuses = [
  'discovering',
  'known',
  'disconnected',
  'insufficient',
  'disabled',
  'preparing-for-installation',
  'preparing-failed',
  'preparing-successful',
  'pending-for-input',
  'installing',
  'installing-in-progress',
  'installing-pending-user-action',
  'resetting-pending-user-action',
  'installed',
  'error',
  'resetting',
  'added-to-existing-cluster',
  'cancelled',
  'binding',
  'unbinding',
  'unbinding-pending-user-action',
  'known-unbound',
  'disconnected-unbound',
  'insufficient-unbound',
  'disabled-unbound',
  'discovering-unbound',
  'reclaiming',
  'reclaiming-rebooting',
] as const;
export type KnownHostStatus = (typeof knownHostStatuses)[number];

export function isKnownHostStatus(status: string): status is KnownHostStatus {
  return (knownHostStatuses as readonly string[]).includes(status);
}

export function hostPhase(status: string): HostPhase {
  switch (status) {
    case 'added-to-existing-cluster':
    case 'installed':
      return 'rebooted';
    case 'installing-pending-user-action':
    case 'resetting-pending-user-action':
    case 'unbinding-pending-user-action':
      return 'needsTechnician';
    case 'error':
    case 'preparing-failed':
      return 'failed';
    case 'insufficient':
    case 'pending-for-input':
    case 'disconnected':
    case 'insufficient-unbound':
    case 'disconnected-unbound':
    case 'disabled':
    case 'disabled-unbound':
      return 'blocked';
    case 'known':
    case 'known-unbound':
      return 'ready';
    case 'installing':
    case 'installing-in-progress':
    case 'preparing-for-installation':
    case 'preparing-successful':
    case 'resetting':
    case 'reclaiming':
    case 'reclaiming-rebooting':
      return 'installing';
    case 'discovering':
    case 'discovering-unbound':
    case 'binding':
    case 'unbinding':
      return 'discovering';
    case 'cancelled':
      return 'cancelled';
    default:
      return 'unknown';
  }
}

/** Host name can be changed only in these states (AS host.go: "host name can be set only in one of [...] states"). */
export function canSetHostname(status: string): boolean {
  return ['discovering', 'known', 'disconnected', 'insufficient', 'pending-for-input', 'binding'].includes(status) || status.endsWith('-unbound');
}

/** Install is allowed only from `known` on day-2 (409 "cannot install host in state ..." otherwise). */
export function canInstall(status: string): boolean {
  return status === 'known';
}

/** Reset is for a failed day-2 host or one stuck booting the ISO again. */
export function canReset(status: string): boolean {
  return status === 'error' || status === 'installing-pending-user-action';
}

/** Statuses after which polling the host is pointless: the API will not post further updates. */
export function isFinalStatus(status: string): boolean {
  return status === 'added-to-existing-cluster' || status === 'installed' || status === 'cancelled';
}

/** The SaaS day-2 worker stage order: 5 stages, 20 % each; `Rebooting` is stored as `Done`. */
export const day2Stages = ['Starting installation', 'Installing', 'Writing image to disk', 'Waiting for control plane', 'Done'] as const;

export const knownStages = [
  'Starting installation',
  'Waiting for control plane',
  'Waiting for bootkube',
  'Waiting for controller',
  'Installing',
  'Writing image to disk',
  'Copying registry data to disk',
  'Rebooting',
  'Waiting for ignition',
  'Configuring',
  'Joined',
  'Done',
  'Failed',
] as const;

/** The i18n key suffix for a stage (`assisted.stage.<key>`), or undefined for a stage this app does not know. */
export function stageKey(stage: string): string | undefined {
  if (!(knownStages as readonly string[]).includes(stage)) return undefined;
  return stage.replace(/ (\w)/g, (_m, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toLowerCase());
}

/** "Installing N/M" like the Assisted Installer UI: round(percentage/100 × number of stages). */
export function stageStep(percentage: number | undefined, stages: readonly string[] | undefined): { step: number; of: number } | undefined {
  const of = stages?.length ?? 0;
  if (!of || percentage === undefined) return undefined;
  return { step: Math.min(of, Math.max(0, Math.round((percentage / 100) * of))), of };
}

/** The i18n key suffix for a status (`assisted.status.<key>`), or undefined when unknown (show raw). */
export function statusKey(status: string): string | undefined {
  if (!isKnownHostStatus(status)) return undefined;
  return status.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase());
}
