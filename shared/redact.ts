import { redactPrivateKeys } from './redact-private-key';

/**
 * The one function that removes secrets from text before it is logged, shown in an error, saved
 * with a job (audit entries) or written to a terminal session log:
 * - PEM private key blocks (shared/redact-private-key.ts);
 * - Authorization headers, bearer tokens, JWTs (offline, access, image and service-account tokens);
 * - OpenShift `sha256~…` tokens wherever they stand;
 * - `--token=…`, `--token …`, `--password …` command-line values;
 * - `key: value` pairs whose key is a token, a password or kubeconfig client key/certificate data
 *   (YAML, HTTP headers, program output), a bare `password:` prompt with nothing after it stays;
 * - passwords in URLs (`https://user:pass@host`), token-like query and form parameters and the
 *   `/bytoken/<jwt>/` path segment of Assisted Installer image URLs;
 * - JSON fields named like a secret.
 * Every rule stays within one line (except key blocks), so a stream can redact line by line.
 */
const SECRET_PARAMS = ['refresh_token', 'access_token', 'id_token', 'client_secret', 'image_token', 'api_key', 'token', 'password', 'passwd', 'pull_secret'];
// `.dockerconfigjson`/`.dockercfg`: a pull secret as `oc get secret pull-secret -o json` prints it.
const SECRET_JSON_KEY = String.raw`[\w-]*(?:token|password|passwd|secret)|client-key-data|client-certificate-data|auth|api_key|\.dockerconfigjson|\.dockercfg`;
// Keys of `key: value` text whose value is a credential ("id-token:", "db_password:" end in one);
// "tokens:", "password for x:" and the passwd program's "passwd: password updated" are not. No
// leading [\w-]*: it would make long words quadratic.
const SECRET_COLON_KEY = String.raw`client-key-data|client-certificate-data|client[-_]secret|client-key|token|pullSecret|\.dockerconfigjson`;
// Redacting twice changes nothing (HTML reports redact values that may already be redacted), and the
// REPLACE_WITH_… placeholders of exported Secret templates are not secrets.
const NOT_ALREADY = String.raw`(?!["']?(?:\[REDACTED|REPLACE_WITH_))`;
const PASSWORD_COLON_KEY = 'password';
const QUOTED = String.raw`"[^"\r\n]*"|'[^'\r\n]*'`;

type Rule = [RegExp, string | ((...m: string[]) => string)];
// Tokens and URL parameter values never hold a raw "<", so those rules stop there and leave HTML
// markup around them intact; a password may hold anything, so its rule runs to the end of the line.

const rules: Rule[] = [
  [/(authorization[ \t]*[:=][ \t]*)("?)(bearer|basic)[ \t]+(?!\[REDACTED\])[^\s"',<]+/gi, (_m, head, q, scheme) => `${head}${q}${scheme} [REDACTED]`],
  [/\bbearer[ \t]+[A-Za-z0-9._~+/=-]{8,}/gi, 'Bearer [REDACTED]'],
  [/\/bytoken\/[^/\s?#]+/g, '/bytoken/[REDACTED]'],
  // Up to the last "@" of the authority, as Go's url.Parse reads it: a BMC password is often typed
  // with a raw "@" ("redfish://admin:P@ss@10.0.0.5"), and its tail must not survive.
  [/\b([a-z][a-z0-9+.-]{0,31}:\/\/)([^\s:@/?#]*):([^\s/?#]+)@/gi, (_m, scheme, user) => `${scheme}${user}:[REDACTED]@`],
  // After a space, something starting with "-" is the next option, not a value.
  [new RegExp(`(--(?:token|password|passwd|client-secret|client_secret)(?:=|[ \\t]+(?!-)))${NOT_ALREADY}(${QUOTED}|[^\\s"']+)`, 'gi'), (_m, flag) => `${flag}[REDACTED]`],
  // `oc login -u kubeadmin -p <password>` (also podman/docker/helm login): -p only after "login".
  [new RegExp(`([ \\t]-p(?:=|[ \\t]+(?!-)|(?![\\s=])))${NOT_ALREADY}(${QUOTED}|[^\\s"']+)`, 'g'), (...m) => afterWord('login', m[0]!, `${m[1]}[REDACTED]`, Number(m[3]), String(m[4]))],
  // curl's `--user name:password` / `--proxy-user …` (long options: only curl and wget take a name:password there).
  [new RegExp(`(--(?:proxy-)?user(?:=|[ \\t]+))${NOT_ALREADY}([^\\s"':]+):(${QUOTED}|[^\\s"']+)`, 'g'), (_m, flag, user) => `${flag}${user}:[REDACTED]`],
  // curl's `-u name:password` / `-U …`: short options mean other things elsewhere (`ps -u root`), so only after "curl".
  [
    new RegExp(`([ \\t]-[uU](?:[ \\t]+|(?![\\s=])))${NOT_ALREADY}([^\\s"':-][^\\s"':]*):(${QUOTED}|[^\\s"']+)`, 'g'),
    (...m) => afterWord('curl', m[0]!, `${m[1]}${m[2]}:[REDACTED]`, Number(m[4]), String(m[5])),
  ],
  // Shell variables: `export KUBEADMIN_PASSWORD=…`, `OCM_TOKEN=…` (upper case only: `token=` in text is the parameter rule's).
  [new RegExp(`\\b((?:[A-Z][A-Z0-9]*_)*(?:TOKEN|PASSWORD|PASSWD|SECRET)=)${NOT_ALREADY}(${QUOTED}|[^\\s"']+)`, 'g'), (_m, head) => `${head}[REDACTED]`],
  [new RegExp(`((?:${SECRET_COLON_KEY})[ \\t]*:[ \\t]*)${NOT_ALREADY}(?:(?:${QUOTED})\\S*|\\S+)`, 'gi'), (_m, head) => `${head}[REDACTED]`],
  // A password may contain spaces and quotes: everything to the end of the line goes.
  [new RegExp(`((?:${PASSWORD_COLON_KEY})[ \\t]*:[ \\t]*)${NOT_ALREADY}\\S(?:[^\\r\\n]*\\S)?`, 'gi'), (_m, head) => `${head}[REDACTED]`],
  [/sha256~(?!\[REDACTED\])[A-Za-z0-9_-]+/g, 'sha256~[REDACTED]'],
  // "#": OAuth implicit-flow tokens come in the fragment (`…/implicit#access_token=…`).
  [new RegExp(`([?&;#\\s"']|^)(${SECRET_PARAMS.join('|')})=(?!\\[REDACTED\\])([^&\\s"'#<]+)`, 'gi'), (_m, pre, name) => `${pre}${name}=[REDACTED]`],
  [new RegExp(`("(?:${SECRET_JSON_KEY})"[ \\t]*:[ \\t]*)"(?:[^"\\\\\\r\\n]|\\\\.)*"`, 'gi'), (_m, head) => `${head}"[REDACTED]"`],
  // The same inside an escaped JSON string (the last-applied-configuration annotation of a Secret).
  [new RegExp(`(\\\\"(?:${SECRET_JSON_KEY})\\\\"[ \\t]*:[ \\t]*)\\\\"[^"\\\\\\r\\n]*\\\\"`, 'gi'), (_m, head) => `${head}\\"[REDACTED]\\"`],
  // JWTs: header.payload.signature, each base64url; header always starts with eyJ ("{"). Only
  // where a base64url run starts: "eyJab-eyJab-…" must not make every "eyJ" a new (quadratic) try.
  [/(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, '[REDACTED-JWT]'],
];

/** How far before a short option its command word is looked for (bounded: a line of many `-p` stays linear). */
const WORD_LOOKBACK = 512;

/** `redacted` when `word` (e.g. "login", "curl") stands earlier on the same line, else the match unchanged. */
function afterWord(word: 'login' | 'curl', match: string, redacted: string, offset: number, text: string): string {
  const window = text.slice(Math.max(0, offset - WORD_LOOKBACK), offset);
  const before = window.slice(window.lastIndexOf('\n') + 1);
  return new RegExp(`\\b${word}\\b`).test(before) ? redacted : match;
}

export function redact(text: string): string {
  let out = redactPrivateKeys(text);
  for (const [pattern, replacement] of rules) {
    out = out.replace(pattern, replacement as never);
  }
  return out;
}

/** Redacts every string inside a JSON-like value (for structured log entries). */
export function redactValue<T>(value: T): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactValue(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = /secret|token|password|authorization|pull_?secret/i.test(k) && typeof v === 'string' ? '[REDACTED]' : redactValue(v);
    }
    return out as T;
  }
  return value;
}
