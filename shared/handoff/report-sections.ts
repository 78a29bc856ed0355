import type { JobFacts, ReportOverride } from './facts';
import type { PreflightCheck } from '../api/domains/cluster';
import { digest, table, text, tr, type Translator } from './html';
import type { SectionContext } from './site-report';

/** The site report's list and table sections (the header and fact lists are in site-report.ts). */

const empty = (ctx: SectionContext, key: string) => `<p class="muted">${tr(ctx.t, key)}</p>`;

/** The translation when the catalogue has one, else the raw value (a kind or action added after this build). */
function known(t: Translator, key: string, fallback: string, params: Record<string, unknown> = {}): string {
  const value = t(key, params);
  return value === key ? fallback : value;
}

export function artifactsSection(facts: JobFacts, ctx: SectionContext): string {
  const { t } = ctx;
  if (facts.artifacts.length === 0) return empty(ctx, 'handoff.report.noArtifacts');
  const rows = facts.artifacts.map((a) => [
    text(known(t, `handoff.report.artifactKind.${a.kind}`, a.kind)),
    `<code>${text(a.name)}</code>`,
    `<code>${text(a.source)}</code>`,
    [digest('sha256', a.sha256), digest('sha512', a.sha512)].filter(Boolean).join('<br>'),
    a.verified ? `<span class="ok">${tr(t, 'handoff.report.published')}</span>` : '',
  ]);
  const headers = ['kind', 'name', 'source', 'digest', 'check'].map((h) => tr(t, `handoff.report.artifactColumns.${h}`));
  return table(headers, rows, 'report-artifacts-table', [13, 17, 25, 35, 10]);
}

export function usbSection(facts: JobFacts, ctx: SectionContext): string {
  const { t } = ctx;
  if (facts.usbWrites.length === 0) return empty(ctx, 'handoff.report.noUsb');
  const rows = facts.usbWrites.map((w) => {
    const result =
      w.state === 'done' && w.verified
        ? `<span class="ok">${tr(t, 'handoff.report.usbVerified')}</span>`
        : `<span class="bad">${tr(t, `handoff.report.usbState.${w.state === 'cancelled' ? 'cancelled' : 'failed'}`, { code: w.errorCode ?? '' })}</span>`;
    const hashes = [digest(t('handoff.report.written'), w.sha256), digest(t('handoff.report.readBack'), w.readBackSha256)].filter(Boolean).join('<br>');
    return [text(ctx.when(w.at)), `${text(w.drive)}<br><code>${text(w.target)}</code>`, `<code>${text(w.image)}</code>`, result, hashes];
  });
  const headers = ['when', 'drive', 'image', 'result', 'sha256'].map((h) => tr(t, `handoff.report.usbColumns.${h}`));
  return table(headers, rows, 'report-usb-table', [14, 20, 16, 16, 34]);
}

const STATUS_CLASS: Record<PreflightCheck['status'], string> = { pass: 'ok', warn: 'warn', fail: 'bad', skipped: 'muted', offline: 'muted' };

function checkText(t: Translator, c: PreflightCheck): string {
  return t(`cluster.preflight.results.${c.key}`, c.params);
}

export function preflightSection(facts: JobFacts, ctx: SectionContext): string {
  const { t } = ctx;
  const p = facts.preflight;
  if (!p) return empty(ctx, 'handoff.report.noPreflight');
  const rows = p.checks.map((c) => [`<span class="${STATUS_CLASS[c.status]}">${tr(t, `cluster.preflight.status.${c.status}`)}</span>`, text(checkText(t, c))]);
  const intro = `<p class="meta">${tr(t, p.online ? 'handoff.report.preflightRan' : 'handoff.report.preflightOffline', { when: ctx.when(p.at) })}</p>`;
  return intro + table([tr(t, 'handoff.report.preflightColumns.status'), tr(t, 'handoff.report.preflightColumns.check')], rows, 'report-preflight-table', [14, 86]);
}

export function csrSection(facts: JobFacts, ctx: SectionContext): string {
  const { t } = ctx;
  if (facts.csrs.length === 0) return empty(ctx, facts.cluster?.source === 'kubeconfig' ? 'handoff.report.noCsrs' : 'handoff.report.noCsrsOutside');
  return facts.csrs
    .map((c) => {
      const by = c.actor === 'auto' ? t('handoff.report.approvedAuto') : t('handoff.report.approvedBy', { user: c.actor });
      const checks = c.checks
        .map(
          (k) =>
            `<li class="${k.outcome === 'ok' ? 'ok' : k.outcome === 'warn' ? 'warn' : 'bad'}">${k.outcome === 'ok' ? '✓' : k.outcome === 'warn' ? '!' : '✗'} ${text(t(`cluster.checks.${k.id}.${k.outcome}`, k.params ?? {}))}</li>`,
        )
        .join('');
      const lines = [
        `${tr(t, 'handoff.report.csrKind')}: ${text(known(t, `cluster.csr.kind.${c.kind}`, c.kind))}`,
        `${tr(t, 'handoff.report.csrVerdict')}: <span class="ok">${text(known(t, `cluster.csr.verdict.${c.verdict}`, c.verdict))}</span>`,
        `${tr(t, 'handoff.report.csrApproved')}: ${text(by)}, ${text(ctx.when(c.at))}`,
        c.subject ? `${tr(t, 'handoff.report.csrSubject')}: <code>${text(c.subject)}</code>` : '',
        c.sans.length ? `${tr(t, 'handoff.report.csrSans')}: <code>${text(c.sans.join(', '))}</code>` : '',
      ].filter(Boolean);
      return `<div class="csr" data-testid="report-csr"><h3><code>${text(c.name)}</code></h3><p>${lines.join('<br>')}</p><ul class="checks">${checks}</ul></div>`;
    })
    .join('');
}

export function readySection(facts: JobFacts, ctx: SectionContext): string {
  const { t } = ctx;
  const r = facts.nodeReady;
  if (!r) return `<p class="warn" data-testid="report-ready-state">${tr(t, 'handoff.report.notReady')}</p>`;
  return `<p class="ok" data-testid="report-ready-state">${tr(t, 'handoff.report.ready', { node: r.node ?? facts.node.name ?? '', when: ctx.when(r.at), version: r.version ?? '' })}</p>`;
}

function overrideText(t: Translator, o: ReportOverride, facts: JobFacts): string {
  if (o.code === 'preflight' && o.check) return t('handoff.report.override.preflight', { status: t(`cluster.preflight.status.${o.check.status}`), check: checkText(t, o.check) });
  if (o.code === 'networkWarning') return t('handoff.report.override.networkWarning', { warning: t(String(o.params.key ?? '')) });
  if (o.code === 'csrCheckWarning') {
    const check = facts.csrs.find((c) => c.name === o.params.csr)?.checks.find((k) => k.id === o.params.check);
    return t('handoff.report.override.csrCheckWarning', { csr: o.params.csr ?? '', check: t(`cluster.checks.${String(o.params.check)}.warn`, check?.params ?? {}) });
  }
  return known(t, `handoff.report.override.${o.code}`, o.code, o.params);
}

export function overridesSection(facts: JobFacts, ctx: SectionContext): string {
  const { t } = ctx;
  if (facts.overrides.length === 0) return `<p class="ok" data-testid="report-no-overrides">${tr(t, 'handoff.report.noOverrides')}</p>`;
  const rows = facts.overrides.map((o) => [text(ctx.when(o.at)), `<span class="warn">${text(overrideText(t, o, facts))}</span>`]);
  return table([tr(t, 'handoff.report.timelineColumns.when'), tr(t, 'handoff.report.timelineColumns.what')], rows, 'report-overrides-table', [17, 83]);
}

export function timelineSection(facts: JobFacts, ctx: SectionContext): string {
  const { t } = ctx;
  const created = [text(ctx.when(facts.job.createdAt)), '', tr(t, 'handoff.report.jobCreated'), text(facts.job.title)];
  const rows = facts.timeline.map((e) => [text(ctx.when(e.at)), text(e.actor), text(known(t, `handoff.report.actions.${e.action}`, e.action)), `<span class="muted">${text(e.summary)}</span>`]);
  const headers = ['when', 'who', 'what', 'details'].map((h) => tr(t, `handoff.report.timelineColumns.${h}`));
  return table(headers, [created, ...rows], 'report-timeline-table', [17, 9, 19, 55]);
}
