/**
 * PEM private keys (`-----BEGIN … PRIVATE KEY-----` … `-----END … PRIVATE KEY-----`: PKCS#1/#8,
 * EC, OpenSSH, encrypted) in any text: with real line breaks, with escaped ones (`\n` in JSON,
 * `%0A` in a data URL) or squeezed onto one line with spaces. The body is replaced, the BEGIN and
 * END lines stay so a reader still sees what was there.
 *
 * A block whose END line is missing (truncated output, `head key.pem`, a cut-off error text) is
 * redacted up to where its key material stops, so a partial key never survives either.
 */
const LABEL = '((?:[A-Z0-9]+ )*)PRIVATE KEY';
// Line breaks as they appear raw, JSON-escaped or percent-encoded, and the spaces around them.
const BREAK = String.raw`\r?\n|\\r|\\n|%0[AaDd]|[ \t]`;
// What a key body is made of: base64, line breaks, RFC 1421 headers of encrypted keys, and an
// earlier redaction marker (so redacting twice changes nothing).
// Headers come first: the base64 branch would otherwise take "Proc" and stop at the "-".
// The marker is matched with a bounded length: "[REDACTED" without its "]", repeated after many
// BEGIN lines, made every block scan to the end of the line (a 1 MB line took 20 s).
const MARKER = String.raw`\[REDACTED[A-Z-]{0,24}\]`;
const BODY = String.raw`(?:(?:Proc-Type|DEK-Info|Comment):[^\r\n\\]*|${MARKER}|[A-Za-z0-9+/=]+|${BREAK})*`;
const BLOCK = new RegExp(`-----BEGIN ${LABEL}-----(${BODY})(-----END \\1PRIVATE KEY-----)?`, 'g');
const LEADING_BREAKS = new RegExp(`^(?:${BREAK})*`);
const ONE_TRAILING_BREAK = new RegExp(`(?:${BREAK})$`);

export const PRIVATE_KEY_MARKER = '[REDACTED-PRIVATE-KEY]';

export function redactPrivateKeys(text: string): string {
  if (!text.includes('-----BEGIN ')) return text;
  return text.replace(BLOCK, (whole, label: string, body: string, end: string | undefined) => {
    // Nothing but line breaks (or an earlier marker) between the markers: no key material to hide.
    const material = body.replace(new RegExp(MARKER, 'g'), '').replace(/\\[rn]|%0[AaDd]/g, ' ');
    if (!/[A-Za-z0-9+/=]/.test(material)) return whole;
    // Without an END line, only a real key line (64 base64 characters, or a long cut-off piece of
    // one) is key material: "expected -----BEGIN PRIVATE KEY----- here" stays as it is.
    if (end === undefined && !/[A-Za-z0-9+/=]{16,}/.test(material)) return whole;
    const lead = LEADING_BREAKS.exec(body)?.[0] ?? '';
    const trail = trailingBreaks(body.slice(lead.length));
    return `-----BEGIN ${label}PRIVATE KEY-----${lead}${PRIVATE_KEY_MARKER}${trail}${end ?? ''}`;
  });
}

/** The line breaks and spaces a body ends with (a backwards scan: a `(…)*$` regex is quadratic). */
function trailingBreaks(body: string): string {
  let end = body.length;
  for (;;) {
    const m = ONE_TRAILING_BREAK.exec(body.slice(Math.max(0, end - 3), end));
    if (!m) return body.slice(end);
    end -= m[0].length;
  }
}

/**
 * Where a key block starts that may still go on after `text` ends, with its BEGIN line; undefined
 * when there is none. Open means: no END line yet, and nothing but key material after the BEGIN
 * line except on the unfinished last line (which may be the start of a header or the END line).
 * A stream holds such a block back until it is complete.
 */
export function openPrivateKey(text: string): { start: number; begin: string } | undefined {
  if (!text.includes('-----BEGIN ')) return undefined;
  let open: { start: number; begin: string } | undefined;
  for (const m of text.matchAll(BLOCK)) {
    if (m[3] === undefined && !text.includes('\n', m.index + m[0].length)) open = { start: m.index, begin: `-----BEGIN ${m[1] ?? ''}PRIVATE KEY-----` };
  }
  return open;
}
