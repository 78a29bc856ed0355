import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { guideChapters, type GuideLanguage } from '../../shared/help/topics';
import { markdownToHtml } from './markdown';

/**
 * The technician's guide shipped with the app: each chapter of docs/guide/<lang>/ as an HTML
 * fragment at guide/<lang>/<chapter>.html next to the renderer's index.html, with its images at
 * guide/<lang>/images/. The in-app help (renderer/components/HelpLink.tsx) loads these, so help
 * works offline and the same way under Electron's app:// protocol and the browser host.
 */
export interface GuideFile {
  fileName: string;
  source: string | Uint8Array;
}

const LANGS: GuideLanguage[] = ['en', 'zh-CN'];

export function guideFiles(guideDir: string): GuideFile[] {
  const files: GuideFile[] = [];
  for (const lang of LANGS) {
    const base = `guide/${lang}`;
    for (const chapter of guideChapters) {
      const md = readFileSync(join(guideDir, lang, `${chapter}.md`), 'utf8');
      const html = markdownToHtml(md, {
        // another chapter of the guide: its shipped page; anything else is left for the help view to refuse
        link: (href) => href.replace(/^([\w-]+)\.md(#|$)/, '$1.html$2'),
        image: (src) => (src.startsWith('images/') ? `${base}/${src}` : src),
      });
      files.push({ fileName: `${base}/${chapter}.html`, source: html });
    }
    const images = join(guideDir, lang, 'images');
    for (const name of existsSync(images) ? readdirSync(images).filter((n) => n.endsWith('.png')) : []) {
      files.push({ fileName: `${base}/images/${name}`, source: readFileSync(join(images, name)) });
    }
  }
  return files;
}

/** Vite plugin: adds the guide to the renderer build (dist/renderer/guide/…). */
export function guidePlugin(guideDir: string): Plugin {
  return {
    name: 'sfk-guide',
    apply: 'build',
    generateBundle() {
      for (const file of guideFiles(guideDir)) this.emitFile({ type: 'asset', fileName: file.fileName, source: file.source });
    },
  };
}
