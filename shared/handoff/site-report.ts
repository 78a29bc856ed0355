import type { Language } from '../i18n/translate';
import type { JobFacts } from './facts';
import { REPORT_CSS } from './report-style';
import { definitionList, escapeHtml, text, tr, type Translator } from './html';
import { artifactsSection, csrSection, overridesSection, preflightSection, readySection, timelineSection, usbSection } from './report-sections';

export interface SiteReportOptions {
  t: Translator;
  lang: Language;
  /** When the report is made (ISO 8601); part of the document, so the caller's clock decides */
  generatedAt: string;
  appVersion: string;
  /** IANA zone for dates; default the system's (tests pin one) */
  timeZone?: string;
}

/**
 * Dates in the UI language through Intl, 24-hour: zh-CN reads 2026/12/7 13:40:31, en reads
 * Dec 7, 2026, 13:40:31 (never the ambiguous 12/7/2026). The time zone is named once, in the header.
 */
export function dateFormatter(lang: Language, timeZone?: string): { when: (iso: string | undefined) => string; zone: string } {
  const options: Intl.DateTimeFormatOptions = {
    year: 'numeric',
    month: lang === 'en' ? 'short' : 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  };
  const format = new Intl.DateTimeFormat(lang, options);
  const zone = new Intl.DateTimeFormat(lang, { timeZoneName: 'long', ...(timeZone ? { timeZone } : {}) }).formatToParts(0).find((p) => p.type === 'timeZoneName')?.value ?? '';
  return {
    when: (iso) => {
      const ms = iso ? Date.parse(iso) : NaN;
      return Number.isNaN(ms) ? '' : format.format(ms);
    },
    zone,
  };
}

export interface SectionContext {
  t: Translator;
  /** A date as plain text (pass it through `text()` or as a `tr` parameter) */
  when: (iso: string | undefined) => string;
  /** The time zone every date is in, e.g. "Coordinated Universal Time" / "协调世界时间" */
  zone: string;
  none: string;
}

/**
 * The customer's record of one job as one self-contained HTML document: no script, no external
 * resource (a CSP forbids both), inline CSS with print rules, every value escaped and redacted.
 */
export function renderSiteReport(facts: JobFacts, options: SiteReportOptions): string {
  const { t, lang } = options;
  const dates = dateFormatter(lang, options.timeZone);
  const ctx: SectionContext = { t, when: dates.when, zone: dates.zone, none: tr(t, 'handoff.report.none') };
  const sections = [
    section('cluster', tr(t, 'handoff.report.sections.cluster'), clusterSection(facts, ctx)),
    section('node', tr(t, 'handoff.report.sections.node'), nodeSection(facts, ctx)),
    section('path', tr(t, 'handoff.report.sections.path'), pathSection(facts, ctx)),
    section('artifacts', tr(t, 'handoff.report.sections.artifacts'), artifactsSection(facts, ctx)),
    section('usb', tr(t, 'handoff.report.sections.usb'), usbSection(facts, ctx)),
    section('preflight', tr(t, 'handoff.report.sections.preflight'), preflightSection(facts, ctx)),
    section('csrs', tr(t, 'handoff.report.sections.csrs'), csrSection(facts, ctx)),
    section('ready', tr(t, 'handoff.report.sections.ready'), readySection(facts, ctx)),
    section('overrides', tr(t, 'handoff.report.sections.overrides'), overridesSection(facts, ctx)),
    section('timeline', tr(t, 'handoff.report.sections.timeline'), timelineSection(facts, ctx)),
  ];
  const title = `${tr(t, 'handoff.report.title')} – ${text(facts.job.title)}`;
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="SNO Field Kit ${text(options.appVersion)}">`,
    `<title>${title}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    `<body data-job="${text(facts.job.id)}" data-finished="${facts.finished}">`,
    header(facts, options, ctx),
    ...sections,
    signatures(t),
    `<footer>${tr(t, 'handoff.report.footer', { version: options.appVersion })}</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function section(id: string, heading: string, body: string): string {
  return `<section id="${id}" data-testid="report-${id}"><h2>${heading}</h2>${body}</section>`;
}

function header(facts: JobFacts, options: SiteReportOptions, ctx: SectionContext): string {
  const { t } = options;
  const banner = facts.finished
    ? `<p class="banner done" data-testid="report-status">${tr(t, 'handoff.report.finished', { when: ctx.when(facts.job.updatedAt) })}</p>`
    : `<p class="banner" data-testid="report-status">${tr(t, 'handoff.report.draft', { status: t(`handoff.report.status.${facts.job.status}`) })}</p>`;
  return [
    '<header>',
    `<h1>${tr(t, 'handoff.report.title')}: ${text(facts.job.title)}</h1>`,
    `<p class="meta">${tr(t, 'handoff.report.jobLine', { id: facts.job.id, kind: t(`app.home.kind.${facts.job.kind}`) })}</p>`,
    `<p class="meta">${tr(t, 'handoff.report.dates', { created: ctx.when(facts.job.createdAt), generated: ctx.when(options.generatedAt), zone: ctx.zone })}</p>`,
    banner,
    '</header>',
  ].join('\n');
}

function clusterSection(facts: JobFacts, ctx: SectionContext): string {
  const c = facts.cluster;
  if (!c) return `<p class="muted">${tr(ctx.t, 'handoff.report.noCluster')}</p>`;
  const t = ctx.t;
  return definitionList(
    [
      [tr(t, 'handoff.report.cluster.id'), `<code>${text(c.clusterId)}</code>`],
      [tr(t, 'handoff.report.cluster.version'), text(c.version)],
      [tr(t, 'handoff.report.cluster.apiUrl'), `<code>${text(c.apiServerUrl)}</code>`],
      [tr(t, 'handoff.report.cluster.platform'), text([c.platform, c.architecture].filter(Boolean).join(' / '))],
      [tr(t, 'handoff.report.cluster.source'), tr(t, `handoff.report.cluster.${c.source}`)],
    ],
    ctx.none,
    'report-cluster-facts',
  );
}

function nodeSection(facts: JobFacts, ctx: SectionContext): string {
  const n = facts.node;
  const t = ctx.t;
  const list = (values: string[]) => values.map((v) => `<code>${text(v)}</code>`).join(', ');
  return definitionList(
    [
      [tr(t, 'handoff.report.node.name'), n.name ? `<strong>${text(n.name)}</strong>` : ''],
      [tr(t, 'handoff.report.node.macs'), list(n.macs)],
      [tr(t, 'handoff.report.node.serial'), text(n.serial ?? '')],
      [tr(t, 'handoff.report.node.hardware'), text([n.vendor, n.model].filter(Boolean).join(' '))],
      [tr(t, 'handoff.report.node.ips'), list(n.ips)],
      [tr(t, 'handoff.report.node.installDisk'), n.installDisk ? `<code>${text(n.installDisk)}</code>` : ''],
      [tr(t, 'handoff.report.node.bmc'), n.bmcAddress ? `<code>${text(n.bmcAddress)}</code>` : ''],
    ],
    ctx.none,
    'report-node-facts',
  );
}

function pathSection(facts: JobFacts, ctx: SectionContext): string {
  const t = ctx.t;
  const items = facts.path.facts.map((f) => `<li>${tr(t, `handoff.report.pathFacts.${f.key}`, f.params ?? {})}</li>`).join('');
  return `<p><strong>${tr(t, `app.home.kind.${facts.path.kind}`)}</strong></p><ul>${items}</ul>`;
}

function signatures(t: Translator): string {
  return `<div class="signatures"><div>${tr(t, 'handoff.report.signTechnician')}</div><div>${tr(t, 'handoff.report.signCustomer')}</div></div>`;
}
