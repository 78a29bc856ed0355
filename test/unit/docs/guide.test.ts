import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownHeadings } from '../../../shared/help/anchors';
import { guideChapters } from '../../../shared/help/topics';
import { links, read, repoRoot } from './markdown-files';
import { zhGlossaryProblems } from '../../support/zh-glossary';

const LANGS = ['en', 'zh-CN'] as const;
const chapterFiles = (lang: string) =>
  readdirSync(join(repoRoot, 'docs', 'guide', lang))
    .filter((f) => f.endsWith('.md'))
    .sort();

describe("the technician's guide", () => {
  it('has the same chapters in en and zh-CN, the ones the in-app help ships', () => {
    expect(chapterFiles('zh-CN')).toEqual(chapterFiles('en'));
    expect(chapterFiles('en')).toEqual(guideChapters.map((c) => `${c}.md`).sort());
  });

  it('each chapter has the same heading structure in both languages (count and levels)', () => {
    const differing = guideChapters.filter((c) => {
      const levels = (lang: string) =>
        markdownHeadings(read(`docs/guide/${lang}/${c}.md`))
          .map((h) => h.level)
          .join();
      return levels('en') !== levels('zh-CN');
    });
    expect(differing).toEqual([]);
    expect(markdownHeadings(read('docs/guide/en/manual.md')).length).toBeGreaterThan(8);
  });

  it('every screenshot the guide references exists, and the same ones in each language', () => {
    const images = (lang: string) =>
      guideChapters.flatMap((c) =>
        links(read(`docs/guide/${lang}/${c}.md`))
          .filter((l) => l.image)
          .map((l) => l.target),
      );
    for (const lang of LANGS) {
      const missing = images(lang).filter((src) => !existsSync(join(repoRoot, 'docs', 'guide', lang, src)));
      expect(missing).toEqual([]);
    }
    expect(images('zh-CN').sort()).toEqual(images('en').sort());
    expect(images('en').length).toBeGreaterThan(15);
  });

  it('zh-CN documentation follows the glossary (terms, spacing, punctuation)', () => {
    const files = [...guideChapters.map((c) => `docs/guide/zh-CN/${c}.md`), 'README.zh-CN.md'];
    const problems = files.flatMap((f) =>
      read(f)
        .replace(/```[\s\S]*?```/g, '')
        .split('\n')
        .flatMap((line, i) => zhGlossaryProblems(line).map((p) => `${f}:${i + 1}: ${p}`)),
    );
    expect(problems).toEqual([]);
  });
});
