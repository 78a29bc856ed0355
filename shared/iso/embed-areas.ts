import { z } from 'zod';
import { AppError } from '../api/errors';
import { fromUtf8, utf8 } from './byte-reader';
import { lookup, openIsoVolume, readEntry, type IsoVolume } from './iso9660';
import type { ByteReader } from './byte-reader';

/**
 * Where a live ISO keeps its writable areas (coreos-installer `InitrdEmbedArea::for_iso`,
 * `KargEmbedInfo::for_iso`): the Ignition initrd area and the kernel-argument areas, described by
 * coreos/igninfo.json, coreos/kargs.json and coreos/features.json. Offsets come from the image,
 * never hard-coded.
 */
const ignInfoSchema = z.object({
  file: z.string().min(1),
  offset: z.number().int().nonnegative().optional(),
  length: z.number().int().positive().optional(),
});

const kargsInfoSchema = z.object({
  default: z.string(),
  files: z.array(z.object({ path: z.string().min(1), offset: z.number().int().nonnegative(), pad: z.string().length(1).optional(), end: z.string().length(1).optional() })).min(1),
  size: z.number().int().positive().max(2048),
});

const featuresSchema = z
  .object({
    'installer-config': z.boolean().optional(),
    'installer-config-directives': z.record(z.string(), z.boolean()).optional(),
    'live-initrd-network': z.boolean().optional(),
  })
  .loose();

export interface Region {
  offset: number;
  length: number;
}

export interface KargRegion extends Region {
  /** Which file of the ISO holds it, for messages */
  file: string;
  pad: string;
  end: string;
}

export interface KargAreas {
  defaultKargs: string;
  size: number;
  regions: KargRegion[];
}

export interface OsFeatures {
  installerConfig: boolean;
  liveInitrdNetwork: boolean;
  directives: Record<string, boolean>;
}

export interface EmbedAreas {
  volume: IsoVolume;
  volumeId: string;
  initrd: Region & { file: string };
  kargs?: KargAreas;
  features: OsFeatures;
  /** No images/pxeboot/rootfs.img: a minimal ISO that needs the rootfs from the network at boot */
  minimal: boolean;
}

async function readJson<T>(volume: IsoVolume, path: string, schema: z.ZodType<T>): Promise<T | undefined> {
  const entry = await lookup(volume, path);
  if (!entry || entry.isDirectory) return undefined;
  const bytes = await readEntry(volume, entry, 64 * 1024);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromUtf8(bytes));
  } catch {
    throw new AppError('iso.badMetadata', { file: path, reason: 'not valid JSON' });
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw new AppError('iso.badMetadata', { file: path, reason: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
  return result.data;
}

async function fileRegion(volume: IsoVolume, path: string, what: string): Promise<Region> {
  const entry = await lookup(volume, path);
  if (!entry || entry.isDirectory) throw new AppError('iso.missingFile', { file: path, what });
  return { offset: entry.offset, length: entry.length };
}

export async function findEmbedAreas(reader: ByteReader): Promise<EmbedAreas> {
  const volume = await openIsoVolume(reader);
  const coreosDir = await lookup(volume, 'COREOS');
  const ignitionImg = await lookup(volume, 'IMAGES/IGNITION.IMG');
  if (!coreosDir?.isDirectory && !ignitionImg) throw new AppError('iso.notCoreos', { volumeId: volume.volumeId });

  let initrd: EmbedAreas['initrd'];
  const ignInfo = await readJson(volume, 'COREOS/IGNINFO.JSO', ignInfoSchema);
  if (ignInfo) {
    const file = await fileRegion(volume, ignInfo.file, 'igninfo.json');
    const offset = ignInfo.offset ?? 0;
    const length = ignInfo.length ?? file.length - offset;
    if (offset + length > file.length || length <= 0) {
      throw new AppError('iso.badMetadata', { file: 'coreos/igninfo.json', reason: `area ${offset}+${length} lies outside ${ignInfo.file} (${file.length} bytes)` });
    }
    initrd = { file: ignInfo.file, offset: file.offset + offset, length };
  } else if (ignitionImg && !ignitionImg.isDirectory) {
    initrd = { file: 'images/ignition.img', offset: ignitionImg.offset, length: ignitionImg.length };
  } else {
    throw new AppError('iso.noIgnitionArea', { volumeId: volume.volumeId });
  }
  if (initrd.length === 0) throw new AppError('iso.noIgnitionArea', { volumeId: volume.volumeId });

  let kargs: KargAreas | undefined;
  const kargsInfo = await readJson(volume, 'COREOS/KARGS.JSO', kargsInfoSchema);
  if (kargsInfo) {
    if (utf8(kargsInfo.default).length > kargsInfo.size) {
      throw new AppError('iso.badMetadata', { file: 'coreos/kargs.json', reason: 'default kargs longer than the area' });
    }
    const regions: KargRegion[] = [];
    for (const f of kargsInfo.files) {
      const file = await fileRegion(volume, f.path, 'kargs.json');
      if (f.offset + kargsInfo.size > file.length) {
        throw new AppError('iso.badMetadata', { file: 'coreos/kargs.json', reason: `area at ${f.offset} lies outside ${f.path}` });
      }
      regions.push({ file: f.path, offset: file.offset + f.offset, length: kargsInfo.size, pad: f.pad ?? '#', end: f.end ?? '\n' });
    }
    kargs = { defaultKargs: kargsInfo.default, size: kargsInfo.size, regions };
  }

  const features = (await readJson(volume, 'COREOS/FEATURES.JSO', featuresSchema)) ?? {};
  const rootfs = await lookup(volume, 'IMAGES/PXEBOOT/ROOTFS.IMG');
  return {
    volume,
    volumeId: volume.volumeId,
    initrd,
    ...(kargs ? { kargs } : {}),
    features: {
      installerConfig: features['installer-config'] === true,
      liveInitrdNetwork: features['live-initrd-network'] === true,
      directives: features['installer-config-directives'] ?? {},
    },
    // Without images/pxeboot/rootfs.img the live system fetches its root file system over the network.
    minimal: !rootfs,
  };
}

/** All areas, for hashing "everything else" and for streaming substitutes in order. */
export function allRegions(areas: EmbedAreas): Region[] {
  return [{ offset: areas.initrd.offset, length: areas.initrd.length }, ...(areas.kargs?.regions ?? [])].sort((a, b) => a.offset - b.offset);
}
