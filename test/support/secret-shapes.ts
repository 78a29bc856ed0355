import fc from 'fast-check';

/**
 * fast-check generators for the secrets issue #13 lists, each as the text that carries it and the
 * parts that must never survive redaction. The secret parts are long random strings, so finding
 * one in the output means it leaked (it cannot appear in the surrounding text by chance).
 */
export interface SecretShape {
  kind: string;
  /** The text as a program would print it */
  text: string;
  /** Substrings that must not appear in redacted output */
  secrets: string[];
  /** Whether the shape is a whole line (or lines) rather than a few words inside a line */
  block: boolean;
}

const b64Line = fc.stringMatching(/^[A-Za-z0-9+/]{16,64}$/);
const b64Value = fc.stringMatching(/^[A-Za-z0-9+/]{20,90}={0,2}$/);
const sha256Token = fc.stringMatching(/^[A-Za-z0-9_-]{20,43}$/).map((v) => `sha256~${v}`);
const word = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._~-]{11,31}$/);
const label = fc.constantFrom('', 'RSA ', 'EC ', 'DSA ', 'OPENSSH ', 'ENCRYPTED ');

const pem = fc
  .record({ label, lines: fc.array(b64Line, { minLength: 1, maxLength: 6 }), form: fc.constantFrom('lines', 'json', 'truncated', 'encrypted') })
  .map(({ label: l, lines, form }): SecretShape => {
    const begin = `-----BEGIN ${l}PRIVATE KEY-----`;
    const end = `-----END ${l}PRIVATE KEY-----`;
    if (form === 'json') return { kind: 'pem-json', text: `{"key":"${[begin, ...lines, end].join('\\n')}\\n"}`, secrets: lines, block: true };
    if (form === 'truncated') return { kind: 'pem-truncated', text: [begin, ...lines].join('\n'), secrets: lines, block: true };
    const headers = form === 'encrypted' ? ['Proc-Type: 4,ENCRYPTED', 'DEK-Info: AES-128-CBC,3F1A2B4C5D6E7F8091A2B3C4D5E6F708', ''] : [];
    return { kind: 'pem', text: [begin, ...headers, ...lines, end].join('\n'), secrets: lines, block: true };
  });

const kubeconfig = fc
  .record({
    key: fc.constantFrom('client-key-data', 'client-certificate-data', 'token'),
    value: fc.oneof(b64Value, sha256Token),
    indent: fc.constantFrom('', '    ', '\t'),
    quote: fc.constantFrom('', '"'),
  })
  .map(({ key, value, indent, quote }): SecretShape => ({ kind: `kubeconfig-${key}`, text: `${indent}${key}: ${quote}${value}${quote}`, secrets: [value], block: true }));

const bareToken = sha256Token.map((t): SecretShape => ({ kind: 'sha256', text: t, secrets: [t.slice('sha256~'.length)], block: false }));

const tokenFlag = fc
  .record({ value: fc.oneof(sha256Token, word), sep: fc.constantFrom('=', ' ', '  '), cmd: fc.constantFrom('oc login', 'kubectl --server=https://api.sno.lab:6443', 'oc whoami') })
  .map(({ value, sep, cmd }): SecretShape => ({ kind: 'token-flag', text: `${cmd} --token${sep}${value}`, secrets: [value.replace(/^sha256~/, '')], block: false }));

const password = fc
  .record({ key: fc.constantFrom('password', 'Password', 'PASSWORD', 'db_password', 'bmc-password'), value: fc.stringMatching(/^[!-~][ -~]{6,30}[!-~]$/) })
  .map(({ key, value }): SecretShape => ({ kind: 'password', text: `${key}: ${value}`, secrets: [value], block: true }));

const urlPassword = fc
  .record({
    scheme: fc.constantFrom('https', 'http', 'ftp', 'git+https'),
    user: fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/),
    pass: word,
    host: fc.constantFrom('mirror.lab', 'quay.io', '10.0.0.5:8443'),
  })
  .map(({ scheme, user, pass, host }): SecretShape => ({ kind: 'url', text: `${scheme}://${user}:${pass}@${host}/v2/`, secrets: [pass], block: false }));

const pullSecretJson = fc.record({ value: b64Value, key: fc.constantFrom('.dockerconfigjson', '.dockercfg', 'auth'), escaped: fc.boolean() }).map(({ value, key, escaped }): SecretShape => {
  const q = escaped ? '\\"' : '"';
  return { kind: `pull-secret-${key}`, text: `{${q}data${q}:{${q}${key}${q}:${q}${value}${q}}}`, secrets: [value], block: false };
});

const loginPassword = fc
  .record({ value: word, cmd: fc.constantFrom('oc login -u kubeadmin', 'podman login -u tech', 'oc login https://api.sno.lab:6443 -u kubeadmin'), sep: fc.constantFrom(' ', '', '=') })
  .map(({ value, cmd, sep }): SecretShape => ({ kind: 'login-p', text: `${cmd} -p${sep}${value}`, secrets: [value], block: false }));

const curlUser = fc
  .record({ value: word, flag: fc.constantFrom('curl -sk -u ', 'curl -u', 'curl --user ', 'curl -x http://proxy:3128 -U ', 'wget --proxy-user=') })
  .map(({ value, flag }): SecretShape => ({ kind: 'curl-user', text: `${flag}admin:${value} https://10.0.0.5/redfish/v1`, secrets: [value], block: false }));

export const secretShape: fc.Arbitrary<SecretShape> = fc.oneof(pem, kubeconfig, bareToken, tokenFlag, password, urlPassword, pullSecretJson, loginPassword, curlUser);

/** Arbitrary text around a secret: printable, any Unicode (control characters included), shell-like. */
export const surrounding: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', '$ ', 'Password:', 'ok\n', 'Tokens: <none>\n', '[sudo] password for tech: ', 'https://api.sno.lab:6443/healthz'),
);

/** Places a shape in text: a block on lines of its own, a single-line shape between words. */
export function embed(before: string, shape: SecretShape, after: string): string {
  return shape.block ? `${before}\n${shape.text}\n${after}` : `${before} ${shape.text} ${after}`;
}

/** Splits text at the given positions (any order, duplicates and out-of-range ones allowed). */
export function splitAt(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const parts: string[] = [];
  let from = 0;
  for (const p of points) {
    parts.push(text.slice(from, p));
    from = p;
  }
  parts.push(text.slice(from));
  return parts;
}

export const cuts = fc.array(fc.nat(), { maxLength: 12 });
