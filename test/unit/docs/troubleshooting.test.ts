import { describe, expect, it } from 'vitest';
import { BEGIN, END, generatedRegion, withGeneratedRegion } from '../../../scripts/docs/troubleshooting';
import { explainedValidationIds } from '../../../shared/assisted/validations';
import { preflightFailures } from '../../../shared/cluster/preflight-failures';
import { translate } from '../../../shared/i18n';
import { read } from './markdown-files';

describe('generated troubleshooting tables', () => {
  for (const lang of ['en', 'zh-CN'] as const) {
    it(`the committed ${lang} chapter equals what scripts/docs/troubleshooting.ts generates`, () => {
      const committed = read(`docs/guide/${lang}/troubleshooting.md`);
      expect(committed).toContain(BEGIN);
      expect(withGeneratedRegion(committed, lang)).toBe(committed);
    });
  }

  it("lists every explained validation and every pre-flight failure with the catalogue's fix", () => {
    const region = generatedRegion('zh-CN');
    for (const id of explainedValidationIds) expect(region).toContain(`(\`${id}\`)`);
    expect(region).toContain(translate('zh-CN', 'assisted.validation.timeSyncedBetweenHostAndService.fix'));
    // the generator only adds code marks around <placeholders>; the words are the catalogue's
    const words = region.replace(/`/g, '');
    for (const f of preflightFailures) expect(words).toContain(translate('zh-CN', `cluster.preflight.fixes.${f.fix}`));
  });

  it('refuses a chapter without the markers rather than writing somewhere else', () => {
    expect(() => withGeneratedRegion('# Troubleshooting\n', 'en')).toThrow(/generated region/);
    expect(withGeneratedRegion(`a\n${BEGIN}\nold\n${END}\nb`, 'en')).toBe(`a\n${generatedRegion('en')}\nb`);
  });

  it('every fix key the pre-flight service uses is in the shared list', () => {
    const service = read('electron/services/cluster/preflight.ts');
    const used = new Set([...service.matchAll(/fixKey: '(\w+)'/g)].map((m) => m[1]));
    const listed = new Set(preflightFailures.map((f) => f.fix));
    expect([...used].filter((k) => !listed.has(k!))).toEqual([]);
    expect(used.size).toBeGreaterThan(5);
  });
});
