import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/**
 * Downloads a file from a local server that sends neither a size nor a checksum, so the cache
 * lists it as unverified (the "Enter checksum" action, the USB confirmation).
 */
export async function startUnverifiedDownload(page: Page, url: string): Promise<void> {
  const data = randomBytes(256 * 1024);
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(data); // chunked: no Content-Length
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const port = (server.address() as { port: number }).port;
    await page.goto(`${url}#/downloads`);
    await page.getByTestId('dl-url').fill(`http://127.0.0.1:${port}/tool.iso`);
    await page.getByTestId('dl-start').click();
    await page.locator('[data-testid="cache-row"][data-unverified="true"]').waitFor();
  } finally {
    server.close();
  }
}

/**
 * Takes a node-image job through the practice cluster, as the technician would, so that every step
 * of the flow has something to show. Returns the job id.
 */
export async function driveNodeImage(page: Page, url: string, dataDir: string): Promise<string> {
  await page.goto(`${url}#/jobs`);
  await page.locator('#job-title').fill('worker-8 node-image');
  await page.getByTestId('job-cluster-version').fill('4.18.12');
  await page.getByTestId('create-job').click();
  await page.getByTestId('nodeimage-flow').waitFor();
  const jobId = /#\/jobs\/([a-z0-9-]+)/.exec(page.url())![1]!;
  await page.getByTestId('cluster-kubeconfig-path').fill(join(dataDir, 'practice', 'practice-kubeconfig'));
  await page.getByTestId('cluster-connect-button').click();
  await page.getByTestId('nodeimage-cluster-ok').waitFor();
  await page.getByTestId('nodeimage-cluster-next').click();
  await page.getByTestId('ni-hostname').fill('worker-8.practice.example.com');
  await page.getByTestId('ni-net-static').check();
  await page.getByTestId('ni-net-iface').fill('eno1');
  await page.getByTestId('ni-net-mac').fill('52:54:00:aa:00:28');
  await page.getByTestId('ni-net-address').fill('192.168.50.28/24');
  await page.getByTestId('ni-net-gateway').fill('192.168.50.1');
  await page.getByTestId('ni-net-dns').fill('192.168.50.1');
  await page.getByTestId('ni-root-by').selectOption('path');
  await page.getByTestId('ni-root-value').fill('/dev/disk/by-path/pci-0000:03:00.0-scsi-0:2:0:0');
  await page.getByTestId('ni-save').click();
  await page.getByTestId('ni-saved').waitFor();
  await page.getByTestId('ni-host-next').click();
  await page.getByTestId('ni-oc-fetch').click();
  await page.locator('[data-testid="ni-oc-verdict"][data-verdict="match"]').waitFor();
  await page.getByTestId('ni-oc-next').click();
  await page.getByTestId('ni-run').click();
  await page.locator('[data-testid="ni-run-progress"][data-state="succeeded"]').waitFor({ timeout: 90_000 });
  await page.getByTestId('ni-create-next').click();
  await page.getByTestId('ni-iso-next').click();
  await page.getByTestId('nodeimage-join-step').waitFor();
  return jobId;
}
