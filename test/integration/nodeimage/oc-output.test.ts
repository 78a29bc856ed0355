import { describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOcProcess } from '../../../electron/services/nodeimage/oc-process';

/**
 * What oc prints reaches the job's log and the UI line by line, redacted. A real process writes
 * the output in separate writes (a fifo orders them), so the chunk boundaries are real.
 */
describe('oc output handling', () => {
  it('redacts a token split across two writes, and hands on a line with no end in bounded pieces', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sfk-oc-out-'));
    const token = 'sha256~Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAbCdEf';
    const script = join(dir, 'oc');
    // Half the token, then (after the first write is surely read: a second process step) the rest;
    // then 200 KiB without a line break, then one ordinary line.
    writeFileSync(
      script,
      [
        '#!/bin/sh',
        `printf 'Using token ${token.slice(0, 20)}'`,
        'sleep 0.2',
        `printf '${token.slice(20)} for the node-joiner\\n'`,
        "head -c 204800 /dev/zero | tr '\\0' 'x'",
        "printf '\\nINFO[0001] done\\n'",
      ].join('\n'),
    );
    chmodSync(script, 0o755);
    const lines: string[] = [];
    const oc = await startOcProcess({ ocPath: script, args: [], cwd: dir, env: { PATH: process.env.PATH ?? '' }, onLine: (l) => lines.push(l), logFile: join(dir, 'logs', 'oc.log') });
    const exit = await oc.done;
    expect(exit.code).toBe(0);
    const all = lines.join('\n');
    expect(all).toContain('Using token sha256~[REDACTED] for the node-joiner');
    expect(all).not.toContain(token.slice(20));
    expect(readFileSync(join(dir, 'logs', 'oc.log'), 'utf8')).not.toContain(token.slice(20));
    // the endless line arrives in pieces of at most 64 KiB, all of it, and the next line after it
    const xs = lines.filter((l) => /^x+$/.test(l));
    expect(Math.max(...xs.map((l) => l.length))).toBeLessThanOrEqual(64 * 1024);
    expect(xs.join('').length).toBe(204800);
    expect(lines.at(-1)).toBe('INFO[0001] done');
  });
});
