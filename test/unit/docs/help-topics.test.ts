import { describe, expect, it } from 'vitest';
import { headingAnchor, markdownHeadings } from '../../../shared/help/anchors';
import { helpChapterUrl, helpTopics, type HelpTopic } from '../../../shared/help/topics';
import { markdownToHtml } from '../../../scripts/docs/markdown';
import { read } from './markdown-files';
import { stepIds as assistedSteps } from '../../../renderer/flows/assisted/state';
import { stepIds as manualSteps } from '../../../renderer/flows/manual/state';
import { stepIds as consoleSteps } from '../../../renderer/flows/console/state';
import { stepIds as nodeImageSteps } from '../../../renderer/flows/nodeimage/state';

describe('in-app help topics', () => {
  it('every topic points at an existing heading of its chapter in both languages', () => {
    const missing = Object.entries(helpTopics).flatMap(([topic, targets]) =>
      Object.entries(targets).flatMap(([lang, t]) => {
        if (!t.anchor) return [];
        const anchors = markdownHeadings(read(`docs/guide/${lang}/${t.chapter}.md`)).map((h) => h.anchor);
        return anchors.includes(t.anchor) ? [] : [`${topic} ${lang}: ${t.chapter}#${t.anchor}`];
      }),
    );
    expect(missing).toEqual([]);
  });

  it('every wizard step of every path has a topic, named by the step id the flow uses, and no topic is left over', () => {
    const flows = { assisted: assistedSteps, manual: manualSteps, console: consoleSteps, nodeimage: nodeImageSteps };
    for (const [kind, ids] of Object.entries(flows)) {
      const topics = Object.keys(helpTopics).filter((k) => k.startsWith(`${kind}.`));
      expect(topics.sort()).toEqual(ids.map((id) => `${kind}.${id}`).sort());
    }
  });

  it('makes anchors as GitHub does, Chinese included', () => {
    expect(headingAnchor('Step 2: worker.ign')).toBe('step-2-workerign');
    expect(headingAnchor('第 6 步：完成：加入集群')).toBe('第-6-步完成加入集群');
    expect(markdownHeadings('# A\n## B\n```\n# not a heading\n```\n## B').map((h) => h.anchor)).toEqual(['a', 'b', 'b-1']);
    expect(helpChapterUrl('manual.network' as HelpTopic, 'zh-CN')).toEqual({ url: 'guide/zh-CN/manual.html', anchor: '第-3-步主机名和网络' });
  });

  it('the shipped HTML has the anchors, the app-relative images and no raw HTML from the source', () => {
    const html = markdownToHtml(read('docs/guide/en/assisted.md'), { link: (h) => h.replace(/\.md/, '.html'), image: (s) => `guide/en/${s}` });
    expect(html).toContain('<h2 id="step-4-host-discovery">');
    expect(html).toContain('src="guide/en/images/assisted-cluster.png"');
    expect(html).toContain('href="troubleshooting.html#host-validations-assisted-installer"');
    const hostile = markdownToHtml('Hello <script>alert(1)</script> [x](javascript:alert(1))', { link: (h) => h, image: (s) => s });
    expect(hostile).not.toContain('<script>');
    expect(hostile).toContain('&lt;script&gt;');
  });
});
