// Electron shell: prints the site report to PDF with Chromium (webContents.printToPDF). Kept apart
// from the services, which receive it as the `printToPdf` platform hook and never import electron.
import { BrowserWindow } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Loads the HTML in a hidden, sandboxed window with JavaScript off (the report has none and must
 * never run any) from a private temporary file, and prints it with its print style sheet.
 */
export async function printHtmlToPdf(html: string): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'sfk-report-'));
  const file = join(dir, 'site-report.html');
  const window = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, javascript: false, contextIsolation: true, nodeIntegration: false, webSecurity: true },
  });
  try {
    await writeFile(file, html, { mode: 0o600 });
    window.webContents.on('will-navigate', (event) => event.preventDefault());
    window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    await window.loadFile(file);
    const pdf = await window.webContents.printToPDF({ printBackground: true, pageSize: 'A4', displayHeaderFooter: false });
    return new Uint8Array(pdf);
  } finally {
    window.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}
