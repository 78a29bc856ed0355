import { z } from 'zod';

/**
 * The lsblk columns we ask for (util-linux >= 2.37 prints both MOUNTPOINT and MOUNTPOINTS; we read
 * the plural so a partition mounted twice is not missed — drivelist #292).
 */
export const LSBLK_COLUMNS = 'NAME,KNAME,TYPE,SIZE,RM,HOTPLUG,RO,TRAN,VENDOR,MODEL,SERIAL,WWN,PKNAME,MOUNTPOINT,MOUNTPOINTS,FSTYPE,LABEL,PHY-SEC,LOG-SEC';
export const LSBLK_ARGS = ['--json', '--bytes', '--paths', '--output', LSBLK_COLUMNS] as const;

/** lsblk prints booleans as true/false (2.33+) or "0"/"1" (older); sizes as numbers or strings. */
const flag = z.union([z.boolean(), z.string(), z.number(), z.null()]).transform((v) => v === true || v === '1' || v === 1);
const bytes = z.union([z.number(), z.string(), z.null()]).transform((v) => (v === null ? 0 : Number(v) || 0));
const text = z
  .union([z.string(), z.null(), z.number()])
  .optional()
  .transform((v) => (v === null || v === undefined ? undefined : String(v).trim() || undefined));

export interface BlockNode {
  name: string;
  kname: string;
  type: string;
  size: number;
  rm: boolean;
  hotplug: boolean;
  ro: boolean;
  tran?: string;
  vendor?: string;
  model?: string;
  serial?: string;
  wwn?: string;
  pkname?: string;
  mountpoints: string[];
  fstype?: string;
  label?: string;
  physicalSectorSize?: number;
  children: BlockNode[];
}

const rawNode: z.ZodType<unknown> = z.lazy(() =>
  z.object({
    name: z.string(),
    kname: z.string().optional(),
    type: z.string(),
    size: bytes.optional(),
    rm: flag.optional(),
    hotplug: flag.optional(),
    ro: flag.optional(),
    tran: text,
    vendor: text,
    model: text,
    serial: text,
    wwn: text,
    pkname: text,
    mountpoint: text,
    mountpoints: z.array(z.union([z.string(), z.null()])).optional(),
    fstype: text,
    label: text,
    'phy-sec': z.union([z.number(), z.string(), z.null()]).optional(),
    children: z.array(rawNode).optional(),
  }),
);

type RawNode = {
  name: string;
  kname?: string;
  type: string;
  size?: number;
  rm?: boolean;
  hotplug?: boolean;
  ro?: boolean;
  tran?: string;
  vendor?: string;
  model?: string;
  serial?: string;
  wwn?: string;
  pkname?: string;
  mountpoint?: string;
  mountpoints?: (string | null)[];
  fstype?: string;
  label?: string;
  'phy-sec'?: number | string | null;
  children?: RawNode[];
};

function toNode(raw: RawNode): BlockNode {
  const mounts = new Set<string>();
  for (const m of raw.mountpoints ?? []) if (m) mounts.add(m);
  if (raw.mountpoint) mounts.add(raw.mountpoint);
  const phy = Number(raw['phy-sec']);
  return {
    name: raw.name,
    kname: raw.kname ?? raw.name,
    type: raw.type,
    size: raw.size ?? 0,
    rm: raw.rm ?? false,
    hotplug: raw.hotplug ?? false,
    ro: raw.ro ?? false,
    tran: raw.tran,
    vendor: raw.vendor,
    model: raw.model,
    serial: raw.serial,
    wwn: raw.wwn,
    pkname: raw.pkname,
    mountpoints: [...mounts],
    fstype: raw.fstype,
    label: raw.label,
    physicalSectorSize: Number.isFinite(phy) && phy > 0 ? phy : undefined,
    children: (raw.children ?? []).map(toNode),
  };
}

/** Parses `lsblk --json --bytes --paths -o …` output into a tree; throws on anything else. */
export function parseLsblk(json: unknown): BlockNode[] {
  const parsed = z.object({ blockdevices: z.array(rawNode) }).parse(json) as { blockdevices: RawNode[] };
  return parsed.blockdevices.map(toNode);
}

/** Every node below (and including) `node`. */
export function* walk(node: BlockNode): Generator<BlockNode> {
  yield node;
  for (const child of node.children) yield* walk(child);
}
