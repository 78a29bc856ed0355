import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SessionLogRedactor, cleanLine } from '../../../shared/terminal/session-log';
import { STREAM_HOLD_LIMIT } from '../../../shared/redact-stream';
import { cuts, embed, secretShape, splitAt } from '../../support/secret-shapes';

describe('session log redaction', () => {
  it('removes colours, titles and cursor movement and keeps what was visible', () => {
    expect(cleanLine('\u001b]0;root@node: ~\u0007\u001b[01;32mroot@node\u001b[00m:~# ls')).toBe('root@node:~# ls');
    expect(cleanLine('progress 10%\rprogress 55%\rprogress 100%')).toBe('progress 100%');
    expect(cleanLine('lss\b \b')).toBe('ls');
  });

  it('applies backspaces as the screen does, in linear time', () => {
    expect(cleanLine('passwd\b\bword ok')).toBe('password ok');
    expect(cleanLine('\b\bab\b\b\bc')).toBe('c');
    // Letters then as many backspaces: one pair at a time was quadratic (256 K took about 20 s).
    const line = `${'a'.repeat(2 ** 17)}${'\b'.repeat(2 ** 17 - 2)}kept`;
    const started = performance.now();
    expect(cleanLine(line)).toBe('aakept');
    expect(performance.now() - started).toBeLessThan(2000);
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
    let out = '';
    for (let i = 0; i < 20; i += 1) out += r.push('a'.repeat(10_000));
    // At most the partial-line buffer (16 KB) and the redactor's hold limit (64 KB) wait.
    expect(out.length).toBeGreaterThanOrEqual(200_000 - (16 + STREAM_HOLD_LIMIT / 1024) * 1024);
    expect(out).toMatch(/^a+$/);
    expect((out + r.flush()).replace(/\n$/, '')).toBe('a'.repeat(200_000));
  });

  it('keeps a private key out of the log when the pty delivers it in two reads', () => {
    const r = new SessionLogRedactor();
    const first = r.push('$ cat id_rsa\r\n-----BEGIN RSA PRIVATE KEY-----\r\nMIIEpAIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw\r\n7onLRnrq0');
    const second = r.push('/vzXQpxVRzpOCcVsYNNvRwNsYM0T7IpOtH4TYBnhbLOFzbHTLg\r\n-----END RSA PRIVATE KEY-----\r\n\u001b[01;32m$\u001b[0m ');
    expect(first).toBe('$ cat id_rsa\n');
    expect(second).toBe('-----BEGIN RSA PRIVATE KEY-----\n[REDACTED-PRIVATE-KEY]\n-----END RSA PRIVATE KEY-----\n');
    expect(r.flush()).toBe('$ \n');
  });

  it('never writes a generated secret, whatever the pty reads and the terminal decoration', () => {
    // Printable text around the secret, as a shell prints it: CR LF line ends, colours around words.
    // eslint-disable-next-line no-control-regex
    const printable = fc.string({ maxLength: 30 }).map((s) => s.replace(/[\u0000-\u001f\u007f]/g, ''));
    const decorate = (text: string, colour: boolean) => (colour ? `\u001b[1;31m${text}\u001b[0m` : text).replace(/\n/g, '\r\n');
    fc.assert(
      fc.property(printable, secretShape, printable, cuts, fc.boolean(), (before, shape, after, at, colour) => {
        const raw = decorate(embed(before, shape, after), colour);
        const r = new SessionLogRedactor();
        const out =
          splitAt(raw, at)
            .map((p) => r.push(p))
            .join('') + r.flush();
        for (const secret of shape.secrets) expect(out).not.toContain(secret);
        const whole = new SessionLogRedactor();
        expect(out).toBe(whole.push(raw) + whole.flush());
      }),
      { numRuns: 300 },
    );
  });
});
