/**
 * In-app help: each wizard step and page names a topic; the topic says which chapter of the
 * technician's guide (docs/guide/<lang>/<chapter>.md, shipped as HTML in the app under
 * guide/<lang>/<chapter>.html) and which heading in it. Anchors are the headings' GitHub anchors
 * (shared/help/anchors.ts); test/unit/docs/help-topics.test.ts checks each one exists.
 */
export type GuideLanguage = 'en' | 'zh-CN';

export const guideChapters = ['index', 'credentials', 'site-visit', 'assisted', 'manual', 'console', 'node-image', 'usb', 'csr-and-ready', 'terminal', 'practice-mode', 'troubleshooting'] as const;
export type GuideChapter = (typeof guideChapters)[number];

export interface HelpTarget {
  chapter: GuideChapter;
  /** heading anchor in that chapter; the chapter's top when empty */
  anchor: string;
}

type Topic = Record<GuideLanguage, HelpTarget>;
const at = (chapter: GuideChapter, en: string, zh: string): Topic => ({ en: { chapter, anchor: en }, 'zh-CN': { chapter, anchor: zh } });

export const helpTopics = {
  'assisted.cluster': at('assisted', 'step-1-cluster-details', '第-1-步集群详情'),
  'assisted.iso': at('assisted', 'step-2-generate-discovery-iso', '第-2-步生成发现-iso'),
  'assisted.download': at('assisted', 'step-3-download-discovery-iso', '第-3-步下载发现-iso'),
  'assisted.hosts': at('assisted', 'step-4-host-discovery', '第-4-步主机发现'),
  'assisted.install': at('assisted', 'step-5-installation', '第-5-步安装'),
  'assisted.finish': at('assisted', 'step-6-finish-join-the-cluster', '第-6-步完成加入集群'),

  'manual.cluster': at('manual', 'step-1-cluster', '第-1-步集群'),
  'manual.workerIgn': at('manual', 'step-2-workerign', '第-2-步workerign'),
  'manual.network': at('manual', 'step-3-host-name-and-network', '第-3-步主机名和网络'),
  'manual.files': at('manual', 'step-4-generated-files', '第-4-步生成的文件'),
  'manual.artifacts': at('manual', 'step-5-rhcos-iso', '第-5-步rhcos-iso'),
  'manual.usb': at('manual', 'step-6-boot-usb', '第-6-步启动-u-盘'),
  'manual.console': at('manual', 'step-7-console-steps', '第-7-步控制台步骤'),
  'manual.join': at('manual', 'step-8-approve-and-join', '第-8-步批准并加入'),

  'console.console': at('console', 'step-1-generate-the-discovery-iso-in-the-console', '第-1-步在控制台生成发现-iso'),
  'console.iso': at('console', 'step-2-write-the-iso-to-a-usb-stick-and-boot-the-machine', '第-2-步将-iso-写入-u-盘并启动机器'),
  'console.install': at('console', 'step-3-install-the-host-from-the-console', '第-3-步在控制台安装主机'),
  'console.join': at('console', 'step-4-approve-csrs-and-check-the-node-is-ready', '第-4-步批准-csr-并检查节点-ready'),

  'nodeimage.cluster': at('node-image', 'step-1-cluster', '第-1-步集群'),
  'nodeimage.host': at('node-image', 'step-2-host-network-and-disk', '第-2-步主机网络和磁盘'),
  'nodeimage.oc': at('node-image', 'step-3-oc-from-the-cluster', '第-3-步来自集群的-oc'),
  'nodeimage.create': at('node-image', 'step-4-make-the-iso', '第-4-步生成-iso'),
  'nodeimage.iso': at('node-image', 'step-5-iso-and-usb-stick', '第-5-步iso-和-u-盘'),
  'nodeimage.join': at('node-image', 'step-6-monitor-and-join', '第-6-步监控并加入'),

  'page.jobs': at('index', '', ''),
  'page.settings': at('credentials', '', ''),
  'page.downloads': at('site-visit', '', ''),
  'page.usb': at('usb', '', ''),
  'page.iso': at('usb', 'inspect-or-reset-an-iso', '检查或重置-iso'),
  'page.cluster': at('csr-and-ready', '', ''),
  'page.preflight': at('csr-and-ready', 'pre-flight-checks', '预检'),
  'page.terminal': at('terminal', '', ''),
  'page.handoff': at('csr-and-ready', 'hand-off-site-report-and-fleet-export', '交接现场报告和集群批量导出'),
  'page.practice': at('practice-mode', '', ''),
  'page.troubleshooting': at('troubleshooting', '', ''),
} as const satisfies Record<string, Topic>;

export type HelpTopic = keyof typeof helpTopics;

/** Where the app serves a topic's chapter (relative to the renderer's index.html). */
export function helpChapterUrl(topic: HelpTopic, lang: GuideLanguage): { url: string; anchor: string } {
  const target = helpTopics[topic][lang];
  return { url: `guide/${lang}/${target.chapter}.html`, anchor: target.anchor };
}
