import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHarness, type Harness } from './harness';
import { until } from '../../support/wait';
import { FLOW } from '../../../shared/terminal/flow-control';
import { MAX_LOG_BYTES } from '../../../electron/services/terminal/session-log-file';

let h: Harness | undefined;
afterEach(async () => {
  await h?.manager.dispose();
  h = undefined;
});

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZWNoIn0.c2lnbmF0dXJlLXRoYXQtaXMtbG9uZw';
const size = { cols: 80, rows: 24 };

async function jobWithContext(harness: Harness) {
  const job = await harness.jobs.create('assisted', 'worker-2');
  await harness.jobs.update(job.id, {
    data: {
      cluster: {
        kubeconfigPath: '/home/tech/sno/kubeconfig',
        clusterId: '3f0e1c2a-9b7d-4a51-8d8e-2c4b1f6a7e90',
        version: '4.16.12',
        architecture: 'amd64',
        apiServerUrl: 'https://api.sno.example.com:6443',
      },
      assisted: { clusterId: 'a1b2c3d4-0000-4000-8000-000000000001', infraEnvId: 'b1b2c3d4-0000-4000-8000-000000000002', hostId: 'c1b2c3d4-0000-4000-8000-000000000003' },
    },
  });
  return job;
}

describe('local terminal on a real pty', () => {
  it('starts the login shell in the job folder with the job context and no secret in its environment', async () => {
    h = createHarness({
      baseEnv: {
        ...process.env,
        OFFLINE_TOKEN: JWT,
        GITHUB_TOKEN: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
        MY_DB_PASSWORD: 'hunter2hunter2',
        INNOCENT_LOOKING: `Bearer ${'x'.repeat(30)}`,
        KUBECONFIG: '/root/other-cluster/kubeconfig',
        SFK_INTERNAL: '1',
      },
    });
    const job = await jobWithContext(h);
    const s = await h.manager.openLocal({ jobId: job.id, ...size });
    expect(s.contextVars).toEqual(['KUBECONFIG', 'API_URL', 'OPENSHIFT_CLUSTER_ID', 'CLUSTER_ID', 'INFRA_ENV_ID', 'HOST_ID', 'OCP_VERSION', 'ARCH']);
    const screen = h.screen(s.id);
    expect(h.manager.attach(s.id).seq).toBeGreaterThanOrEqual(0);
    h.manager.input(
      s.id,
      'echo "CTX=<$KUBECONFIG|$API_URL|$OPENSHIFT_CLUSTER_ID|$CLUSTER_ID|$INFRA_ENV_ID|$HOST_ID|$OCP_VERSION|$ARCH>"; echo "PWD=<$(pwd -P)>"; env | grep -cE "hunter2|ghp_|eyJ|Bearer|SFK_" | sed "s/^/LEAKS=/"\r',
    );
    await screen.until((x) => /LEAKS=\d+/.test(x.text), 20_000, 'the echo output');
    expect(screen.text).toContain(
      'CTX=</home/tech/sno/kubeconfig|https://api.openshift.com|3f0e1c2a-9b7d-4a51-8d8e-2c4b1f6a7e90|a1b2c3d4-0000-4000-8000-000000000001|b1b2c3d4-0000-4000-8000-000000000002|c1b2c3d4-0000-4000-8000-000000000003|4.16.12|x86_64>',
    );
    expect(screen.text).toContain(`PWD=<${realpathSync(h.jobs.folder(job.id))}>`);
    expect(screen.text).toMatch(/LEAKS=0\b/);
    expect(screen.gaps).toBe(0);
  });

  it('without a job keeps the inherited (non-secret) context and starts in the home folder', async () => {
    h = createHarness({ baseEnv: { ...process.env, KUBECONFIG: '/root/mine/kubeconfig', AWS_SECRET_ACCESS_KEY: 'abc' } });
    const s = await h.manager.openLocal(size);
    expect(s.logPath).toBeUndefined();
    h.manager.attach(s.id);
    h.manager.input(s.id, 'echo "K=<$KUBECONFIG> A=<${AWS_SECRET_ACCESS_KEY:-none}> T=<$TERM>"\r');
    await h.screen(s.id).until((x) => /K=<[^$]/.test(x.text), 20_000, 'echo');
    expect(h.screen(s.id).text).toContain('K=</root/mine/kubeconfig> A=<none> T=<xterm-256color>');
  });

  it('resizes, runs to exit with the program’s exit code, and refuses input afterwards', async () => {
    h = createHarness();
    const s = await h.manager.openLocal({ cols: 80, rows: 24 });
    const screen = h.screen(s.id);
    h.manager.attach(s.id);
    h.manager.resize(s.id, { cols: 132, rows: 43 });
    h.manager.input(s.id, 'echo "SIZE=<$(stty size)>"\r');
    await screen.until((x) => x.text.includes('SIZE=<43 132>'), 20_000, 'stty size');
    h.manager.input(s.id, 'exit 7\r');
    await screen.until((x) => x.exit !== undefined, 20_000, 'exit');
    expect(screen.exit).toEqual({ exitCode: 7 });
    expect(h.manager.list().find((x) => x.id === s.id)).toMatchObject({ state: 'exited', exitCode: 7 });
    expect(() => h!.manager.input(s.id, 'ls\r')).toThrow(expect.objectContaining({ code: 'terminal.notRunning' }));
  });

  it('kill ends a busy program and its shell; close forgets the session', async () => {
    h = createHarness();
    const s = await h.manager.openLocal(size);
    const screen = h.screen(s.id);
    h.manager.attach(s.id);
    h.manager.input(s.id, 'trap "" HUP; echo READY-$((40+2)); sleep 600\r');
    await screen.until((x) => x.text.includes('READY-42'), 20_000, 'ready');
    // The shell (and sleep) ignore SIGHUP here, so only the SIGKILL fallback can end them.
    h.manager.kill(s.id);
    await screen.until((x) => x.exit !== undefined, 20_000, 'exit after kill');
    expect(screen.exit?.signal).toBe(9);
    expect(h.manager.close(s.id)).toBe(true);
    expect(h.manager.list()).toEqual([]);
    expect(() => h!.manager.input(s.id, 'x')).toThrow(expect.objectContaining({ code: 'terminal.notFound' }));
  });

  it('holds output until a client attaches, then replays it and continues the sequence', async () => {
    h = createHarness({ shell: { file: '/bin/sh', args: ['-c', 'echo EARLY-OUTPUT; read line; echo "LATE-$line"'] } });
    const harness = h;
    // Fake timers until the attach: a session that wrongly scheduled a delivery of the held output
    // would have a timer pending, and it is run on purpose below instead of hoping it fires in time.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const s = await harness.manager
      .openLocal(size)
      .then(async (session) => {
        await until(() => harness.manager.stats(session.id).pendingChars >= 'EARLY-OUTPUT\r\n'.length, 'the early output to be read from the pty');
        vi.runOnlyPendingTimers();
        return session;
      })
      .finally(() => vi.useRealTimers());
    const screen = h.screen(s.id);
    expect(screen.text).toBe('');
    expect(h.manager.stats(s.id).seq).toBe(0);
    const attached = h.manager.attach(s.id);
    expect(attached.replay).toContain('EARLY-OUTPUT');
    expect(attached.seq).toBe(0);
    expect(screen.text).toBe('');
    screen.lastSeq = attached.seq;
    h.manager.input(s.id, 'x1\r');
    await screen.until((x) => x.text.includes('LATE-x1'), 20_000, 'late output');
    expect(screen.gaps).toBe(0);
  });

  it('saves a redacted, readable session log with the job', async () => {
    h = createHarness();
    const job = await jobWithContext(h);
    const s = await h.manager.openLocal({ jobId: job.id, ...size });
    const screen = h.screen(s.id);
    h.manager.attach(s.id);
    h.manager.input(s.id, `printf '\\033[31mRED-TEXT\\033[0m\\n'; echo "curl -H 'Authorization: Bearer ${JWT}' $API_URL/x"; echo "offline_token=${JWT}"; exit\r`);
    await screen.until((x) => x.exit !== undefined, 20_000, 'exit');
    await h.manager.exited(s.id);
    const files = readdirSync(join(h.jobs.folder(job.id), 'terminal'));
    expect(files).toHaveLength(1);
    expect(join(h.jobs.folder(job.id), 'terminal', files[0]!)).toBe(s.logPath);
    const log = readFileSync(s.logPath!, 'utf8');
    expect(log).toContain('RED-TEXT');
    expect(log).not.toContain('\u001b[');
    expect(log).toContain("Authorization: Bearer [REDACTED]' https://api.openshift.com/x");
    expect(log).toMatch(/offline_token=\[REDACTED[^\]]*\]"?\n/);
    expect(log).not.toContain(JWT.slice(0, 40));
    expect(log).toMatch(/session ended .*exit code 0/);
    // Raw output still reached the screen: redaction applies to the saved log only.
    expect(screen.text).toContain('\u001b[31mRED-TEXT');
  });
});

describe('session log redaction across pty reads', () => {
  it('keeps a private key and tokens out of the log when the output arrives in two reads, and shows them unchanged on screen', async () => {
    const body = [
      'MIIEpAIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw',
      '7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxKLxoS2tFc',
      'zGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW/VDL5AaWTg0nLVkjRo9z+40RQzuVaE',
    ];
    const token = 'sha256~n7TqJz0yZ2kP4eQvX1cR9mL8sW3uA6bD5fG0hI2jK4l';
    const dir = mkdtempSync(join(tmpdir(), 'sfk-fifo-'));
    // One fifo per pause: a writer still closing the first must not satisfy the second read.
    const [fifo1, fifo2] = [join(dir, 'key'), join(dir, 'token')];
    execFileSync('mkfifo', [fifo1, fifo2]);
    // The key and a token are cut mid-line; the second half is printed only after the test writes
    // to the fifo, i.e. after the first half has been read from the pty and shown.
    const part1 = `printf '%s\\n' 'cat id_rsa' '-----BEGIN RSA PRIVATE KEY-----' '${body[0]}'; printf '%s' '${body[1]!.slice(0, 30)}'`;
    const part2 = `printf '%s\\n' '${body[1]!.slice(30)}' '${body[2]}' '-----END RSA PRIVATE KEY-----'; printf '%s' 'oc login --token ${token.slice(0, 20)}'; read more < ${fifo2}; printf '%s\\n' '${token.slice(20)} --server=https://api.sno.lab:6443' 'PART2-DONE'`;
    h = createHarness({ shell: { file: '/bin/sh', args: ['-c', `${part1}; read line < ${fifo1}; ${part2}`] } });
    const job = await h.jobs.create('manual', 'key in two reads');
    const s = await h.manager.openLocal({ jobId: job.id, ...size });
    const screen = h.screen(s.id);
    h.manager.attach(s.id);
    await screen.until((x) => x.text.includes(body[1]!.slice(0, 30)), 20_000, 'the first half of the key');
    // The display is neither delayed nor redacted: the half line is on screen before the rest exists.
    expect(screen.text).toContain(`-----BEGIN RSA PRIVATE KEY-----\r\n${body[0]}\r\n${body[1]!.slice(0, 30)}`);
    await writeFile(fifo1, 'go\n');
    await screen.until((x) => x.text.includes(`oc login --token ${token.slice(0, 20)}`), 20_000, 'the first half of the token');
    expect(screen.text).not.toContain('PART2-DONE');
    await writeFile(fifo2, 'go\n');
    await screen.until((x) => x.exit !== undefined, 20_000, 'exit');
    await h.manager.exited(s.id);
    expect(screen.text).toContain(`${body[1]}\r\n${body[2]}\r\n-----END RSA PRIVATE KEY-----`);
    const log = readFileSync(s.logPath!, 'utf8');
    expect(log).toContain('cat id_rsa\n-----BEGIN RSA PRIVATE KEY-----\n[REDACTED-PRIVATE-KEY]\n-----END RSA PRIVATE KEY-----\n');
    for (const line of body) expect(log).not.toContain(line.slice(0, 16));
    expect(log).not.toContain(body[1]!.slice(30, 46));
    expect(log).toContain('oc login --token [REDACTED] --server=https://api.sno.lab:6443\nPART2-DONE\n');
    expect(log).not.toContain(token.slice(7, 20));
    expect(log).not.toContain(token.slice(20));
  });
});

describe('flow control under a 50 MB burst', () => {
  it('pauses the pty while the client is behind, delivers every byte in order, and keeps memory bounded', async () => {
    const total = 50 * 1024 * 1024;
    // A renderer that parses at ~15 MB/s (slower than the pty can produce) and acknowledges serially, like xterm's write callback.
    let ackClock = 0;
    const rate = 15 * 1024 * 1024;
    h = createHarness({
      autoAck: false,
      keepText: false,
      // The shell lingers a moment after the burst, as an interactive shell would: Linux may drop
      // the last few hundred bytes a pty's only writer sends right before it closes (kernel race).
      shell: { file: '/bin/sh', args: ['-c', `head -c ${total} /dev/zero | tr '\\0' a; sleep 1`] },
    });
    const harness = h;
    const s = await h.manager.openLocal(size);
    let acked = 0;
    let inFlightMax = 0;
    let sent = 0;
    const origOutput = (harness.manager as unknown as { options: { sink: { output: (p: { id: string; seq: number; data: string }) => void } } }).options.sink;
    const forward = origOutput.output;
    origOutput.output = (p) => {
      forward(p);
      sent += p.data.length;
      inFlightMax = Math.max(inFlightMax, sent - acked);
      const now = performance.now();
      ackClock = Math.max(ackClock, now) + (p.data.length / rate) * 1000;
      // Keep only the size: the consumer must not be what holds the burst in memory.
      const { id, data } = p;
      const n = data.length;
      setTimeout(() => {
        acked += n;
        harness.manager.ack(id, n);
      }, ackClock - now);
    };
    const baseline = process.memoryUsage().rss;
    let peakRss = baseline;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 10);
    h.manager.attach(s.id);
    await h.screen(s.id).until((x) => x.exit !== undefined, 120_000, 'burst to finish');
    clearInterval(sampler);
    const stats = h.manager.stats(s.id);
    const counted = h.counted(s.id);
    expect(counted.chars).toBe(total);
    expect(stats.seq).toBe(counted.events);
    expect(stats.pauses).toBeGreaterThan(0);
    // Never more than the high-water mark plus one pty read and one chunk outstanding.
    expect(stats.peakQueuedChars).toBeLessThanOrEqual(FLOW.highWater + 2 * FLOW.maxChunk);
    expect(inFlightMax).toBeLessThanOrEqual(FLOW.highWater + 2 * FLOW.maxChunk);
    const growthMb = (peakRss - baseline) / 1024 / 1024;
    console.log(`50 MB burst: ${counted.events} events, ${stats.pauses} pauses, peak queued ${stats.peakQueuedChars} chars, RSS growth ${growthMb.toFixed(1)} MB`);
    // Buffering the burst would hold >= 50 MB on top of the ~30 MB of short-lived garbage that
    // streaming 50 MB of strings leaves between collections; flow control keeps the total below that.
    expect(growthMb).toBeLessThan(45);
  }, 180_000);

  it('caps the saved session log of a huge output', async () => {
    h = createHarness({ keepText: false, shell: { file: '/bin/sh', args: ['-c', `yes 'line of output' | head -c ${12 * 1024 * 1024}`] } });
    const job = await h.jobs.create('manual', 'burst');
    const s = await h.manager.openLocal({ jobId: job.id, ...size });
    h.manager.attach(s.id);
    await h.screen(s.id).until((x) => x.exit !== undefined, 120_000, 'exit');
    await h.manager.exited(s.id);
    const log = readFileSync(s.logPath!, 'utf8');
    expect(Buffer.byteLength(log)).toBeLessThan(MAX_LOG_BYTES + 4096);
    expect(log).toContain('[log truncated at');
  }, 180_000);
});
