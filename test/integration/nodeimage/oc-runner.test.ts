import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CreateRun, createArgs, type RunInput } from '../../../electron/services/nodeimage/create-run';
import { startPracticeCluster, type PracticeCluster } from '../../../electron/practice/practice-cluster';
import { buildNodesConfig, nodesConfigYaml } from '../../../shared/nodeimage/nodes-config';
import { formToModel, emptyForm } from '../../../shared/network/simple-form';
import type { RunStatus } from '../../../shared/api/domains/nodeimage';
import { liveIso, standinOcPath } from '../../support/nodeimage';

const run = promisify(execFile);

/**
 * The process runner against the stand-in oc (a Node script answering oc's documented contract:
 * flags, version check, progress lines, node.<arch>.iso, report.json on failure) and the
 * Kubernetes simulator as the cluster.
 */
describe('oc adm node-image create as a managed process', () => {
  let root: string;
  let baseIso: string;
  const clusters: PracticeCluster[] = [];
  let c418: PracticeCluster;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'sfk-oc-run-'));
    baseIso = liveIso(root);
    c418 = await startPracticeCluster({ dir: root, standinPath: standinOcPath, baseIsoPath: baseIso, version: '4.18.12' });
    clusters.push(c418);
  }, 60_000);
  afterAll(async () => {
    for (const c of clusters) await c.close();
  });

  /** A fresh --dir with a nodes-config.yaml for one worker at `ip`. */
  function jobDir(name: string, ip: string): string {
    const dir = join(root, name);
    mkdirSync(dir, { recursive: true });
    const network = formToModel({ ...emptyForm(), iface: 'eno1', mac: '52:54:00:aa:00:01', mode: 'static', address: `${ip}/24`, gateway: '192.168.50.1', dns: '192.168.50.1' });
    const { doc } = buildNodesConfig({ hosts: [{ hostname: 'worker-1.practice.example.com', network, rootDevice: { by: 'serial', value: 'PRACTICE0001' } }] });
    writeFileSync(join(dir, 'nodes-config.yaml'), nodesConfigYaml(doc));
    return dir;
  }

  function startRun(cluster: PracticeCluster, dir: string, extra: Partial<RunInput> = {}) {
    const seen: RunStatus[] = [];
    const lines: string[] = [];
    const r = new CreateRun({
      runId: 'r1',
      ocPath: standinOcPath,
      dir,
      kubeconfig: cluster.kubeconfig,
      env: { ...(process.env as Record<string, string>), ...cluster.ocEnv },
      logFile: join(dir, 'logs', 'create.log'),
      now: () => new Date(),
      onStatus: (s, line) => {
        seen.push(s);
        if (line !== undefined) lines.push(line);
      },
      graceMs: 200,
      ...extra,
    });
    return { run: r, seen, lines, done: r.run() };
  }

  it('passes the real oc flags: --dir, --kubeconfig, --context, --registry-config', () => {
    expect(createArgs({ dir: '/d', kubeconfig: '/k', context: 'admin', pullSecretPath: '/ps.json' })).toEqual([
      'adm',
      'node-image',
      'create',
      '--dir=/d',
      '--kubeconfig=/k',
      '--context=admin',
      '--registry-config=/ps.json',
    ]);
    expect(createArgs({ dir: '/d', kubeconfig: '/k', insecure: true })).toContain('--insecure-skip-tls-verify=true');
  });

  it('succeeds on a 4.18 cluster: stage phases in order, a real ISO in --dir, the whole output in the log', async () => {
    const dir = jobDir('ok', '192.168.50.21');
    writeFileSync(join(dir, 'node.x86_64.iso'), 'stale iso from an earlier run');
    const { seen, lines, done } = startRun(c418, dir);
    const result = await done;
    expect(result.status).toMatchObject({ state: 'succeeded', phase: 'done', fraction: 1, exitCode: 0 });
    expect(result.iso).toEqual({ path: join(dir, 'node.x86_64.iso'), arch: 'x86_64' });
    const iso = readFileSync(result.iso!.path);
    expect(iso.equals(readFileSync(baseIso))).toBe(true);
    expect(iso.subarray(32769, 32774).toString('latin1')).toBe('CD001');
    const phases = [...new Set(seen.map((s) => s.phase))];
    expect(phases).toEqual(['release', 'pod', 'inspect', 'manifests', 'ignition', 'baseIso', 'artifacts', 'assemble', 'copy', 'done']);
    const fractions = seen.map((s) => s.fraction);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    expect(lines.some((l) => /\[node-image create\] {3}Extracting base image from release payload$/.test(l))).toBe(true);
    const log = readFileSync(join(dir, 'logs', 'create.log'), 'utf8');
    expect(log).toContain('Command successfully completed');
    expect(log.trimEnd().endsWith('# exit 0')).toBe(true);
  }, 60_000);

  it('on a 4.17 cluster (exit_code file only, no stages) it still finishes, from the pod straight to the copy', async () => {
    const c417 = await startPracticeCluster({ dir: join(root, 'c417'), standinPath: standinOcPath, baseIsoPath: baseIso, version: '4.17.4' });
    clusters.push(c417);
    const { seen, done } = startRun(c417, jobDir('v417', '192.168.50.22'));
    expect((await done).status.state).toBe('succeeded');
    expect([...new Set(seen.map((s) => s.phase))]).toEqual(['release', 'pod', 'copy', 'done']);
  }, 60_000);

  it('an address an existing node uses: report.json is read and the advice names the address and the node', async () => {
    const dir = jobDir('conflict', '192.168.50.10');
    const result = await startRun(c418, dir).done;
    expect(result.status.state).toBe('failed');
    expect(result.status.exitCode).toBe(1);
    expect(existsSync(join(dir, 'report.json'))).toBe(true);
    expect(result.report).toMatchObject({ exitCode: 1, complete: true });
    expect(result.status.advice).toMatchObject({ key: 'nodeimage.failure.addressConflict', params: { address: '192.168.50.10', node: 'sno-0.practice.example.com' } });
    expect(result.status.stages!.map((s) => s.id)).toEqual(['add-nodes-cluster-inspection', 'create-manifest']);
    expect(result.iso).toBeUndefined();
  }, 60_000);

  it('the node-joiner image cannot be pulled: advice about the registry and the pull secret', async () => {
    const c = c418;
    const result = await startRun(c, jobDir('pull', '192.168.50.23'), { env: { ...(process.env as Record<string, string>), ...c.ocEnv, OC_STANDIN_FAIL: 'image-pull' } }).done;
    expect(result.status.advice!.key).toBe('nodeimage.failure.imagePull');
    expect(result.report).toMatchObject({ exitCode: 1, stages: [] });
  }, 60_000);

  it('a cluster older than 4.17: oc refuses before anything runs, and the advice says to use another path', async () => {
    const c416 = await startPracticeCluster({ dir: join(root, 'c416'), standinPath: standinOcPath, baseIsoPath: baseIso, version: '4.16.9' });
    clusters.push(c416);
    const dir = jobDir('old', '192.168.50.24');
    const result = await startRun(c416, dir).done;
    expect(result.status).toMatchObject({ state: 'failed', exitCode: 1 });
    expect(result.status.advice!.key).toBe('nodeimage.failure.clusterTooOld');
    expect(existsSync(join(dir, 'report.json'))).toBe(false);
  }, 60_000);

  it('cancel stops oc (SIGINT to its process group, then TERM and KILL); the run ends as cancelled without an ISO', async () => {
    const dir = jobDir('cancel', '192.168.50.25');
    const r = startRun(c418, dir, { env: { ...(process.env as Record<string, string>), ...c418.ocEnv, OC_STANDIN_STEP_MS: '60000' } });
    // oc is waiting for the node-joiner pod (the stand-in pauses a minute there)
    await expect.poll(() => r.seen.some((s) => s.phase === 'pod'), { timeout: 30_000 }).toBe(true);
    await r.run.cancel();
    const result = await r.done;
    expect(result.status.state).toBe('cancelled');
    expect(existsSync(join(dir, 'node.x86_64.iso'))).toBe(false);
  }, 60_000);

  it('an oc that cannot be started is reported as such', async () => {
    const result = await startRun(c418, jobDir('missing', '192.168.50.26'), { ocPath: join(root, 'no-such-oc') }).done;
    expect(result.status.advice).toMatchObject({ key: 'nodeimage.failure.notStarted', params: { reason: 'ENOENT' } });
  });

  it('the stand-in checks flags as oc does and answers oc version', async () => {
    const bad = await run(standinOcPath, ['adm', 'node-image', 'create', '--no-such-flag']).catch((e: { code: number; stderr: string }) => e);
    expect(bad).toMatchObject({ code: 1, stderr: expect.stringContaining('Error: unknown flag: --no-such-flag') });
    const single = await run(standinOcPath, ['adm', 'node-image', 'create', '--root-device-hint=deviceName:/dev/sda']).catch((e: { code: number; stderr: string }) => e);
    expect(single).toMatchObject({ code: 1, stderr: expect.stringContaining('requires also flag `mac-address`') });
    const v = JSON.parse((await run(standinOcPath, ['version', '--client', '-o', 'json'], { env: { ...process.env, OC_STANDIN_VERSION: '4.19.1' } })).stdout);
    expect(v.releaseClientVersion).toBe('4.19.1');
  });
});
