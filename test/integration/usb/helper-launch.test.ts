import { beforeAll, describe, expect, it } from 'vitest';
import { HelperProcess } from '../../../electron/services/usb/helper-launcher';
import { requirePeer } from '../../support/peers';

describe('helper launch through pkexec', () => {
  let pkexec: string;
  beforeAll(() => {
    pkexec = requirePeer('pkexec', 'pkexec');
  });

  it('with the real pkexec on this machine (no polkit daemon running) the technician gets a clear message', async () => {
    const helper = new HelperProcess({ program: { node: process.execPath, args: ['-e', 'process.exit(0)'] }, isRoot: false, pkexec }, () => undefined);
    helper.start({ type: 'cancel' });
    const err = await helper.finished.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'usb.polkitUnavailable' });
    expect((err as { localized(l: string): string }).localized('zh-CN')).toContain('polkit');
  });

  it('a missing pkexec is reported as such', async () => {
    const helper = new HelperProcess({ program: { node: '/usr/bin/node', args: ['/opt/sfk/usb-helper.cjs'] }, isRoot: false, pkexec: '/nonexistent/pkexec' }, () => undefined);
    helper.start({ type: 'cancel' });
    await expect(helper.finished).rejects.toMatchObject({ code: 'usb.noPkexec' });
  });
});
