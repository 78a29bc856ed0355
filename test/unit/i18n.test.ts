import { describe, expect, it } from 'vitest';
import { catalogues, translate, pickLanguage, resolveLanguage } from '../../shared/i18n';
import { zhGlossaryProblems } from '../support/zh-glossary';

function keys(tree: unknown, prefix = ''): string[] {
  if (typeof tree === 'string') return [prefix];
  return Object.entries(tree as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

/** Every string of a catalogue with its key, as written (nesting like $t(…) not resolved). */
function raw(tree: unknown, prefix = ''): [string, string][] {
  if (typeof tree === 'string') return [[prefix, tree]];
  return Object.entries(tree as Record<string, unknown>).flatMap(([k, v]) => raw(v, prefix ? `${prefix}.${k}` : k));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]!).sort();
}

describe('i18n catalogues', () => {
  const en = keys(catalogues.en);
  const zh = keys(catalogues['zh-CN']);

  it('zh-CN and en have exactly the same keys', () => {
    expect(zh.filter((k) => !en.includes(k))).toEqual([]);
    expect(en.filter((k) => !zh.includes(k))).toEqual([]);
    expect(en.length).toBeGreaterThan(50);
  });

  it('every translation uses the same placeholders as the English text', () => {
    const mismatched = en.filter((k) => placeholders(translate('en', k)).join() !== placeholders(translate('zh-CN', k)).join());
    expect(mismatched).toEqual([]);
  });

  it('no zh-CN string is left empty or untranslated English prose', () => {
    const suspicious = zh.filter((k) => {
      const text = translate('zh-CN', k);
      return text.trim() === '' || (text.split(' ').length > 4 && !/[\u4e00-\u9fff]/.test(text));
    });
    expect(suspicious).toEqual([]);
  });

  it("zh-CN uses the words of Red Hat's own zh-CN chapter (the glossary) and its punctuation", () => {
    const strings = raw(catalogues['zh-CN']);
    const problems = strings.flatMap(([key, text]) => zhGlossaryProblems(text).map((p) => `${key}: ${p}`));
    expect(problems).toEqual([]);
    // the check itself finds each kind of mistake
    expect(zhGlossaryProblems('添加工作节点')).toHaveLength(1);
    expect(zhGlossaryProblems('添加worker 节点')).toHaveLength(1);
    expect(zhGlossaryProblems('集群: 失败')).toHaveLength(1);
    expect(zhGlossaryProblems('阶段:完成')).toHaveLength(1);
    expect(zhGlossaryProblems('安装中(第 5 步)')).toHaveLength(1);
    expect(zhGlossaryProblems('证书签名请求 (CSR)，用法：oc get csr')).toEqual([]);
  });

  it('a host check is named for what is checked, never for its passing state (only failing and pending checks are listed)', () => {
    const labels = (lang: 'en' | 'zh-CN') => Object.entries(catalogues[lang].assisted.validation).map(([id, v]) => [id, v.label] as const);
    // "NTP 已同步" above a failing check contradicts it; the row's title says "未通过：NTP 同步".
    expect(labels('zh-CN').filter(([, label]) => /已|未|无 |不|有效|唯一$|兼容$/.test(label))).toEqual([]);
    expect(labels('en').filter(([, label]) => /\b(no|not|valid|unique|present|connected|synchroni[sz]ed|in sync|downloadable|compatible)$|^(no|not)\b/i.test(label))).toEqual([]);
    expect(translate('zh-CN', 'assisted.hosts.checkFailed', { check: translate('zh-CN', 'assisted.validation.ntpSynced.label') })).toBe('未通过：NTP 同步');
  });

  it('fills placeholders and falls back to the key for unknown keys', () => {
    expect(translate('en', 'credentials.errors.notEntitled', { reason: 'X' })).toContain(': X.');
    expect(translate('zh-CN', 'credentials.errors.notEntitled', { reason: 'X' })).toContain('X');
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
  });
});

describe('language choice', () => {
  it('follows the OS locale: any Chinese locale is zh-CN, else English', () => {
    expect(pickLanguage(['zh-CN'])).toBe('zh-CN');
    expect(pickLanguage(['zh_TW', 'en-US'])).toBe('zh-CN');
    expect(pickLanguage(['de-DE', 'en-GB'])).toBe('en');
    expect(pickLanguage(['fr-FR'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
  });
  it('an explicit setting wins over the OS', () => {
    expect(resolveLanguage('en', ['zh-CN'])).toBe('en');
    expect(resolveLanguage('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(resolveLanguage('auto', ['zh-Hans-CN'])).toBe('zh-CN');
  });
});
