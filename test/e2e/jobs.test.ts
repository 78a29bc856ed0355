import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startHost, type RunningHost } from '../support/host';
import { launchChromium, openApp } from '../support/browser';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type WebSocket from 'ws';
import { addressOf, connect, request } from '../support/ws-client';

describe('jobs end to end: created in the UI, kept across a crash', () => {
  let host: RunningHost;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    host = await startHost({ args: ['--practice'] });
    browser = await launchChromium();
    page = await openApp(browser, host.url, '/jobs', 'zh-CN');
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('shows the shell in the system language and the practice-mode banner', async () => {
    await expect.poll(() => page.getByTestId('nav-jobs').textContent()).toBe('任务');
    expect(await page.getByTestId('practice-banner').textContent()).toContain('练习模式');
  });

  it('creates a job and opens it', async () => {
    await page.locator('#job-title').fill('worker-1 A 站点');
    await page.locator('#job-kind').selectOption('manual');
    await page.getByTestId('create-job').click();
    await expect.poll(() => page.getByTestId('job-title').textContent()).toBe('worker-1 A 站点');
    expect(page.url()).toMatch(/#\/jobs\/\d{4}-\d{2}-\d{2}-[0-9a-f]{8}$/);
  });

  it('keeps the job when the host is killed (SIGKILL) and restarted', async () => {
    const jobUrl = new URL(page.url()).hash;
    host.process.kill('SIGKILL');
    await new Promise((r) => host.process.once('exit', r));
    await page.getByTestId('disconnected-banner').waitFor();
    host = await startHost({ args: ['--practice'], dataDir: host.dataDir });
    await page.goto(`${host.url}${jobUrl}`);
    await expect.poll(() => page.getByTestId('job-title').textContent()).toBe('worker-1 A 站点');
    await page.goto(`${host.url}#/jobs`);
    await expect.poll(() => page.getByTestId('job-list').textContent()).toContain('worker-1 A 站点');
  });
});

describe('jobs end to end: a damaged job is listed as damaged and can be restored or removed', () => {
  let host: RunningHost;
  let browser: Browser;
  let ws: WebSocket;
  let jobId: string;

  /** A job saved twice (revision 1 kept as the last good one), then its job.json emptied as a power cut would. */
  async function damagedJob(title: string): Promise<string> {
    const created = await request<{ id: string }>(ws, { id: `create-${title}`, method: 'jobs.create', input: { kind: 'manual', title } });
    const id = created.result!.id;
    await request(ws, { id: `update-${title}`, method: 'jobs.update', input: { id, step: 'network' } });
    await request(ws, { id: `update2-${title}`, method: 'jobs.update', input: { id, step: 'iso' } });
    writeFileSync(join(host.dataDir, 'jobs', id, 'job.json'), '');
    return id;
  }

  beforeAll(async () => {
    host = await startHost();
    browser = await launchChromium();
    ws = await connect(addressOf(host.url));
  });
  afterAll(async () => {
    ws?.close();
    await browser?.close();
    await host?.stop();
  });

  it('en: listed with what is wrong, where the bad copy is, and restored at the last good revision', async () => {
    jobId = await damagedJob('worker-9 site B');
    const page = await openApp(browser, host.url, '/jobs', 'en-US');
    const card = page.getByTestId(`damaged-job-${jobId}`);
    await card.waitFor();
    expect(await page.getByTestId('damaged-jobs').textContent()).toContain('Damaged jobs');
    expect(await card.getByTestId('damaged-problem').textContent()).toContain('job.json is empty');
    expect(await card.getByTestId('damaged-kept-as').textContent()).toMatch(new RegExp(`kept at .*${jobId}/job\\.json\\.damaged-`));
    expect(await card.getByTestId('damaged-last-good').textContent()).toContain('Last good revision: 1 (“worker-9 site B”');
    await card.getByTestId('restore-job').click();
    await expect.poll(() => page.getByTestId('job-restored').textContent()).toContain('The job “worker-9 site B” was restored at revision 1.');
    await expect.poll(() => page.getByTestId('job-list').textContent()).toContain('worker-9 site B');
    expect(await page.getByTestId('damaged-jobs').count()).toBe(0);
    await page.context().close();
  });

  it('zh-CN: opening a damaged job offers the same, and removing it asks first', async () => {
    writeFileSync(join(host.dataDir, 'jobs', jobId, 'job.json'), 'garbage{');
    const page = await openApp(browser, host.url, `/jobs/${jobId}`, 'zh-CN');
    const card = page.getByTestId(`damaged-job-${jobId}`);
    await card.waitFor();
    expect(await page.getByTestId('error-alert').getAttribute('data-error-code')).toBe('jobs.damaged');
    expect(await card.getByTestId('damaged-problem').textContent()).toContain('job.json 不是有效的 JSON。');
    expect(await card.getByTestId('restore-job').textContent()).toBe('恢复版本 1');
    await card.getByTestId('restore-job').click();
    await expect.poll(() => page.getByTestId('job-title').textContent()).toBe('worker-9 site B');

    const other = await damagedJob('worker-10');
    await page.goto(`${host.url}#/jobs`);
    const otherCard = page.getByTestId(`damaged-job-${other}`);
    await otherCard.waitFor();
    expect(await page.getByTestId('damaged-jobs').textContent()).toContain('已损坏的任务');
    await otherCard.getByTestId('remove-damaged-job').click();
    const confirm = page.getByTestId('confirm-remove');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain(`删除已损坏的任务 ${other}？`);
    // Cancelling keeps it; confirming removes the folder.
    await confirm.getByRole('button', { name: '取消' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(existsSync(join(host.dataDir, 'jobs', other))).toBe(true);
    await otherCard.getByTestId('remove-damaged-job').click();
    await page.getByTestId('confirm-remove-job').click();
    await otherCard.waitFor({ state: 'detached' });
    expect(existsSync(join(host.dataDir, 'jobs', other))).toBe(false);
    await expect.poll(() => page.getByTestId('job-list').textContent()).toContain('worker-9 site B');
  });
});
