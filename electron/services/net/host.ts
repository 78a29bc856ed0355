/**
 * The host (name and port) of a URL, for error messages and logs. Only the host is ever named:
 * paths and queries can carry tokens (discovery ISO image_token, signed mirror links).
 */
export function hostOf(url: string | URL): string {
  try {
    return new URL(url).host;
  } catch {
    return '(invalid URL)';
  }
}
