import { issue, type Issue } from './network/issue';
import { continued, shellQuote } from './network/shell';

export interface InstallCommandInput {
  /** Target disk; prefer a stable /dev/disk/by-id/... path over /dev/sdX, which can change between boots */
  device: string;
  ignitionUrl: string;
  /** sha512 hex of the exact bytes at ignitionUrl; makes plain HTTP safe without --insecure-ignition */
  ignitionSha512?: string;
  /** Only when the technician explicitly chooses it (no hash available) */
  insecureIgnition?: boolean;
  /** Static network: copy the live system's saved NetworkManager profiles to the installed system */
  copyNetwork?: boolean;
  appendKargs?: string[];
}

/**
 * `sudo coreos-installer install ...` for the live ISO console, with "\" continuations. Only the
 * per-node config is downloaded now; what it merges (worker.ign, the cluster's machine config
 * server) is fetched by Ignition at first boot, so the server must stay up until the node joins.
 */
export function buildInstallCommand(input: InstallCommandInput): string {
  const groups = [`--ignition-url=${shellQuote(input.ignitionUrl)}`];
  if (input.ignitionSha512) groups.push(`--ignition-hash=sha512-${input.ignitionSha512.toLowerCase()}`);
  else if (input.insecureIgnition) groups.push('--insecure-ignition');
  if (input.copyNetwork) groups.push('--copy-network');
  for (const karg of input.appendKargs ?? []) groups.push(`--append-karg=${shellQuote(karg)}`);
  groups.push(shellQuote(input.device));
  return continued('sudo coreos-installer install', groups);
}

/** Lists the disks by stable id (without partitions) so the technician can pick the target. */
export const LIST_DISKS_COMMAND =
  "lsblk -d -o NAME,SIZE,MODEL,SERIAL,TRAN && ls -l /dev/disk/by-id/ | grep -v -e '-part[0-9]' -e ' wwn-' | grep -e ' nvme-' -e ' ata-' -e ' scsi-' -e ' virtio-' -e ' usb-'";

export function validateInstallInput(input: InstallCommandInput): Issue[] {
  const out: Issue[] = [];
  if (!/^\/dev\/[A-Za-z0-9._:/+-]+$/.test(input.device) || input.device.includes('..')) out.push(issue('installDevice', 'device', { value: input.device }));
  else if (!input.device.startsWith('/dev/disk/by-')) out.push({ ...issue('installDeviceUnstable', 'device', { value: input.device }), severity: 'warning' });
  const url = /^(https?):\/\/[^\s/?#]+[^\s]*$/.exec(input.ignitionUrl);
  if (!url) out.push(issue('ignitionUrl', 'ignitionUrl', { value: input.ignitionUrl }));
  else if (url[1] === 'http' && !input.ignitionSha512 && !input.insecureIgnition) out.push(issue('httpNeedsHash', 'ignitionUrl'));
  if (input.ignitionSha512 !== undefined && !/^[0-9a-fA-F]{128}$/.test(input.ignitionSha512)) out.push(issue('ignitionHash', 'ignitionSha512'));
  for (const [i, k] of (input.appendKargs ?? []).entries()) {
    if (!/^[^\s"'\\]+$/.test(k)) out.push(issue('karg', `appendKargs.${i}`, { value: k }));
  }
  return out;
}
