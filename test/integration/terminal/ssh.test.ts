import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHarness, type Harness } from './harness';
import { startSshd, type TestSshd } from './sshd';
import { requirePeer } from '../../support/peers';

let sshd: TestSshd;
let h: Harness | undefined;
beforeAll(async () => {
  requirePeer('ssh', 'openssh-client'); // the SSH tab runs the system's ssh
  sshd = await startSshd();
});
afterAll(async () => {
  await sshd?.stop();
});
afterEach(async () => {
  await h?.manager.dispose();
  h = undefined;
});

const size = { cols: 100, rows: 30 };

describe('SSH tab against a real OpenSSH server', () => {
  it('shows the host-key prompt as ssh asks it, logs in with the job key and runs a command', async () => {
    h = createHarness();
    const job = await h.jobs.create('manual', 'worker-ssh');
    const target = { host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.clientKey };
    const s = await h.manager.openSsh({ jobId: job.id, ...target, ...size });
    expect(s).toMatchObject({ kind: 'ssh', title: `${sshd.user}@127.0.0.1`, state: 'running' });
    const screen = h.screen(s.id);
    h.manager.attach(s.id);
    await screen.until((x) => x.text.includes('Are you sure you want to continue connecting'), 30_000, 'the host key prompt');
    expect(screen.text).toContain(sshd.hostKeyFingerprint);
    h.manager.input(s.id, 'yes\r');
    h.manager.input(s.id, 'echo "REMOTE-$((6*7))-$SSH_CONNECTION"; exit\r');
    await screen.until((x) => x.exit !== undefined, 30_000, `the remote command (sshd log:\n${sshd.output()})`);
    expect(screen.text).toMatch(/REMOTE-42-127\.0\.0\.1 \d+ 127\.0\.0\.1 \d+/);
    expect(screen.exit?.exitCode).toBe(0);
    // The host key went into the job's own known_hosts, and the target is remembered for the next tab.
    expect(readFileSync(join(h.jobs.folder(job.id), 'known_hosts'), 'utf8')).toContain(sshd.hostKeyPublic);
    const ctx = await h.manager.context(job.id);
    expect(ctx.ssh).toEqual(target);

    // Second connection: the host is known, no prompt.
    const again = await h.manager.openSsh({ jobId: job.id, ...target, ...size });
    const screen2 = h.screen(again.id);
    h.manager.attach(again.id);
    h.manager.input(again.id, 'echo "AGAIN-$((7*6))"; exit\r');
    await screen2.until((x) => x.exit !== undefined, 30_000, 'second session');
    expect(screen2.text).toContain('AGAIN-42');
    expect(screen2.text).not.toContain('Are you sure');
  }, 90_000);

  it('a key the node does not know is refused by the server, shown as ssh reports it', async () => {
    h = createHarness();
    const s = await h.manager.openSsh({ host: '127.0.0.1', port: sshd.port, user: sshd.user, keyPath: sshd.strangerKey, ...size });
    const screen = h.screen(s.id);
    h.manager.attach(s.id);
    await screen.until((x) => x.text.includes('continue connecting') || x.exit !== undefined, 30_000, 'prompt');
    if (!screen.exit) h.manager.input(s.id, 'yes\r');
    await screen.until((x) => x.exit !== undefined, 30_000, 'refusal');
    expect(screen.text).toMatch(/Permission denied \(publickey\)/);
    expect(screen.exit?.exitCode).toBe(255);
  }, 60_000);

  it('refuses a private key other users can read, with the chmod to fix it', async () => {
    h = createHarness();
    const loose = `${sshd.clientKey}.loose`;
    copyFileSync(sshd.clientKey, loose);
    chmodSync(loose, 0o644);
    await expect(h.manager.openSsh({ host: '127.0.0.1', port: sshd.port, user: 'core', keyPath: loose, ...size })).rejects.toMatchObject({
      code: 'terminal.keyPermissions',
      params: { path: loose },
    });
    await expect(h.manager.openSsh({ host: '127.0.0.1', port: sshd.port, user: 'core', keyPath: '/nonexistent/key', ...size })).rejects.toMatchObject({
      code: 'terminal.keyMissing',
    });
    expect(h.manager.list()).toEqual([]);
  });
});
