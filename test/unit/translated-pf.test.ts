import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translate } from '../../shared/i18n';

/** Components whose built-in English PatternFly words renderer/components/pf/translated.tsx replaces. */
const WRAPPED = ['Alert', 'AlertActionCloseButton', 'Modal', 'ClipboardCopy', 'LabelGroup', 'HelperTextItem', 'WizardNavItem'];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
}

describe('PatternFly words in the technician language', () => {
  it('no renderer file takes Alert, Modal, ClipboardCopy or LabelGroup straight from PatternFly', () => {
    const offenders = files('renderer')
      .filter((f) => !f.endsWith(join('pf', 'translated.tsx')))
      .flatMap((f) => {
        const imports = [...readFileSync(f, 'utf8').matchAll(/import\s*\{([^}]*)\}\s*from\s*'@patternfly\/react-core'/g)].flatMap((m) => m[1]!.split(',').map((s) => s.trim()));
        return imports.filter((name) => WRAPPED.includes(name)).map((name) => `${f}: ${name}`);
      });
    expect(offenders).toEqual([]);
  });

  it('pre-flight resource checks name the resource in the UI language, not the check id', () => {
    const params = { what: 'memory', value: 4, minimum: 8, unit: 'GiB' };
    expect(translate('zh-CN', 'cluster.preflight.results.resLow', params)).toBe('内存：4 GiB 低于最低要求 8 GiB');
    expect(translate('en', 'cluster.preflight.results.resOk', { ...params, what: 'disk', value: 120, minimum: 100, unit: 'GB' })).toBe('Disk: 120 GB (minimum 100)');
  });
});
