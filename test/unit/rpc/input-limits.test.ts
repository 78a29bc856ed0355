import { describe, expect, it } from 'vitest';
import { checkInputSize, INPUT_LIMITS } from '../../../electron/rpc/input-limits';
import { startTestBackend } from '../../support/backend';

describe('input size limits (before any schema runs)', () => {
  it('accepts what the UI sends', () => {
    expect(checkInputSize(undefined)).toBeNull();
    expect(checkInputSize({ id: '2026-11-28-abcdef12', data: { console: { done: ['a', 'b'], hostName: 'w1' } } })).toBeNull();
    expect(checkInputSize(Array.from({ length: INPUT_LIMITS.values - 1 }, () => 1))).toBeNull();
  });

  it('refuses too many values, too much depth, and a cycle (Electron IPC can carry one)', () => {
    expect(checkInputSize(Array.from({ length: INPUT_LIMITS.values }, () => 1))).toBe('tooManyValues');
    let deep: unknown = 1;
    for (let i = 0; i <= INPUT_LIMITS.depth; i++) deep = [deep];
    expect(checkInputSize(deep)).toBe('tooDeep');
    let veryDeep: unknown = 1;
    for (let i = 0; i < 1_000_000; i++) veryDeep = { a: veryDeep };
    expect(checkInputSize(veryDeep)).toBe('tooDeep');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(checkInputSize(cyclic)).not.toBeNull();
  });

  it('makes the dispatcher answer with a coded error, and caps the issue list of a schema failure', async () => {
    const { backend } = await startTestBackend();
    try {
      const big = await backend.dispatch('jobs.update', { id: 'abcdef', data: { x: Array.from({ length: 30_000 }, () => 1) } }, { transport: 'memory' });
      expect(big).toMatchObject({ ok: false, error: { code: 'common.inputTooLarge', params: { values: INPUT_LIMITS.values, depth: INPUT_LIMITS.depth } } });
      const wrong = await backend.dispatch('assisted.saveInfraEnv', { jobId: 'abcdef', pullSecretPath: 'p', macInterfaceMap: Array.from({ length: 500 }, () => 1) }, { transport: 'memory' });
      expect(wrong.ok).toBe(false);
      if (!wrong.ok) {
        expect(wrong.error.code).toBe('common.invalidInput');
        const issues = String(wrong.error.params?.issues);
        expect(issues.split('; ')).toHaveLength(11);
        expect(issues).toMatch(/; … 49\d more$/);
      }
    } finally {
      await backend.dispose();
    }
  });
});
