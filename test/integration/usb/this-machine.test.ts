import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseLsblk, LSBLK_ARGS } from '../../../shared/usb/lsblk';
import { evaluateDrives } from '../../../shared/usb/drive-rules';
import { requirePeer } from '../../support/peers';

describe('drive rules on this machine (real lsblk and findmnt)', () => {
  it('the disk holding / is listed and refused', () => {
    const tree = parseLsblk(JSON.parse(execFileSync(requirePeer('lsblk', 'util-linux'), [...LSBLK_ARGS], { encoding: 'utf8' })));
    const root = execFileSync(requirePeer('findmnt', 'util-linux'), ['-n', '-o', 'SOURCE', '/'], { encoding: 'utf8' }).trim();
    const drives = evaluateDrives(tree, { byId: {}, swapDevices: [], imageHolders: [], imageSize: 3e9 });
    const holding = drives.find((d) => d.device === root || root.startsWith(d.device));
    expect(holding, `no drive for ${root}`).toBeDefined();
    expect(holding!.eligible).toBe(false);
    expect(holding!.problems).toContain('system');
  });
});
