import { existsSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownHeadings } from '../../../shared/help/anchors';
import { links, markdownFiles, read, repoRoot } from './markdown-files';

/** Every broken relative link or anchor of one file, as "file: target (why)". */
function broken(file: string): string[] {
  return links(read(file)).flatMap(({ target }) => {
    if (/^[a-z]+:/i.test(target)) return [];
    const [path, anchor] = target.split('#') as [string, string | undefined];
    const to = path ? normalize(join(dirname(file), decodeURI(path))) : file;
    if (to.startsWith('..') || !existsSync(join(repoRoot, to))) return [`${file}: ${target} (no such file)`];
    if (anchor === undefined || !to.endsWith('.md')) return [];
    const anchors = markdownHeadings(read(to)).map((h) => h.anchor);
    return anchors.includes(decodeURIComponent(anchor)) ? [] : [`${file}: ${target} (no heading with that anchor)`];
  });
}

describe('Markdown links', () => {
  const files = markdownFiles();

  it('finds the documentation (README, guide in both languages, development)', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', 'README.zh-CN.md', 'docs/development.md', 'docs/guide/en/index.md', 'docs/guide/zh-CN/troubleshooting.md']));
  });

  it("every relative link and anchor in the repository's Markdown resolves", () => {
    expect(files.flatMap(broken)).toEqual([]);
  });

  it('the check notices a missing file and a missing anchor', () => {
    expect(links('see [a](nope.md) and ![b](images/x.png) but not `[c](code.md)`')).toEqual([
      { target: 'nope.md', image: false },
      { target: 'images/x.png', image: true },
    ]);
    const anchors = markdownHeadings(read('docs/guide/en/assisted.md')).map((h) => h.anchor);
    expect(anchors).toContain('step-2-generate-discovery-iso');
    expect(anchors).not.toContain('step-9-nothing');
  });

  it('each README links the other from its first line', () => {
    expect(read('README.md').split('\n')[0]).toBe('# SNO Field Kit');
    expect(read('README.md').split('\n')[2]).toContain('(README.zh-CN.md)');
    expect(read('README.zh-CN.md').split('\n')[2]).toContain('(README.md)');
  });
});
