import { join } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { translate, type Language } from '../../../shared/i18n/translate';
import { collectJobFacts, type JobFacts } from '../../../shared/handoff/facts';
import { renderSiteReport } from '../../../shared/handoff/site-report';
import { buildFleetExport, type SkippedPart } from '../../../shared/handoff/fleet-export';
import { defaultFleetOptions, type FleetOptions } from '../../../shared/handoff/fleet-options';
import { writeFileAtomic } from '../fs/atomic-write';
import type { JobStore } from '../jobs/job-store';
import type { Clock } from '../clock';
import { writeFolder } from './folder-writer';

export interface HandoffServiceOptions {
  jobs: JobStore;
  clock: Clock;
  appVersion: string;
  /** Desktop app only: Chromium's printToPDF of an HTML document (webContents.printToPDF) */
  printToPdf?: (html: string) => Promise<Uint8Array>;
  openPath?: (path: string) => Promise<boolean>;
  /** Tests pin the time zone of the report's dates; default the system's */
  timeZone?: string;
}

export interface FleetExportResult {
  folder: string;
  files: { path: string; purpose: string; applied: boolean }[];
  skipped: SkippedPart[];
}

/**
 * The hand-off of a job: its site report (HTML, and PDF in the desktop app) and its fleet export.
 * Both are built by pure functions from the job and its audit log; this service only reads the job,
 * writes files and records what it wrote.
 */
export class HandoffService {
  constructor(private readonly o: HandoffServiceOptions) {}

  async facts(jobId: string): Promise<JobFacts> {
    const [job, audit] = await Promise.all([this.o.jobs.get(jobId), this.o.jobs.audit(jobId)]);
    return collectJobFacts(job, audit);
  }

  async report(jobId: string, lang: Language): Promise<{ html: string; fileName: string; finished: boolean }> {
    const facts = await this.facts(jobId);
    const html = renderSiteReport(facts, {
      t: (key, params) => translate(lang, key, params),
      lang,
      generatedAt: this.#now(),
      appVersion: this.o.appVersion,
      ...(this.o.timeZone ? { timeZone: this.o.timeZone } : {}),
    });
    return { html, fileName: `site-report-${jobId}${facts.finished ? '' : '-draft'}.html`, finished: facts.finished };
  }

  capabilities(): { pdf: boolean } {
    return { pdf: Boolean(this.o.printToPdf) };
  }

  async savePdf(jobId: string, lang: Language): Promise<{ path: string; size: number }> {
    if (!this.o.printToPdf) throw new AppError('handoff.pdfUnavailable');
    const { html, finished } = await this.report(jobId, lang);
    let pdf: Uint8Array;
    try {
      pdf = await this.o.printToPdf(html);
    } catch (err) {
      throw new AppError('handoff.pdfFailed', { reason: err instanceof Error ? err.message : String(err) });
    }
    const path = join(this.reportFolder(jobId), `site-report-${lang}${finished ? '' : '-draft'}.pdf`);
    await writeFileAtomic(path, pdf, 0o644).catch((err: NodeJS.ErrnoException) => {
      throw new AppError('handoff.writeFailed', { path, reason: err.code ?? err.message });
    });
    await this.o.jobs.appendAudit(jobId, { action: 'handoff.pdf', summary: `Site report saved as PDF (${lang})`, details: { path, size: pdf.byteLength } });
    return { path, size: pdf.byteLength };
  }

  async fleetDefaults(jobId: string): Promise<FleetOptions> {
    const facts = await this.facts(jobId);
    return defaultFleetOptions(facts, facts.discovery?.sshPublicKey ?? '');
  }

  /** Into the job folder (replacing the previous export), or into a folder the technician chose (must be new or empty). */
  async exportFleet(jobId: string, lang: Language, options: FleetOptions, target?: string): Promise<FleetExportResult> {
    const facts = await this.facts(jobId);
    const t = (key: string, params?: Record<string, unknown>) => translate(lang, key, params);
    const built = buildFleetExport(facts, options, { t, generatedAt: this.#now() });
    if (built.issues.length > 0) {
      const first = built.issues[0]!;
      throw new AppError('handoff.invalidOptions', { count: built.issues.length, first: `${first.path ?? ''}: ${t(first.key, first.params ?? {})}` }, built.issues);
    }
    const folder = target ?? this.exportFolder(jobId);
    await writeFolder(folder, built.files, { replace: target === undefined });
    await this.o.jobs.appendAudit(jobId, {
      action: 'handoff.export',
      summary: `Fleet export written (${built.files.length} files) for ${options.nodeName}`,
      details: { folder, files: built.files.map((f) => f.path), namespace: options.namespace, infraEnv: options.infraEnvName, bmc: Boolean(options.bmcAddress) },
    });
    return { folder, files: built.files.map(({ path, purpose, applied }) => ({ path, purpose, applied })), skipped: built.skipped };
  }

  async openFolder(jobId: string, what: 'export' | 'report'): Promise<{ opened: boolean; path: string }> {
    await this.o.jobs.get(jobId);
    const path = what === 'export' ? this.exportFolder(jobId) : this.reportFolder(jobId);
    return { opened: this.o.openPath ? await this.o.openPath(path) : false, path };
  }

  exportFolder(jobId: string): string {
    return join(this.o.jobs.folder(jobId), 'export');
  }

  reportFolder(jobId: string): string {
    return join(this.o.jobs.folder(jobId), 'report');
  }

  #now(): string {
    return new Date(this.o.clock.now()).toISOString();
  }
}
