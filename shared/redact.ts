/**
 * Removes secrets from any text before it is logged, shown in an error or saved with a job:
 * Authorization headers, bearer tokens, JWTs (offline, access and image tokens), token-like
 * form and query parameters (refresh_token, client_secret, image_token, api_key ...) and the
 * `/bytoken/<jwt>/` path segment of Assisted Installer image URLs, PEM private keys, and the
 * credential fields of a kubeconfig or Secret written as YAML (token, client-key-data, password ...).
 */
const SECRET_PARAMS = ['refresh_token', 'access_token', 'id_token', 'client_secret', 'image_token', 'api_key', 'token', 'password', 'pull_secret'];

/** YAML keys whose value is a credential (kubeconfig users, Secret data, BMC credentials); REPLACE_WITH_… placeholders are not secrets. */
const SECRET_YAML_KEYS = ['token', 'client-key-data', 'client-key', 'password', 'id-token', 'refresh-token', 'access-token', 'pullSecret', '\\.dockerconfigjson'];

const rules: [RegExp, string | ((...m: string[]) => string)][] = [
  // A whole PEM private key block (RSA, EC, OpenSSH, PKCS#8, encrypted), or an unterminated one
  [/-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?(?:-----END \1PRIVATE KEY-----|$)/g, '[REDACTED-PRIVATE-KEY]'],
  [new RegExp(`^(\\s*-?\\s*(?:${SECRET_YAML_KEYS.join('|')}):[ \\t]+)(?!["']?(?:\\[REDACTED|REPLACE_WITH_))["']?[^\\s"'#][^\\n]*$`, 'gm'), (_m, head) => `${head}[REDACTED]`],
  // (?!\[REDACTED) everywhere: redacting twice changes nothing, even in HTML where no space follows
  [/(authorization\s*[:=]\s*)("?)(bearer|basic)\s+(?!\[REDACTED\])[^\s"',<]+/gi, (_m, head, q, scheme) => `${head}${q}${scheme} [REDACTED]`],
  [/\bbearer\s+[A-Za-z0-9._~+/=-]{8,}/gi, 'Bearer [REDACTED]'],
  [/\/bytoken\/[^/\s?#]+/g, '/bytoken/[REDACTED]'],
  [new RegExp(`([?&;\\s"']|^)(${SECRET_PARAMS.join('|')})=(?!\\[REDACTED\\])([^&\\s"'#<]+)`, 'gi'), (_m, pre, name) => `${pre}${name}=[REDACTED]`],
  [new RegExp(`("(?:${SECRET_PARAMS.join('|')}|auth|secret)"\\s*:\\s*)"[^"]*"`, 'gi'), (_m, head) => `${head}"[REDACTED]"`],
  // JWTs: header.payload.signature, each base64url; header always starts with eyJ ("{")
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, '[REDACTED-JWT]'],
];

export function redact(text: string): string {
  let out = text;
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
