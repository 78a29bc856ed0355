/**
 * The site report's only style sheet, inlined: no fonts, images or scripts are fetched, so the file
 * opens the same on a customer's laptop years later and prints to A4 / Letter without cut columns.
 * System fonts with CJK fallbacks cover both languages.
 */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #151515; --muted: #6a6e73; --line: #d2d2d2; --ok: #3e8635; --warn: #8f4700; --bad: #c9190b; --band: #f0f0f0; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem 3rem; color: var(--ink); background: #fff;
  font: 14px/1.45 "Red Hat Text", "Segoe UI", "Helvetica Neue", Arial, "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
header { border-bottom: 3px solid var(--ink); padding-bottom: .75rem; margin-bottom: 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 1.75rem 0 .5rem; padding-bottom: .2rem; border-bottom: 1px solid var(--line); break-after: avoid; page-break-after: avoid; }
h3 { font-size: 1rem; margin: 1rem 0 .35rem; break-after: avoid; page-break-after: avoid; }
p { margin: .35rem 0; }
.meta { color: var(--muted); font-size: .9rem; }
.banner { border: 2px solid var(--warn); color: var(--warn); padding: .5rem .75rem; margin: .75rem 0; font-weight: 600; }
.banner.done { border-color: var(--ok); color: var(--ok); }
dl.facts { display: grid; grid-template-columns: minmax(9rem, max-content) 1fr; gap: .2rem 1rem; margin: .25rem 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
table { width: 100%; border-collapse: collapse; margin: .35rem 0 .75rem; font-size: .9rem; }
table.fixed { table-layout: fixed; }
th, td { text-align: left; vertical-align: top; padding: .3rem .4rem; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
thead th { background: var(--band); }
tr { break-inside: avoid; page-break-inside: avoid; }
code, .digest { font-family: "Red Hat Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .82rem; }
.digest { word-break: break-all; }
.muted { color: var(--muted); }
.ok { color: var(--ok); font-weight: 600; }
.warn { color: var(--warn); font-weight: 600; }
.bad { color: var(--bad); font-weight: 600; }
ul.checks { margin: .2rem 0 .6rem; padding-left: 1.2rem; }
ul.checks li { margin: .1rem 0; }
section { break-inside: auto; }
.signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 2rem; margin-top: 2.5rem; }
.signatures div { border-top: 1px solid var(--ink); padding-top: .3rem; color: var(--muted); min-height: 3rem; }
footer { margin-top: 2rem; color: var(--muted); font-size: .8rem; }
@page { size: auto; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; }
  .banner, thead th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  thead { display: table-header-group; }
  h2 { margin-top: 1.2rem; }
}
`;
