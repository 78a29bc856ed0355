import { AppError } from '../api/errors';
import { fromUtf8, isAllZero, type ByteReader } from './byte-reader';
import { findEmbedAreas, type EmbedAreas, type OsFeatures } from './embed-areas';
import { decodeInitrd, encodeInitrd, INITRD_IGNITION_PATH, INITRD_NETWORK_DIR, networkMembers, type Compression, type InitrdCodecs } from './initrd';
import { encodeKargs, readKargs } from './kargs';
import { planSelfInstall, type Gzip, type SelfInstallPlan, type SelfInstallSpec } from './live-config';

/**
 * A live ISO's embed state and the byte patches that change it. Everything here is computed
 * before a single byte is written, so a bad input (oversize payload, missing feature, corrupt
 * image) fails with nothing touched. Callers apply the patches in place or while streaming a copy.
 */
export interface Patch {
  offset: number;
  bytes: Uint8Array;
}

export interface IsoState {
  areas: EmbedAreas;
  initrdBytes: Uint8Array;
  files: Map<string, Uint8Array>;
  kargsContents: Uint8Array[];
  currentKargs?: string;
}

export interface IsoInspection {
  volumeId: string;
  minimal: boolean;
  features: OsFeatures;
  initrd: {
    file: string;
    offset: number;
    capacity: number;
    /** Bytes up to the last non-zero byte */
    used: number;
    pristine: boolean;
    formats: string[];
    xzChecks: string[];
    members: { path: string; size: number }[];
    /** The live Ignition config (config.ign), when present */
    ignition?: string;
    keyfiles: { fileName: string; content: string }[];
  };
  kargs?: { current: string; default: string; size: number; files: string[]; offsets: number[] };
  /** No Ignition config, no network members and kargs at their default */
  pristine: boolean;
}

function usedLength(b: Uint8Array): number {
  let end = b.length;
  while (end > 0 && b[end - 1] === 0) end--;
  return end;
}

export async function readIsoState(reader: ByteReader, codecs: InitrdCodecs = {}): Promise<IsoState> {
  const areas = await findEmbedAreas(reader);
  const initrdBytes = await reader.read(areas.initrd.offset, areas.initrd.length);
  const files = isAllZero(initrdBytes) ? new Map<string, Uint8Array>() : decodeInitrd(initrdBytes, codecs).files;
  const kargsContents = areas.kargs ? await Promise.all(areas.kargs.regions.map((r) => reader.read(r.offset, r.length))) : [];
  const state: IsoState = { areas, initrdBytes, files, kargsContents };
  if (areas.kargs) state.currentKargs = readKargs(areas.kargs, kargsContents);
  return state;
}

function text(bytes: Uint8Array, what: string): string {
  try {
    return fromUtf8(bytes);
  } catch {
    throw new AppError('iso.badArchive', { reason: `${what} is not UTF-8 text` });
  }
}

export function describeState(state: IsoState, codecs: InitrdCodecs = {}): IsoInspection {
  const { areas, initrdBytes, files } = state;
  const pristineArea = isAllZero(initrdBytes);
  const decoded = pristineArea ? undefined : decodeInitrd(initrdBytes, codecs);
  const ignition = files.get(INITRD_IGNITION_PATH);
  const keyfiles = networkMembers(files).map((p) => ({ fileName: p.slice(INITRD_NETWORK_DIR.length + 1), content: text(files.get(p)!, p) }));
  const result: IsoInspection = {
    volumeId: areas.volumeId,
    minimal: areas.minimal,
    features: areas.features,
    initrd: {
      file: areas.initrd.file,
      offset: areas.initrd.offset,
      capacity: areas.initrd.length,
      used: usedLength(initrdBytes),
      pristine: pristineArea,
      formats: decoded?.formats ?? [],
      xzChecks: decoded?.xzChecks ?? [],
      members: [...files.entries()].map(([path, data]) => ({ path, size: data.length })).sort((a, b) => a.path.localeCompare(b.path)),
      ...(ignition ? { ignition: text(ignition, INITRD_IGNITION_PATH) } : {}),
      keyfiles,
    },
    pristine: !ignition && keyfiles.length === 0 && (!areas.kargs || state.currentKargs === areas.kargs.defaultKargs),
  };
  if (areas.kargs) {
    result.kargs = {
      current: state.currentKargs ?? '',
      default: areas.kargs.defaultKargs,
      size: areas.kargs.size,
      files: areas.kargs.regions.map((r) => r.file),
      offsets: areas.kargs.regions.map((r) => r.offset),
    };
  }
  return result;
}

export interface CustomizeOptions {
  compression?: Compression;
  /** Replace an existing customisation (like coreos-installer's -f) */
  force?: boolean;
  /** Accept a minimal ISO (it needs the root file system from the network at boot) */
  allowMinimal?: boolean;
}

export function planCustomize(
  state: IsoState,
  spec: SelfInstallSpec,
  options: CustomizeOptions = {},
  codecs: InitrdCodecs & { gzipResources?: Gzip } = {},
): { patches: Patch[]; plan: SelfInstallPlan } {
  const inspection = describeState(state, codecs);
  if (!inspection.pristine && !options.force) throw new AppError('iso.alreadyCustomized', {});
  // An edge site is often offline: the stick must carry the root file system itself.
  if (state.areas.minimal && !options.allowMinimal) throw new AppError('iso.minimalIso', { volumeId: state.areas.volumeId });
  if (!state.areas.kargs && (spec.afterInstall ?? 'poweroff') !== 'reboot') throw new AppError('iso.noKargAreas', {});
  const plan = planSelfInstall(spec, state.areas.features, state.areas.kargs?.defaultKargs, codecs.gzipResources);
  const patches: Patch[] = [{ offset: state.areas.initrd.offset, bytes: encodeInitrd(plan.files, state.areas.initrd.length, options.compression ?? 'xz', codecs) }];
  if (state.areas.kargs) patches.push(...kargPatches(state, plan.kargs));
  return { patches, plan };
}

function kargPatches(state: IsoState, kargs: string): Patch[] {
  const areas = state.areas.kargs!;
  return encodeKargs(areas, kargs).map((bytes, i) => ({ offset: areas.regions[i]!.offset, bytes }));
}

/** Back to the image as shipped: empty initrd area (zeros) and the default kargs (`iso reset`). */
export function planReset(state: IsoState): Patch[] {
  const patches: Patch[] = [{ offset: state.areas.initrd.offset, bytes: new Uint8Array(state.areas.initrd.length) }];
  if (state.areas.kargs) patches.push(...kargPatches(state, state.areas.kargs.defaultKargs));
  return patches;
}

/** Only the kernel arguments (`iso kargs modify`), checked against every area's size. */
export function planKargs(state: IsoState, kargs: string): Patch[] {
  if (!state.areas.kargs) throw new AppError('iso.noKargAreas', {});
  return kargPatches(state, kargs);
}

/** Applies patches to an in-memory copy (tests, small images). */
export function applyPatches(image: Uint8Array, patches: readonly Patch[]): Uint8Array {
  const out = image.slice();
  for (const p of patches) out.set(p.bytes, p.offset);
  return out;
}
