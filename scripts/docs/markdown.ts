import { markdownHeadings } from '../../shared/help/anchors';

/**
 * Markdown to HTML for the subset the technician's guide uses: ATX headings (with the same
 * anchors GitHub gives them), paragraphs, bullet and numbered lists (continuation lines indented),
 * fenced code, tables, block quotes, images, links, `code`, **bold** and *emphasis*. HTML in the
 * source is never passed through (everything is escaped); HTML comments are dropped. The guide
 * is ours and small, so a dependency-free converter that refuses nothing but renders only this
 * subset is enough; the output is trusted because the input is the repository's own Markdown.
 */
export interface RenderOptions {
  /** rewrites a link target (relative .md links become the shipped .html pages) */
  link: (href: string) => string;
  /** rewrites an image source */
  image: (src: string) => string;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function inline(text: string, o: RenderOptions): string {
  const parts = text.split(/(`[^`]+`)/);
  return parts
    .map((part) => {
      if (/^`[^`]+`$/.test(part)) return `<code>${escape(part.slice(1, -1))}</code>`;
      return escape(part)
        .replace(/!\[([^\]]*)\]\(([^)\s]+)\)/g, (_m, alt: string, src: string) => `<img src="${escape(o.image(src))}" alt="${alt}" loading="lazy">`)
        .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_m, label: string, href: string) => `<a href="${escape(o.link(href))}">${label}</a>`)
        .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
        .replace(/(^|[^*\w])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>');
    })
    .join('');
}

function table(rows: string[], o: RenderOptions): string {
  const cells = (row: string) =>
    row
      .trim()
      .replace(/^\||\|$/g, '')
      .split(/(?<!\\)\|/)
      .map((c) => inline(c.trim().replace(/\\\|/g, '|'), o));
  const [head, , ...body] = rows;
  const th = cells(head!)
    .map((c) => `<th>${c}</th>`)
    .join('');
  const tr = body
    .map(
      (r) =>
        `<tr>${cells(r)
          .map((c) => `<td>${c}</td>`)
          .join('')}</tr>`,
    )
    .join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${tr}\n</tbody></table>`;
}

function list(lines: string[], o: RenderOptions): string {
  const ordered = /^\d+\.\s/.test(lines[0]!);
  const items: string[][] = [];
  for (const line of lines) {
    if (/^(?:[-*]|\d+\.)\s+/.test(line)) items.push([line.replace(/^(?:[-*]|\d+\.)\s+/, '')]);
    else items.at(-1)!.push(line.trim());
  }
  const tag = ordered ? 'ol' : 'ul';
  return `<${tag}>\n${items.map((i) => `<li>${inline(i.join(' '), o)}</li>`).join('\n')}\n</${tag}>`;
}

/** Converts one chapter; headings get the ids their links use. */
export function markdownToHtml(markdown: string, o: RenderOptions): string {
  const anchors = markdownHeadings(markdown).map((h) => h.anchor);
  const lines = markdown.replace(/<!--[\s\S]*?-->/g, '').split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length;) {
    const line = lines[i]!;
    const heading = /^(#{1,6})\s+(.+?)\s*$/.exec(line);
    const take = (more: (l: string) => boolean) => {
      const block: string[] = [];
      while (i < lines.length && more(lines[i]!)) block.push(lines[i++]!);
      return block;
    };
    if (/^\s*```/.test(line)) {
      i++;
      const code = take((l) => !/^\s*```/.test(l));
      i++;
      out.push(`<pre><code>${escape(code.join('\n'))}</code></pre>`);
    } else if (heading) {
      i++;
      const level = heading[1]!.length;
      out.push(`<h${level} id="${escape(anchors.shift() ?? '')}">${inline(heading[2]!, o)}</h${level}>`);
    } else if (line.trim() === '') {
      i++;
    } else if (/^\|/.test(line)) {
      out.push(
        table(
          take((l) => /^\|/.test(l)),
          o,
        ),
      );
    } else if (/^>\s?/.test(line)) {
      out.push(
        `<blockquote><p>${inline(
          take((l) => /^>/.test(l))
            .map((l) => l.replace(/^>\s?/, ''))
            .join(' '),
          o,
        )}</p></blockquote>`,
      );
    } else if (/^(?:[-*]|\d+\.)\s+/.test(line)) {
      out.push(
        list(
          take((l) => /^(?:[-*]|\d+\.)\s+/.test(l) || /^\s{2,}\S/.test(l)),
          o,
        ),
      );
    } else {
      const para = take((l) => l.trim() !== '' && !/^(#{1,6}\s|```|\||>|(?:[-*]|\d+\.)\s)/.test(l));
      out.push(`<p>${inline(para.join(' '), o)}</p>`);
    }
  }
  return out.join('\n');
}
