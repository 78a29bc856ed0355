import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startHost, type RunningHost } from '../support/host';
import { launchChromium, openApp } from '../support/browser';

/** "Use the practice cluster" on the cluster step, in practice mode only, in en and zh-CN. */
describe('practice cluster on the cluster step', () => {
  let host: RunningHost;
  let browser: Browser;

  beforeAll(async () => {
    host = await startHost({ args: ['--practice'] });
    browser = await launchChromium();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  async function newManualJob(page: Page, title: string) {
    await page.locator('#job-title').fill(title);
    await page.locator('#job-kind').selectOption('manual');
    await page.getByTestId('create-job').click();
    await page.getByTestId('manual-flow').waitFor();
  }

  it('connects the job to the practice cluster at the version picked', { timeout: 90_000 }, async () => {
    const page = await openApp(browser, host.url, '/jobs', 'en-US');
    page.setDefaultTimeout(20_000);
    await newManualJob(page, 'practice cluster 4.14');
    await page.getByTestId('practice-cluster-version').selectOption('4.14');
    expect(await page.getByTestId('practice-cluster-use').textContent()).toBe('Use the practice cluster');
    await page.getByTestId('practice-cluster-use').click();
    await expect.poll(() => page.getByTestId('cluster-summary').textContent(), { timeout: 30_000 }).toContain('4.14.45');
    expect(await page.getByTestId('cluster-summary').textContent()).toContain('sno-0.practice.example.com');
  });

  it('offers it in Chinese too', { timeout: 90_000 }, async () => {
    const page = await openApp(browser, host.url, '/jobs', 'zh-CN');
    page.setDefaultTimeout(20_000);
    await newManualJob(page, 'practice cluster zh');
    expect(await page.getByTestId('practice-cluster-use').textContent()).toBe('使用练习集群');
    await page.getByTestId('practice-cluster-use').click();
    await expect.poll(() => page.getByTestId('cluster-summary').textContent(), { timeout: 30_000 }).toContain('4.18.12');
  });
});
