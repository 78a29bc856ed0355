import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { HandoffService } from '../../../electron/services/handoff/handoff-service';
import { collectJobFacts } from '../../../shared/handoff/facts';
import { renderSiteReport } from '../../../shared/handoff/site-report';
import { translate } from '../../../shared/i18n/translate';
import { assistedJobInProgress, finishedManualJob } from '../../support/handoff-jobs';

const GENERATED = Date.parse('2026-11-29T10:00:00Z');

function parse(html: string) {
  const doc = new new Window().DOMParser().parseFromString(html, 'text/html');
  const text = (selector: string) => doc.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const rows = (testId: string) => [...doc.querySelectorAll(`[data-testid="${testId}"] tbody tr`)].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.replace(/\s+/g, ' ').trim()));
  return { doc, text, rows };
}

describe('site report of a finished manual job', () => {
  let service: HandoffService;
  let jobId: string;
  beforeAll(async () => {
    const { store, job } = await finishedManualJob(mkdtempSync(join(tmpdir(), 'sfk-report-')));
    service = new HandoffService({ jobs: store, clock: { now: () => GENERATED }, appVersion: '1.2.3', timeZone: 'Asia/Shanghai' });
    jobId = job.id;
  });

  it('holds every part the customer needs, as the job recorded it (en)', async () => {
    const { html, fileName, finished } = await service.report(jobId, 'en');
    expect(finished).toBe(true);
    expect(fileName).toBe(`site-report-${jobId}.html`);
    const { text, rows } = parse(html);
    expect(text('[data-testid="report-status"]')).toBe('Finished: the job was closed on Nov 28, 2026, 16:37:00.');
    expect(text('[data-testid="report-cluster-facts"]')).toContain('0b1c5f5e-5a7e-4c1e-9f3e-2b2a1c0d9e8f');
    expect(text('[data-testid="report-cluster-facts"]')).toContain('4.18.12');
    expect(text('[data-testid="report-cluster-facts"]')).toContain('https://api.sno1.example.com:6443');
    const node = text('[data-testid="report-node-facts"]');
    for (const fact of ['worker-1.sno1.example.com', '52:54:00:AA:BB:01', '10.1.101.50/24', '/dev/disk/by-id/nvme-Samsung_SSD_980_S1']) expect(node).toContain(fact);
    // the node reported its address at Ready too: listed once
    expect(node.match(/10\.1\.101\.50/g)).toHaveLength(1);
    expect(text('[data-testid="report-path"]')).toContain('Ignition served from this laptop, pinned by sha512');
    expect(text('[data-testid="report-path"]')).toContain('Self-installing USB stick, installing to /dev/disk/by-id/nvme-Samsung_SSD_980_S1');

    const artifacts = rows('report-artifacts-table');
    expect(artifacts[0]).toEqual([
      'RHCOS live ISO',
      'rhcos-live.x86_64.iso',
      'https://mirror.openshift.com/pub/openshift-v4/x86_64/dependencies/rhcos/4.18/rhcos-live.x86_64.iso',
      `sha256:${'a'.repeat(64)}`,
      'matches the published checksum',
    ]);
    expect(artifacts.map((r) => r[0])).toEqual(['RHCOS live ISO', 'worker.ign (pointer Ignition config)', 'Generated file', 'Self-installing ISO']);
    expect(artifacts[1]![2]).toBe('openshift-machine-api/worker-user-data-managed');

    const usb = rows('report-usb-table');
    expect(usb).toHaveLength(1);
    expect(usb[0]![3]).toBe('Written and verified (read back matches)');
    expect(usb[0]![4]).toBe(`written:${'d'.repeat(64)}read back:${'d'.repeat(64)}`);

    expect(rows('report-preflight-table')).toEqual([
      ['Pass', 'api.sno1.example.com resolves to 10.1.101.10'],
      ['Warning', expect.stringContaining('42')],
    ]);
    const csrs = [...parse(html).doc.querySelectorAll('[data-testid="report-csr"]')].map((el) => el.textContent!.replace(/\s+/g, ' '));
    expect(csrs).toHaveLength(2);
    expect(csrs[0]).toContain('csr-abc12');
    expect(csrs[0]).toContain('Approved by: auto-approve (after the checks below), Nov 28, 2026, 16:35:00');
    expect(csrs[0]).toContain('✓ Common name system:node:worker-1.sno1.example.com');
    expect(csrs[1]).toContain('Alternative names: worker-1.sno1.example.com, 10.1.101.50');
    expect(text('[data-testid="report-ready-state"]')).toBe('Node worker-1.sno1.example.com became Ready with its serving certificate approved on Nov 28, 2026, 16:40:00 (kubelet v1.31.6).');

    const overrides = rows('report-overrides-table').map((r) => r[1]);
    expect(overrides).toEqual([
      'TLS verification of the API server was switched off for the cluster connection.',
      expect.stringMatching(/^Pre-flight \(Warning\): .*42/),
      expect.stringMatching(/^Network: /),
      'CSR csr-abc12 approved with a warning: No planned addresses entered: IPs checked only against what the node reports',
    ]);
    const timeline = rows('report-timeline-table');
    expect(timeline[0]!.slice(2)).toEqual(['Job created', 'worker-1 <b>Site A</b> & "rack 4"']);
    expect(timeline.map((r) => r[2])).toEqual([
      'Job created',
      'Connected to the cluster',
      'Pre-flight checks',
      'File used',
      'Files generated',
      'Self-installing ISO built',
      'USB stick written',
      'CSR approved',
      'CSR approved',
      'Node Ready',
      'Job status changed',
    ]);
    expect(timeline.find((r) => r[2] === 'CSR approved')![1]).toBe('auto');
  });

  it("is written in zh-CN with Intl dates (2026/11/28 16:37:00) and the glossary's words", async () => {
    const { html } = await service.report(jobId, 'zh-CN');
    const { doc, text, rows } = parse(html);
    expect(doc.documentElement.getAttribute('lang')).toBe('zh-CN');
    expect(text('[data-testid="report-status"]')).toBe('已完成：任务于 2026/11/28 16:37:00 关闭。');
    expect(text('#csrs h2')).toBe('证书签名请求 (CSR)');
    expect(text('[data-testid="report-ready-state"]')).toContain('变为 Ready');
    expect(rows('report-timeline-table').map((r) => r[2])).toContain('CSR 已批准');
    expect(text('header')).toContain('时间均为中国标准时间');
  });

  it('is one inert, self-contained document: no script, no external resource, escaped values, print rules', async () => {
    const { html } = await service.report(jobId, 'en');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|\bsrc=|\bhref=/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    expect(html).toMatch(/@media print \{/);
    expect(html).toContain('worker-1 &lt;b&gt;Site A&lt;/b&gt; &amp; &quot;rack 4&quot;');
    expect(html).not.toContain('<b>Site A</b>');
  });
});

describe('site report of an unfinished Assisted job', () => {
  it('is marked as a draft, takes the host inventory from the install entry and says what is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sfk-report-'));
    const { store, job } = await assistedJobInProgress(dir);
    const facts = collectJobFacts(job, await store.audit(job.id));
    expect(facts.finished).toBe(false);
    expect(facts.node).toMatchObject({ name: 'worker-2', serial: 'SN-7X21-0042', macs: ['52:54:00:CC:DD:02', '52:54:00:CC:DD:03'], installDisk: '/dev/disk/by-id/wwn-0x5000c500a1b2c3d4' });
    const html = renderSiteReport(facts, { t: (k, p) => translate('en', k, p), lang: 'en', generatedAt: new Date(GENERATED).toISOString(), appVersion: '1.2.3', timeZone: 'UTC' });
    const { text, rows, doc } = parse(html);
    expect(doc.body.getAttribute('data-finished')).toBe('false');
    expect(text('[data-testid="report-status"]')).toBe('DRAFT: this job is not finished (in progress). The report shows what was done so far.');
    expect(rows('report-artifacts-table')[0]!.slice(0, 3)).toEqual(['Discovery ISO', 'discovery_image_sno1_full-iso.iso', 'Assisted Installer infra-env e3b9d0aa-0000-4000-8000-000000000002']);
    expect(text('#usb')).toContain('No USB stick was written in this job.');
    expect(text('#preflight')).toContain('The pre-flight checks were not run in this job.');
    expect(text('#csrs')).toContain('the CSRs were approved with oc, outside the app');
    expect(text('[data-testid="report-ready-state"]')).toBe('The app did not see the node become Ready.');
    expect(text('[data-testid="report-no-overrides"]')).toBe('No warning was overridden.');
  });

  it('a job closed by hand without the node seen Ready says so among the overridden warnings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sfk-report-'));
    const { store, job } = await assistedJobInProgress(dir);
    await store.update(job.id, { status: 'done' });
    const facts = collectJobFacts(await store.get(job.id), await store.audit(job.id));
    expect(facts.overrides.map((o) => o.code)).toEqual(['doneWithoutReady']);
  });
});
