import { describe, expect, it } from 'vitest';
import { parseLsblk } from '../../../shared/usb/lsblk';
import { evaluateDrives, isSystemMount, rankByIdNames, driveDisplayName, type DriveContext } from '../../../shared/usb/drive-rules';

const GB = 1e9;
const node = (over: Record<string, unknown>) => ({ type: 'part', size: 1 * GB, rm: false, hotplug: false, ro: false, tran: null, mountpoints: [null], fstype: null, ...over });

/** A typical field laptop, in the shape `lsblk --json --bytes --paths` prints it (util-linux 2.38). */
const laptop = {
  blockdevices: [
    node({
      name: '/dev/nvme0n1',
      kname: '/dev/nvme0n1',
      type: 'disk',
      size: 512 * GB,
      tran: 'nvme',
      model: 'Samsung SSD 980',
      serial: 'S64DNF0R',
      children: [
        node({ name: '/dev/nvme0n1p1', kname: '/dev/nvme0n1p1', mountpoints: ['/boot/efi'], fstype: 'vfat' }),
        node({
          name: '/dev/nvme0n1p2',
          kname: '/dev/nvme0n1p2',
          fstype: 'crypto_LUKS',
          children: [node({ name: '/dev/mapper/root', kname: '/dev/dm-0', type: 'crypt', mountpoints: ['/'], fstype: 'ext4' })],
        }),
      ],
    }),
    node({
      name: '/dev/sda',
      kname: '/dev/sda',
      type: 'disk',
      size: 16 * GB,
      rm: true,
      tran: 'usb',
      vendor: 'SanDisk ',
      model: 'Cruzer Blade',
      serial: '4C530001',
      children: [node({ name: '/dev/sda1', kname: '/dev/sda1', mountpoints: ['/media/tech/STICK'], fstype: 'vfat', label: 'STICK' })],
    }),
    node({
      name: '/dev/sdb',
      kname: '/dev/sdb',
      type: 'disk',
      size: 64 * GB,
      tran: 'usb',
      hotplug: true,
      vendor: 'Kingston',
      model: 'DataTraveler',
      serial: 'K2',
      children: [node({ name: '/dev/sdb1', kname: '/dev/sdb1', fstype: 'LVM2_member' })],
    }),
    node({ name: '/dev/sdc', kname: '/dev/sdc', type: 'disk', size: 8 * GB, tran: 'usb', rm: true, ro: true, serial: 'RO1' }),
    node({ name: '/dev/sdd', kname: '/dev/sdd', type: 'disk', size: 2 * GB, tran: 'usb', rm: true, serial: 'SMALL' }),
    node({
      name: '/dev/sde',
      kname: '/dev/sde',
      type: 'disk',
      size: 1000 * GB,
      tran: 'usb',
      serial: 'BIG',
      children: [node({ name: '/dev/sde1', kname: '/dev/sde1', mountpoints: ['/home/tech/backup'] })],
    }),
    node({ name: '/dev/sdf', kname: '/dev/sdf', type: 'disk', size: 256 * GB, tran: 'usb', serial: 'EXT' }),
    node({ name: '/dev/mmcblk0', kname: '/dev/mmcblk0', type: 'disk', size: 0, rm: true }),
    node({
      name: '/dev/sdg',
      kname: '/dev/sdg',
      type: 'disk',
      size: 32 * GB,
      tran: 'usb',
      serial: 'SWAPPY',
      children: [node({ name: '/dev/sdg1', kname: '/dev/sdg1', mountpoints: ['[SWAP]'], fstype: 'swap' })],
    }),
    node({
      name: '/dev/sdh',
      kname: '/dev/sdh',
      type: 'disk',
      size: 32 * GB,
      tran: 'usb',
      serial: 'HOLDER',
      children: [node({ name: '/dev/sdh1', kname: '/dev/sdh1', mountpoints: ['/media/tech/ISOS'] })],
    }),
    node({ name: '/dev/loop3', kname: '/dev/loop3', type: 'loop', size: 100 * 1024 * 1024, mountpoints: ['/snap/core/1'] }),
    node({ name: '/dev/loop7', kname: '/dev/loop7', type: 'loop', size: 64 * 1024 * 1024 }),
    node({ name: '/dev/zram0', kname: '/dev/zram0', type: 'disk', size: 0, mountpoints: ['[SWAP]'] }),
    node({ name: '/dev/sr0', kname: '/dev/sr0', type: 'rom', size: 700e6, rm: true, tran: 'sata' }),
  ],
};

const ctx = (over: Partial<DriveContext> = {}): DriveContext => ({
  byId: { '/dev/sda': ['/dev/disk/by-id/usb-SanDisk_Cruzer_Blade_4C530001-0:0'] },
  swapDevices: [],
  imageHolders: ['/dev/sdh1'],
  imageSize: 3 * GB,
  ...over,
});

describe('drive rules', () => {
  const drives = evaluateDrives(parseLsblk(laptop), ctx());
  const byDevice = Object.fromEntries(drives.map((d) => [d.device, d]));

  it('offers only the removable stick that passes every rule', () => {
    expect(drives.filter((d) => d.eligible).map((d) => d.device)).toEqual(['/dev/sda', '/dev/sdf']);
    expect(byDevice['/dev/sda']).toMatchObject({ byId: '/dev/disk/by-id/usb-SanDisk_Cruzer_Blade_4C530001-0:0', vendor: 'SanDisk', serial: '4C530001', labels: ['STICK'], warnings: ['mounted'] });
    expect(byDevice['/dev/sdf']!.warnings).toEqual(['large']);
  });

  it('names why each other drive is refused', () => {
    expect(byDevice['/dev/nvme0n1']!.problems).toEqual(expect.arrayContaining(['system', 'member', 'notRemovable']));
    expect(byDevice['/dev/sdb']!.problems).toEqual(['member']);
    expect(byDevice['/dev/sdc']!.problems).toEqual(['readOnly']);
    expect(byDevice['/dev/sdd']!.problems).toEqual(['tooSmall']);
    expect(byDevice['/dev/sde']!.problems).toEqual(['system']); // a non-media mount point counts as a system mount
    expect(byDevice['/dev/mmcblk0']!.problems).toEqual(['empty']);
    expect(byDevice['/dev/sdg']!.problems).toEqual(['system']);
    expect(byDevice['/dev/sdh']!.problems).toEqual(['holdsImage']);
    expect(byDevice['/dev/zram0']!.problems).toEqual(expect.arrayContaining(['virtual', 'system']));
  });

  it('never lists optical drives or loop devices, unless a loop device is explicitly test-allowed', () => {
    expect(byDevice['/dev/sr0']).toBeUndefined();
    expect(byDevice['/dev/loop3']).toBeUndefined();
    const allowed = evaluateDrives(parseLsblk(laptop), ctx({ testAllowDevices: ['/dev/loop7', '/dev/sdb', '/dev/nvme0n1'] }));
    expect(allowed.find((d) => d.device === '/dev/loop7')).toMatchObject({ eligible: false, problems: ['tooSmall'] });
    // the allowance is for loop devices only: it can't unlock an internal disk or an LVM member
    expect(allowed.find((d) => d.device === '/dev/nvme0n1')!.eligible).toBe(false);
    expect(allowed.find((d) => d.device === '/dev/sdb')!.eligible).toBe(false);
    const small = evaluateDrives(parseLsblk(laptop), ctx({ imageSize: 10e6, testAllowDevices: ['/dev/loop7'] }));
    expect(small.find((d) => d.device === '/dev/loop7')).toMatchObject({ eligible: true, removable: true });
  });

  it('counts swap from /proc/swaps even when lsblk did not mark it', () => {
    const withSwap = evaluateDrives(parseLsblk(laptop), ctx({ swapDevices: ['/dev/sda1'] }));
    expect(withSwap.find((d) => d.device === '/dev/sda')!.problems).toEqual(['system']);
  });

  it('reads old lsblk output ("0"/"1" flags, string sizes, MOUNTPOINT only)', () => {
    const old = {
      blockdevices: [
        {
          name: '/dev/sdb',
          kname: '/dev/sdb',
          type: 'disk',
          size: '8000000000',
          rm: '1',
          hotplug: '1',
          ro: '0',
          tran: 'usb',
          mountpoint: null,
          children: [{ name: '/dev/sdb1', type: 'part', size: '100', rm: '1', ro: '0', mountpoint: '/' }],
        },
      ],
    };
    const [drive] = evaluateDrives(parseLsblk(old), ctx({ byId: {}, imageHolders: [] }));
    expect(drive).toMatchObject({ device: '/dev/sdb', size: 8e9, removable: true, readOnly: false, problems: ['system'] });
  });

  it('refuses anything that is not lsblk JSON', () => {
    expect(() => parseLsblk({ devices: [] })).toThrow();
    expect(() => parseLsblk({ blockdevices: [{ name: 3 }] })).toThrow();
  });

  it('system mounts vs. desktop media mounts', () => {
    for (const m of ['/', '/boot', '/boot/efi', '/home', '/var/lib/docker', '[SWAP]', '/media', '/tmp/x']) expect(isSystemMount(m), m).toBe(true);
    for (const m of ['/media/tech/STICK', '/run/media/tech/RHCOS', '/mnt/usb']) expect(isSystemMount(m), m).toBe(false);
  });

  it('ranks by-id names and names drives for people', () => {
    expect(rankByIdNames(['/dev/disk/by-id/wwn-0x5', '/dev/disk/by-id/ata-X', '/dev/disk/by-id/usb-Y'])).toEqual(['/dev/disk/by-id/usb-Y', '/dev/disk/by-id/wwn-0x5', '/dev/disk/by-id/ata-X']);
    expect(driveDisplayName({ vendor: 'SanDisk', model: 'Cruzer Blade', device: '/dev/sda' })).toBe('SanDisk Cruzer Blade');
    expect(driveDisplayName({ vendor: '0x1af4', device: '/dev/vda' })).toBe('/dev/vda');
  });
});
