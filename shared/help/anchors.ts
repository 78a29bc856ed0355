/**
 * The anchor of a Markdown heading, as GitHub makes it (so a link works on GitHub, in an editor's
 * preview and in the app's help drawer alike): lower case, punctuation removed (full-width
 * Chinese punctuation too), spaces to hyphens, Chinese characters kept; a repeated heading gets
 * -1, -2, … in the order the headings appear.
 */
export function headingAnchor(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

export interface Heading {
  level: number;
  text: string;
  anchor: string;
}

/** The ATX headings of a Markdown text (fenced code skipped), each with its unique anchor. */
export function markdownHeadings(markdown: string): Heading[] {
  const seen = new Map<string, number>();
  const headings: Heading[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const m = fenced ? null : /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = headingAnchor(m[2]!.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1'));
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    headings.push({ level: m[1]!.length, text: m[2]!, anchor: n ? `${base}-${n}` : base });
  }
  return headings;
}
