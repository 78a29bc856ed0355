import { z } from 'zod';
import type { Issue } from '../network/issue';
import { niIssue, niWarning } from './issues';

/**
 * Which disk RHCOS is installed on. The technician picks the disk by its stable
 * /dev/disk/by-path/ or /dev/disk/by-id/ name, or by serial number; each becomes the root device
 * hint the installer accepts for it (it refuses /dev/disk/by-id/ as deviceName).
 */
export const rootDeviceChoiceSchema = z.discriminatedUnion('by', [
  z.object({ by: z.literal('path'), value: z.string() }),
  z.object({ by: z.literal('id'), value: z.string() }),
  z.object({ by: z.literal('serial'), value: z.string() }),
  z.object({ by: z.literal('none') }),
]);
export type RootDeviceChoice = z.infer<typeof rootDeviceChoiceSchema>;

/** The fields of baremetal.RootDeviceHints (openshift/installer pkg/types/baremetal). */
export const HINT_FIELDS = ['deviceName', 'hctl', 'model', 'vendor', 'serialNumber', 'minSizeGigabytes', 'wwn', 'wwnWithExtension', 'wwnVendorExtension', 'rotational'] as const;

export type RootDeviceHints = Partial<Record<(typeof HINT_FIELDS)[number], string | number | boolean>>;

/** The hint for a choice, or the issue that says why that name cannot be one. */
export function hintsFor(choice: RootDeviceChoice, path: string): { hints: RootDeviceHints; issues: Issue[] } {
  switch (choice.by) {
    case 'none':
      return { hints: {}, issues: [] };
    case 'path': {
      const value = choice.value.trim();
      if (!/^\/dev\/disk\/by-path\/[^/]+$/.test(value)) return { hints: {}, issues: [niIssue('rootByPathFormat', `${path}.deviceName`, { value })] };
      return { hints: { deviceName: value }, issues: [] };
    }
    case 'id': {
      const value = choice.value.trim();
      const wwn = /^\/dev\/disk\/by-id\/wwn-(0x[0-9a-f]+|eui\.[0-9a-f]+|naa\.[0-9a-f]+)$/i.exec(value);
      // The installer refuses by-id names as deviceName; a wwn-… link names the disk's WWN, which is a hint of its own.
      if (wwn) return { hints: { wwn: wwn[1]! }, issues: [] };
      if (!/^\/dev\/disk\/by-id\/[^/]+$/.test(value)) return { hints: {}, issues: [niIssue('rootByIdFormat', `${path}.wwn`, { value })] };
      return { hints: {}, issues: [niIssue('rootByIdNotWwn', `${path}.wwn`, { value })] };
    }
    case 'serial': {
      const value = choice.value.trim();
      if (!value || /\s/.test(value)) return { hints: {}, issues: [niIssue('rootSerialFormat', `${path}.serialNumber`, { value })] };
      return { hints: { serialNumber: value }, issues: [] };
    }
  }
}

/**
 * The installer's rules for rootDeviceHints (ValidateHostRootDeviceHints plus the agent's ban on
 * WWN extensions), and what it would silently ignore: a key it does not know means the node would
 * install on whichever disk it finds first.
 */
export function validateRootDeviceHints(raw: unknown, path: string): Issue[] {
  if (raw === undefined || raw === null) return [niWarning('rootNone', path)];
  if (typeof raw !== 'object' || Array.isArray(raw)) return [niIssue('rootNotMapping', path)];
  const hints = raw as Record<string, unknown>;
  const out: Issue[] = [];
  if (Object.keys(hints).length === 0) out.push(niWarning('rootNone', path));
  for (const [key, value] of Object.entries(hints)) {
    const at = `${path}.${key}`;
    if (!(HINT_FIELDS as readonly string[]).includes(key)) out.push(niIssue('rootUnknownHint', at, { key, known: HINT_FIELDS.join(', ') }));
    else if (key === 'wwnWithExtension' || key === 'wwnVendorExtension') out.push(niIssue(key === 'wwnWithExtension' ? 'rootWwnExtension' : 'rootWwnVendorExtension', at));
    else if (key === 'minSizeGigabytes') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) out.push(niIssue('rootMinSize', at, { value: String(value) }));
    } else if (key === 'rotational') {
      if (typeof value !== 'boolean') out.push(niIssue('rootRotational', at, { value: String(value) }));
    } else if (typeof value !== 'string' || value.trim() === '') out.push(niIssue('rootHintEmpty', at, { key }));
  }
  if (typeof hints.deviceName === 'string' && hints.deviceName) out.push(...checkDeviceName(hints.deviceName, `${path}.deviceName`));
  return out;
}

function checkDeviceName(name: string, at: string): Issue[] {
  const sub = name.startsWith('/dev/') ? name.slice('/dev/'.length) : undefined;
  if (sub === undefined) return [niIssue('rootDeviceNameNotDev', at, { value: name })];
  const rest = sub.startsWith('disk/by-path/') ? sub.slice('disk/by-path/'.length) : sub;
  if (rest.includes('/')) return [niIssue(sub.startsWith('disk/by-id/') ? 'rootDeviceNameById' : 'rootDeviceNamePath', at, { value: name })];
  // Kernel names (sda, nvme0n1) are accepted but can change with the boot order or a USB stick attached.
  if (!sub.startsWith('disk/by-path/')) return [niWarning('rootDeviceNameKernel', at, { value: name })];
  return [];
}
