import { describe, expect, it } from 'vitest';
import { formatBinary, formatDecimal, formatEta, formatExactBytes, formatRate, formatSize } from '../../../shared/usb/format';
import { helperMessageSchema, helperRequestSchema, driveIdentitySchema } from '../../../shared/usb/helper-protocol';

describe('size formatting', () => {
  it('shows decimal (packaging) and binary (tools) sizes', () => {
    expect(formatSize(16_008_609_792)).toBe('16.0 GB (14.9 GiB)');
    expect(formatDecimal(999)).toBe('999 B');
    expect(formatBinary(4 * 1024 * 1024)).toBe('4.0 MiB');
    expect(formatDecimal(128e9)).toBe('128 GB');
    expect(formatExactBytes(15_938_355_200)).toBe('15,938,355,200');
    expect(formatRate(31_500_000)).toBe('31.5 MB/s');
  });
  it('formats ETAs and unknown ETAs', () => {
    expect(formatEta(65)).toBe('1:05');
    expect(formatEta(3723)).toBe('1:02:03');
    expect(formatEta(null)).toBe('–');
    expect(formatEta(Number.POSITIVE_INFINITY)).toBe('–');
  });
});

describe('helper protocol schemas', () => {
  const identity = { device: '/dev/sdb', size: 16e9, byId: '/dev/disk/by-id/usb-SanDisk-0:0', serial: '4C53' };
  it('accepts a well-formed write request', () => {
    expect(helperRequestSchema.parse({ type: 'write', identity, image: '/home/tech/rhcos.iso', imageSize: 1e9, eject: true }).type).toBe('write');
  });
  it.each([
    ['a partition', { ...identity, device: '/dev/sdb1' }],
    ['a relative device', { ...identity, device: 'sdb' }],
    ['a traversal', { ...identity, device: '/dev/../dev/sdb' }],
    ['a by-id device node', { ...identity, device: '/dev/disk/by-id/usb-x' }],
    ['a by-id outside /dev/disk/by-id', { ...identity, byId: '/tmp/usb-x' }],
    ['a by-id with ..', { ...identity, byId: '/dev/disk/by-id/../../sda' }],
    ['zero size', { ...identity, size: 0 }],
  ])('refuses %s', (_what, bad) => {
    expect(driveIdentitySchema.safeParse(bad).success).toBe(false);
  });
  it.each([
    ['relative', 'rhcos.iso'],
    ['dot-dot', '/home/tech/../../etc/shadow'],
    ['dot', '/home/./x.iso'],
    ['NUL', '/home/x.iso\0.txt'],
  ])('refuses a %s image path', (_w, image) => {
    expect(helperRequestSchema.safeParse({ type: 'write', identity, image, imageSize: 1, eject: false }).success).toBe(false);
  });
  it('refuses unknown fields and types', () => {
    expect(helperRequestSchema.safeParse({ type: 'write', identity, image: '/x.iso', imageSize: 1, eject: false, offset: 4096 }).success).toBe(false);
    expect(helperRequestSchema.safeParse({ type: 'shell', command: 'rm -rf /' }).success).toBe(false);
  });
  it('describes every helper message', () => {
    expect(helperMessageSchema.parse({ type: 'progress', progress: { phase: 'write', bytes: 1, total: 2, speedBps: 3, etaS: null } }).type).toBe('progress');
    expect(helperMessageSchema.safeParse({ type: 'failed', code: 'usb.ioError' }).success).toBe(false);
  });
});
