/**
 * WHATWG URL parsing for the pure layer. URL is a global in every runtime we target (Node,
 * Chromium), but shared/ compiles without DOM or Node typings, so it is reached through
 * globalThis with the few fields we use.
 */
export interface ParsedUrl {
  href: string;
  protocol: string;
  username: string;
  password: string;
  host: string;
  hostname: string;
  port: string;
  pathname: string;
  search: string;
  hash: string;
}

type UrlConstructor = new (input: string, base?: string) => ParsedUrl;

export function parseUrl(raw: string, base?: string): ParsedUrl | null {
  const Url = (globalThis as unknown as { URL: UrlConstructor }).URL;
  try {
    return new Url(raw, base);
  } catch {
    return null;
  }
}
