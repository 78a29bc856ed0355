/**
 * The part of the team zh-CN glossary a test can enforce, shared by the catalogue test
 * (test/unit/i18n.test.ts) and the documentation test (test/unit/docs/glossary.test.ts).
 */

/** Term that Red Hat's zh-CN documentation never uses -> the term it does use. */
export const zhAvoid: Record<string, string> = {
  工作节点: 'worker 节点',
  拉取密钥: 'pull secret',
  作业: '任务 (作业 is the Kubernetes Job object)',
  控制平面: 'control-plane 节点',
};

/** The glossary's problems in one Chinese text: wrong terms, missing spaces, ASCII punctuation after Chinese. */
export function zhGlossaryProblems(text: string): string[] {
  const problems = Object.keys(zhAvoid)
    .filter((w) => text.includes(w))
    .map((w) => `${w} -> ${zhAvoid[w]}`);
  // One space between Chinese and the English terms the manual keeps.
  if (/\p{Script=Han}(?:worker|pull secret|control-plane)|(?:pull secret)\p{Script=Han}/u.test(text)) problems.push('no space between Chinese and worker / pull secret / control-plane');
  // Full-width punctuation after Chinese ("阶段：完成", "（第 5 步）"); the glossary's "证书签名请求 (CSR)" keeps its space.
  if (/\p{Script=Han}[:;,!?(]/u.test(text)) problems.push('ASCII punctuation after Chinese');
  return problems;
}
