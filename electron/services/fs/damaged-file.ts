import { readFile, readdir, rename } from 'node:fs/promises';
import { readFileSync, readdirSync, renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { FileProblem } from '../../../shared/api/domains/damaged-file';
import { jsonProblem } from '../../../shared/parse/parse-problem';

/**
 * The one place that decides whether a saved JSON file is usable, and the one way a damaged file
 * is kept: moved aside next to the original, untouched, under a name that says when.
 */
export type Inspection<T> = { state: 'ok'; value: T; text: string } | { state: 'damaged'; problem: FileProblem; detail?: string };

export function inspectText<T>(text: string, schema: z.ZodType<T>): Inspection<T> {
  // A power cut can leave a file of zeros rather than an empty one.
  if (text.replace(/[\s\0]/g, '') === '') return { state: 'damaged', problem: 'empty' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // Never the engine's message: it quotes the file (issue #13.9). Position and kind only.
    const at = jsonProblem(text, 'file');
    return { state: 'damaged', problem: 'notJson', detail: `line ${at.line}, column ${at.column}: ${at.kind}` };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { state: 'damaged', problem: 'invalid', detail: `${issue?.path.join('.') || '(top level)'}: ${issue?.message ?? 'invalid'}`.slice(0, 200) };
  }
  return { state: 'ok', value: parsed.data, text };
}

export async function inspectFile<T>(path: string, schema: z.ZodType<T>): Promise<Inspection<T>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    return readFailure(err);
  }
  return inspectText(text, schema);
}

export function inspectFileSync<T>(path: string, schema: z.ZodType<T>): Inspection<T> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return readFailure(err);
  }
  return inspectText(text, schema);
}

function readFailure(err: unknown): Inspection<never> {
  const code = (err as NodeJS.ErrnoException).code ?? String(err);
  return code === 'ENOENT' ? { state: 'damaged', problem: 'missing' } : { state: 'damaged', problem: 'unreadable', detail: code };
}

const KEPT_MARK = '.damaged-';

/** `job.json` -> `job.json.damaged-2026-11-28T08-00-00-000Z-3f9a1c`: sorts by time, never overwrites. */
export function keptAsideName(path: string, now: number): string {
  return `${path}${KEPT_MARK}${new Date(now).toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`;
}

/** Moves a damaged file aside; resolves to where it went, or undefined when it was already gone. */
export async function keepAside(path: string, now: number): Promise<string | undefined> {
  const target = keptAsideName(path, now);
  try {
    await rename(path, target);
    return target;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

export function keepAsideSync(path: string, now: number): string | undefined {
  const target = keptAsideName(path, now);
  try {
    renameSync(path, target);
    return target;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** The newest copy of `path` kept aside, including `.corrupt-<ms>` copies from earlier versions. */
export async function latestKeptAside(path: string): Promise<string | undefined> {
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  return newest(path, names);
}

export function latestKeptAsideSync(path: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return undefined;
  }
  return newest(path, names);
}

function newest(path: string, names: string[]): string | undefined {
  const base = basename(path);
  const stamp = (name: string) => {
    const rest = name.slice(base.length);
    if (rest.startsWith(KEPT_MARK)) return rest.slice(KEPT_MARK.length);
    // Older versions renamed to `<file>.corrupt-<epoch ms>`; as an ISO stamp it sorts with the new names.
    const legacy = /^\.corrupt-(\d{10,})$/.exec(rest);
    return legacy ? new Date(Number(legacy[1])).toISOString().replace(/[:.]/g, '-') : undefined;
  };
  const kept = names.filter((n) => n.startsWith(base) && stamp(n) !== undefined).sort((a, b) => stamp(a)!.localeCompare(stamp(b)!));
  return kept.length ? join(dirname(path), kept.at(-1)!) : undefined;
}
