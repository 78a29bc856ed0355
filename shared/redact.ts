/**
 * Removes secrets from any text before it is logged, shown in an error or saved with a job:
 * Authorization headers, bearer tokens, JWTs (offline, access and image tokens), token-like
 * form and query parameters (refresh_token, client_secret, image_token, api_key ...), OpenShift
 * `sha256~` OAuth tokens and the `/bytoken/<jwt>/` path segment of Assisted Installer image URLs.
 */
const SECRET_PARAMS = ['refresh_token', 'access_token', 'id_token', 'client_secret', 'image_token', 'api_key', 'token', 'password', 'pull_secret'];

const rules: [RegExp, string | ((...m: string[]) => string)][] = [
  [/(authorization\s*[:=]\s*)("?)(bearer|basic)\s+[^\s"',]+/gi, (_m, head, q, scheme) => `${head}${q}${scheme} [REDACTED]`],
  [/\bbearer\s+[A-Za-z0-9._~+/=-]{8,}/gi, 'Bearer [REDACTED]'],
  [/\/bytoken\/[^/\s?#]+/g, '/bytoken/[REDACTED]'],
  [new RegExp(`([?&;\\s"']|^)(${SECRET_PARAMS.join('|')})=([^&\\s"'#]+)`, 'gi'), (_m, pre, name) => `${pre}${name}=[REDACTED]`],
  [new RegExp(`("(?:${SECRET_PARAMS.join('|')}|auth|secret)"\\s*:\\s*)"[^"]*"`, 'gi'), (_m, head) => `${head}"[REDACTED]"`],
  // OpenShift OAuth access tokens (what `oc login` puts in a kubeconfig), wherever oc or a pod log prints one
  [/\bsha256~[A-Za-z0-9_-]{20,}/g, 'sha256~[REDACTED]'],
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
