import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../http-util';
import type { Day2State } from './state';

/**
 * One API request: what the routes need to read it and answer it. Every answer is recorded as an
 * Exchange, so the tests can check each request and response against swagger.yaml.
 */
export interface Day2Request {
  s: Day2State;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** The path below /api/assisted-install/v2 */
  path: string;
  method: string;
  /** The parsed JSON body (undefined for GET or an empty body) */
  body: unknown;
  /** The body as an object, {} when there is none */
  b: Record<string, unknown>;
  reply(status: number, body: unknown, headers?: Record<string, string>): true;
  /** The `error` shape (400/404/405/409/500): code is the status as a string, as the service really sends it */
  fail(status: number, reason: string): true;
  /** Records an exchange that got no answer (a dropped connection) */
  record(status: number, responseBody: unknown): void;
}

export function day2Request(s: Day2State, req: IncomingMessage, res: ServerResponse, url: URL, path: string, body: unknown): Day2Request {
  const record = (status: number, responseBody: unknown, headers: Record<string, string> = {}) => {
    s.exchanges.push({ method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), requestBody: body, status, responseBody, headers, at: Date.now() });
  };
  const reply = (status: number, responseBody: unknown, headers: Record<string, string> = {}): true => {
    record(status, responseBody, headers);
    sendJson(res, status, responseBody, headers);
    return true;
  };
  return {
    s,
    req,
    res,
    url,
    path,
    method: req.method ?? 'GET',
    body,
    b: (body ?? {}) as Record<string, unknown>,
    reply,
    fail: (status, reason) => reply(status, { kind: 'Error', id: status, code: String(status), href: '', reason }),
    record: (status, responseBody) => record(status, responseBody),
  };
}

/** go-openapi's schema errors come back as {code, message} with 400. */
export function requireStrings(r: Day2Request, fields: string[]): true | undefined {
  for (const field of fields) {
    if (typeof r.b[field] !== 'string' || !r.b[field]) return r.reply(400, { code: 400, message: `${field} in body is required` });
  }
  return undefined;
}
