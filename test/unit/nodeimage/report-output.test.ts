import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../../support/fixtures';
import { adviseFailure, parseReport } from '../../../shared/nodeimage/report';
import { laterPhase, parseOcLine, progressOf, type PhaseId } from '../../../shared/nodeimage/oc-output';
import { expiryOf, formatCountdown, TOKEN_LIFETIME_MS } from '../../../shared/nodeimage/expiry';
import { translate } from '../../../shared/i18n';

const report = (f: string) => readFileSync(fixturePath('node-image', 'report', f), 'utf8');

describe('report.json', () => {
  it('the installer docs sample: complete, exit 0, every stage and sub-stage done', () => {
    const r = parseReport(report('installer-docs-success.json'));
    expect(r).toMatchObject({ id: 'report-addnodes-202410301546', complete: true, exitCode: 0 });
    expect(r.stages.map((s) => s.id)).toEqual(['add-nodes-cluster-inspection', 'create-manifest', 'ignition', 'fetch-base-iso', 'create-agent-artifacts', 'generate-iso']);
    expect(r.stages[3]!.subStages.map((s) => s.description)).toEqual(['Extracting base image from release payload', 'Verifying base image version']);
    expect(r.stages.every((s) => s.done)).toBe(true);
  });

  it('a report still being written (zero end time, result null) is not complete and has no exit code', () => {
    const r = parseReport(report('installer-test-partial.json'));
    expect(r.complete).toBe(false);
    expect(r.exitCode).toBeUndefined();
  });

  it('the installer test failure keeps the innermost error and the whole chain; unknown errors still say what oc said', () => {
    const r = parseReport(report('installer-test-failure.json'));
    expect(r).toMatchObject({ exitCode: 1, errorMessage: 'specific error', detailedErrorMessage: 'some error: specific error' });
    const advice = adviseFailure({ report: r });
    expect(advice).toEqual({ key: 'nodeimage.failure.unknown', params: { exitCode: '1' }, detail: 'specific error' });
    expect(translate('en', advice.key, advice.params)).toContain('exit code 1');
  });

  it('an address conflict becomes advice naming the address and the node, in both languages', () => {
    const r = parseReport(report('constructed-address-conflict.json'));
    expect(r.cluster).toMatchObject({ Version: '4.18.12', PlatformType: 'none', Architecture: 'amd64' });
    const advice = adviseFailure({ report: r, exitCode: 1 });
    expect(advice.key).toBe('nodeimage.failure.addressConflict');
    expect(advice.params).toEqual({ address: '192.168.111.80', node: 'master-0' });
    expect(translate('en', advice.key, advice.params)).toContain('192.168.111.80');
    expect(translate('zh-CN', advice.key, advice.params)).toContain('master-0');
  });

  it('without report.json the output decides: old cluster, unknown flag, forbidden, unreachable', () => {
    const cases: [string, string][] = [
      ["error: the 'oc adm node-image' command is only available for OpenShift versions 4.17 and later", 'clusterTooOld'],
      ["Error: unknown flag: --dir\nSee 'oc adm --help' for usage.", 'unknownFlag'],
      ['error: cannot create namespace: namespaces is forbidden: User "dev" cannot create resource', 'forbidden'],
      ['error: Get "https://api.sno1.example.com:6443/apis": dial tcp: lookup api.sno1.example.com: no such host', 'unreachable'],
      ['2026-05-04T10:12:08Z [node-image create] command execution failed. Reason: unable to pull image: InvalidImageName: x', 'imagePull'],
      ['error: stat nodes-config.yaml: no such file or directory', 'nodesConfigUnreadable'],
    ];
    for (const [output, key] of cases) expect(adviseFailure({ output, exitCode: 1 }).key).toBe(`nodeimage.failure.${key}`);
    expect(adviseFailure({ output: 'Error: unknown flag: --dir', exitCode: 1 }).params).toEqual({ flag: '--dir' });
    expect(adviseFailure({ output: 'something odd happened\nerror: boom', exitCode: 3 })).toMatchObject({ key: 'nodeimage.failure.unknown', detail: 'error: boom', params: { exitCode: '3' } });
  });
});

describe('oc output: prefixed lines become phases that only move forward', () => {
  it('parses the prefix, stage descriptions and indented sub-stages as oc prints them', () => {
    expect(parseOcLine('2026-05-04T10:12:07Z [node-image create] Launching command')).toEqual({ at: '2026-05-04T10:12:07Z', text: 'Launching command', sub: false, phase: 'pod' });
    expect(parseOcLine('2026-05-04T10:12:30Z [node-image create]   Extracting base image from release payload')).toMatchObject({ sub: true, phase: 'baseIso' });
    expect(parseOcLine('2026-05-04T10:13:30Z [node-image create] Saving ISO image to /tmp/x')).toMatchObject({ phase: 'copy' });
    expect(parseOcLine('2026-05-04T10:13:40Z [node-image create] command execution failed. Reason: boom')).toMatchObject({ phase: 'failed', error: true });
    expect(parseOcLine('error: open nodes-config.yaml: no such file or directory')).toMatchObject({ phase: 'failed', error: true, text: 'error: open nodes-config.yaml: no such file or directory' });
    expect(parseOcLine('some other line')).toEqual({ text: 'some other line', sub: false });
  });

  it('progress rises with each phase; repeated or earlier lines do not move it back', () => {
    const seq: PhaseId[] = ['release', 'pod', 'inspect', 'manifests', 'ignition', 'baseIso', 'artifacts', 'assemble', 'copy', 'done'];
    const values = seq.map(progressOf);
    for (let i = 1; i < values.length; i++) expect(values[i]!).toBeGreaterThan(values[i - 1]!);
    expect(values.at(-1)).toBe(1);
    expect(laterPhase('artifacts', 'inspect')).toBe('artifacts');
    expect(laterPhase('pod', 'copy')).toBe('copy');
    expect(laterPhase('copy', 'failed')).toBe('failed');
    expect(laterPhase('done', 'failed')).toBe('done');
  });
});

describe('48-hour token', () => {
  it('counts down from the creation time and warns in the last six hours', () => {
    const created = '2026-05-04T10:00:00.000Z';
    const t0 = Date.parse(created);
    expect(expiryOf(created, t0)).toEqual({ expiresAt: '2026-05-06T10:00:00.000Z', remainingMs: TOKEN_LIFETIME_MS, state: 'valid' });
    expect(expiryOf(created, t0 + 42 * 3600_000 + 1).state).toBe('soon');
    expect(expiryOf(created, t0 + 48 * 3600_000)).toMatchObject({ remainingMs: 0, state: 'expired' });
    expect(formatCountdown(TOKEN_LIFETIME_MS)).toBe('48:00:00');
    expect(formatCountdown(3600_000 + 61_500)).toBe('01:01:01');
  });
});
