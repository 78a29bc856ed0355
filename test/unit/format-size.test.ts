import { describe, expect, it } from 'vitest';
import { formatDriveSize, formatExactBytes, formatSize } from '../../shared/format/size';

describe('one size formatter (shared/format/size.ts)', () => {
  it('writes file sizes in binary units a technician can read, never a bare byte count', () => {
    expect(formatSize(1771)).toBe('1.7 KiB');
    expect(formatSize(512)).toBe('512 B');
    expect(formatSize(0)).toBe('0 B');
    expect(formatSize(1024)).toBe('1.0 KiB');
    expect(formatSize(1_181_116_006)).toBe('1.1 GiB');
    expect(formatSize(150 * 1024 * 1024)).toBe('150 MiB');
  });

  it('steps up a unit instead of printing 1024.0', () => {
    expect(formatSize(1024 * 1024 - 1)).toBe('1.0 MiB');
    expect(formatSize(1023)).toBe('1023 B');
  });

  it('decimal units for drives, both for a drive as its packaging and a file manager name it', () => {
    expect(formatSize(16e9, { units: 'decimal' })).toBe('16.0 GB');
    expect(formatDriveSize(16_008_609_792)).toBe('16.0 GB (14.9 GiB)');
    expect(formatExactBytes(15_938_355_200)).toBe('15,938,355,200');
  });

  it('says unknown for what is not a size, and trims a round value on request', () => {
    expect(formatSize(undefined)).toBe('—');
    expect(formatSize(Number.NaN, { unknown: '?' })).toBe('?');
    expect(formatSize(-1)).toBe('—');
    expect(formatSize(32 * 1024 ** 3, { trimZero: true })).toBe('32 GiB');
    expect(formatSize(1.5 * 1024, { trimZero: true })).toBe('1.5 KiB');
  });
});
