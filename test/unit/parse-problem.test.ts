import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { locateJsonError } from '../../shared/parse/json-error';
import { jsonProblem, ParseError, parseJson, yamlProblem } from '../../shared/parse/parse-problem';
import { translate } from '../../shared/i18n/translate';

describe('JSON problems: where and what, never the text', () => {
  it.each([
    ['', 'empty', 1, 1],
    ['  \n ', 'empty', 1, 1],
    ['\uFEFF{"a":1}', 'byteOrderMark', 1, 1],
    ['{"a":\u0000}', 'notText', 1, 6],
    ['root:$6$saltsalt$hash:19000:0:99999:7:::\n', 'unexpectedCharacter', 1, 1],
    ['{\n  "ignition": {\n    "version": "3.2.0"\n', 'unexpectedEnd', 4, 1],
    ['{"a": "line\nbreak"}', 'badString', 1, 12],
    ['{"a": "\\x"}', 'badString', 1, 9],
    ['{"a": -}', 'badNumber', 1, 8],
    ['{"a": 1.}', 'badNumber', 1, 9],
    ['{"a": 1} {"b": 2}', 'trailingContent', 1, 10],
    ['{"a": 1,}', 'unexpectedCharacter', 1, 9],
    ["{'a': 1}", 'unexpectedCharacter', 1, 2],
    ['[1, 2\n, tru]', 'unexpectedCharacter', 2, 6],
  ] as const)('%j: %s at %i:%i', (text, kind, line, column) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonProblem(text, 'f.json')).toEqual({ file: 'f.json', format: 'JSON', kind, line, column });
  });

  it('handles very deep nesting without overflowing the stack', () => {
    expect(locateJsonError('['.repeat(200_000))).toEqual({ kind: 'unexpectedEnd', offset: 200_000 });
    expect(locateJsonError(`${'['.repeat(200_000)}${']'.repeat(200_000)}`)).toBeUndefined();
  });

  it('agrees with JSON.parse on what is JSON, and on the position wherever V8 names one', () => {
    // Valid JSON with one character inserted, deleted or replaced somewhere.
    const mutated = fc.tuple(fc.json(), fc.nat(), fc.constantFrom('insert', 'delete', 'replace'), fc.constantFrom(...'{}[],:"\\ 0-1.eEtfnx\n\u0001'.split(''))).map(([text, at, how, ch]) => {
      const i = at % (text.length + 1);
      if (how === 'insert') return text.slice(0, i) + ch + text.slice(i);
      if (how === 'delete') return text.slice(0, i) + text.slice(i + 1);
      return text.slice(0, i) + ch + text.slice(i + 1);
    });
    fc.assert(
      fc.property(mutated, (text) => {
        let v8: string | undefined;
        try {
          JSON.parse(text);
        } catch (err) {
          v8 = (err as Error).message;
        }
        const spot = locateJsonError(text);
        expect(spot === undefined).toBe(v8 === undefined);
        const position = v8 && /at position (\d+)/.exec(v8);
        if (position && spot) expect(spot.offset).toBe(Number(position[1]));
      }),
      { numRuns: 500 },
    );
  });

  it('never puts a word of the file into the message, in either language', () => {
    const secret = fc.stringMatching(/^[A-Za-z0-9$./]{12,30}$/);
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), secret, fc.string({ maxLength: 20 }), (before, s, after) => {
        const text = `${before}${s}${after}`;
        fc.pre(
          (() => {
            try {
              JSON.parse(text);
              return false;
            } catch {
              return true;
            }
          })(),
        );
        let caught: unknown;
        try {
          parseJson(text, '/home/tech/worker.ign', 'manual.workerIgnNotJson', { origin: '/home/tech/worker.ign' });
        } catch (err) {
          caught = err;
        }
        expect(caught).toBeInstanceOf(ParseError);
        const err = caught as ParseError;
        for (const message of [err.message, err.localized('zh-CN'), JSON.stringify(err.toWire())]) expect(message).not.toContain(s.slice(0, 8));
      }),
      { numRuns: 200 },
    );
  });
});

describe('YAML problems', () => {
  const problemOf = (text: string) => {
    try {
      parseYaml(text);
    } catch (err) {
      return yamlProblem(err, 'nmstate.yaml');
    }
    return undefined;
  };

  it('reads the yaml package error code and position, not its message', () => {
    expect(problemOf('interfaces:\n- name: eth0\n  password: hunter2-secret\n bad: [')).toMatchObject({ file: 'nmstate.yaml', format: 'YAML', line: 4, column: 1 });
    expect(problemOf('a: 1\na: 2\n')).toMatchObject({ kind: 'duplicateKey', line: 2, column: 1 });
    expect(problemOf('a: "open\n')).toMatchObject({ kind: 'unterminated' });
    expect(yamlProblem(new Error('x'), 'f')).toBeUndefined();
  });

  it('maps js-yaml exceptions (kubeconfig) from their 0-based mark', () => {
    const jsYaml = (reason: string) => Object.assign(new Error(`${reason} (3:5)\n\n 3 | token: sha256~secret`), { name: 'YAMLException', reason, mark: { line: 2, column: 4 } });
    expect(yamlProblem(jsYaml('bad indentation of a mapping entry'), 'kc')).toEqual({ file: 'kc', format: 'YAML', kind: 'badIndent', line: 3, column: 5 });
    expect(yamlProblem(jsYaml('tab characters must not be used in indentation'), 'kc')?.kind).toBe('tabIndent');
    expect(yamlProblem(jsYaml('duplicated mapping key'), 'kc')?.kind).toBe('duplicateKey');
    expect(yamlProblem(jsYaml('unidentified alias "sha256~secret"'), 'kc')?.kind).toBe('syntax');
  });
});

describe('messages', () => {
  it('nest the kind into the file’s own message, in en and zh-CN', () => {
    const params = { origin: '/etc/shadow', kind: 'unexpectedCharacter', line: 1, column: 1 };
    expect(translate('en', 'manual.errors.workerIgnNotJson', params)).toBe(
      'worker.ign from /etc/shadow is not valid JSON: unexpected character at line 1, column 1. Extract it again; the file may be truncated or not a worker.ign at all.',
    );
    expect(translate('zh-CN', 'manual.errors.workerIgnNotJson', params)).toBe(
      '来自 /etc/shadow 的 worker.ign 不是有效的 JSON：第 1 行第 1 列有意外的字符。请重新导出；文件可能被截断，或者根本不是 worker.ign。',
    );
  });

  it('never read a param value as a nesting', () => {
    expect(translate('en', 'common.errors.parseFailed', { file: '$t(common.cancel)', format: 'JSON', kind: 'empty' })).toBe(
      '$t(common.cancel) is not valid JSON: the file is empty. Check that you picked the right file and that it is complete.',
    );
  });
});
