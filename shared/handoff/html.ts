import { redact } from '../redact';

/** Translates a catalogue key (the renderer's i18next `t`, or `translate(lang, …)` in the main process and CLI). */
export type Translator = (key: string, params?: Record<string, unknown>) => string;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML-escapes text for element content and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * Every value printed into a customer document goes through here: secrets are redacted first
 * (a token typed into a job title or an old unredacted log line never reaches the page), then escaped.
 */
export function text(value: unknown): string {
  return escapeHtml(redact(value === undefined || value === null ? '' : String(value)));
}

/** A translated string, with its parameters redacted and the result escaped. */
export function tr(t: Translator, key: string, params: Record<string, unknown> = {}): string {
  const safe = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? redact(v) : v]));
  return escapeHtml(t(key, safe));
}

/** A `<dl>` of label/value rows; values are already-escaped HTML, empty ones show the placeholder. */
export function definitionList(rows: [label: string, html: string][], empty: string, testId: string): string {
  const items = rows.map(([label, html]) => `<dt>${label}</dt><dd>${html || `<span class="muted">${empty}</span>`}</dd>`).join('');
  return `<dl class="facts" data-testid="${escapeHtml(testId)}">${items}</dl>`;
}

/** A table with a header row; cells are already-escaped HTML; `widths` (percent per column) keep long digests from squeezing names on paper. */
export function table(headers: string[], rows: string[][], testId: string, widths?: number[]): string {
  const cols = widths ? `<colgroup>${widths.map((w) => `<col style="width:${w}%">`).join('')}</colgroup>` : '';
  const head = headers.map((h) => `<th scope="col">${h}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('');
  return `<table data-testid="${escapeHtml(testId)}"${widths ? ' class="fixed"' : ''}>${cols}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** A long hexadecimal digest, breakable anywhere so it wraps on paper instead of overflowing. */
export function digest(algorithm: string, hex: string | undefined): string {
  return hex ? `<code class="digest">${escapeHtml(algorithm)}:${text(hex)}</code>` : '';
}
