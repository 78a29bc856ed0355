import { AppError, type ErrorParams } from '../api/errors';
import { locateJsonError, type JsonErrorKind } from './json-error';

/**
 * One way to report a file that does not parse, for every file the technician hands us (worker.ign,
 * kubeconfig, pull secret, nmstate YAML, CSR files, stream metadata, settings): the file, the line
 * and column, and the kind of problem, in en and zh-CN (i18n `common.parse.<kind>`), and never a
 * word of the content. Node's JSON and YAML errors quote the text around the error, and that text
 * may be a password hash (`/etc/shadow` picked by mistake), a token or a key.
 */
export type ParseFormat = 'JSON' | 'YAML';
export type ParseKind = JsonErrorKind | 'badIndent' | 'tabIndent' | 'duplicateKey' | 'unterminated' | 'multipleDocuments';

export interface ParseProblem {
  /** The file as the technician named it (or what the text is, e.g. "stdin") */
  file: string;
  format: ParseFormat;
  kind: ParseKind;
  /** 1-based */
  line: number;
  /** 1-based, in characters */
  column: number;
}

/** An AppError about a file that does not parse; `code` picks a message with advice for that file. */
export class ParseError extends AppError {
  constructor(
    readonly problem: ParseProblem,
    code = 'common.parseFailed',
    extra: ErrorParams = {},
  ) {
    super(code, { ...extra, ...parseProblemParams(problem) });
  }
}

/** The params every parse message uses: {{file}}, {{format}}, {{kind}}, {{line}}, {{column}}. */
export function parseProblemParams(problem: ParseProblem): ErrorParams {
  return { file: problem.file, format: problem.format, kind: problem.kind, line: problem.line, column: problem.column };
}

export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Why `text` is not JSON (call after JSON.parse refused it). */
export function jsonProblem(text: string, file: string): ParseProblem {
  const spot = locateJsonError(text) ?? { kind: 'syntax' as const, offset: 0 };
  return { file, format: 'JSON', kind: spot.kind, ...positionOf(text, spot.offset) };
}

/** JSON.parse, throwing a ParseError (never the engine's message) when the text is not JSON. */
export function parseJson(text: string, file: string, code?: string, extra?: ErrorParams): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ParseError(jsonProblem(text, file), code, extra);
  }
}

// `yaml` package error codes (YAMLError.code) -> our kinds
const YAML_KINDS: Record<string, ParseKind> = {
  BAD_INDENT: 'badIndent',
  BLOCK_AS_IMPLICIT_KEY: 'badIndent',
  MULTILINE_IMPLICIT_KEY: 'badIndent',
  BLOCK_IN_FLOW: 'badIndent',
  TAB_AS_INDENT: 'tabIndent',
  DUPLICATE_KEY: 'duplicateKey',
  MISSING_CHAR: 'unterminated',
  BAD_DQ_ESCAPE: 'badString',
  UNEXPECTED_TOKEN: 'unexpectedCharacter',
  BAD_SCALAR_START: 'unexpectedCharacter',
  MULTIPLE_DOCS: 'multipleDocuments',
};

// js-yaml (inside @kubernetes/client-node) reasons -> our kinds
const JS_YAML_KINDS: [RegExp, ParseKind][] = [
  [/tab characters/i, 'tabIndent'],
  [/indentation|indented/i, 'badIndent'],
  [/duplicated mapping key/i, 'duplicateKey'],
  [/missed comma|unexpected end of the stream within a (?:single|double) quoted scalar|flow collection/i, 'unterminated'],
  [/unexpected end of the stream/i, 'unexpectedEnd'],
  [/expected a single document/i, 'multipleDocuments'],
  [/escape/i, 'badString'],
];

/**
 * The problem described by an error from the `yaml` package (code, linePos) or from js-yaml
 * (YAMLException: reason, 0-based mark); undefined for anything else. Only the code, the position
 * and a few fixed words of the reason are read, never the message (it quotes the text).
 */
export function yamlProblem(err: unknown, file: string): ParseProblem | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const e = err as { code?: unknown; linePos?: { line: number; col: number }[]; name?: unknown; reason?: unknown; mark?: { line?: number; column?: number } };
  if (typeof e.code === 'string' && Array.isArray(e.linePos)) {
    const at = e.linePos[0] ?? { line: 1, col: 1 };
    return { file, format: 'YAML', kind: YAML_KINDS[e.code] ?? 'syntax', line: at.line, column: at.col };
  }
  if (e.name === 'YAMLException' && e.mark) {
    const reason = typeof e.reason === 'string' ? e.reason : '';
    const kind = JS_YAML_KINDS.find(([pattern]) => pattern.test(reason))?.[1] ?? 'syntax';
    return { file, format: 'YAML', kind, line: (e.mark.line ?? 0) + 1, column: (e.mark.column ?? 0) + 1 };
  }
  return undefined;
}
