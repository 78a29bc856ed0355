import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SessionLogRedactor, cleanLine } from '../../../shared/terminal/session-log';

describe('session log redaction', () => {
  it('removes colours, titles and cursor movement and keeps what was visible', () => {
    expect(cleanLine('\u001b]0;root@node: ~\u0007\u001b[01;32mroot@node\u001b[00m:~# ls')).toBe('root@node:~# ls');
    expect(cleanLine('progress 10%\rprogress 55%\rprogress 100%')).toBe('progress 100%');
    expect(cleanLine('lss\b \b')).toBe('ls');
  });

  it('catches a token split across reads, whatever the split', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZWNoIn0.c2lnbmF0dXJlLWxvbmctZW5vdWdo';
    const stream = `$ echo ok\r\nok\r\n$ curl -H "Authorization: Bearer ${jwt}" https://api/x\r\n{"id":"1"}\r\n$ `;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: stream.length }), { maxLength: 8 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const r = new SessionLogRedactor();
        let out = '';
        let from = 0;
        for (const p of points) {
          out += r.push(stream.slice(from, p));
          from = p;
        }
        out += r.push(stream.slice(from)) + r.flush();
        expect(out).not.toContain('eyJhbGci');
        expect(out).not.toContain('c2lnbmF0');
        expect(out).toContain('Authorization: Bearer [REDACTED]');
        expect(out).toContain('{"id":"1"}\n');
      }),
    );
  });

  it('does not hold an endless line in memory', () => {
    const r = new SessionLogRedactor();
    const first = r.push('a'.repeat(20_000));
    expect(first.length).toBeGreaterThanOrEqual(20_000);
    expect(r.flush()).toBe('');
  });
});
