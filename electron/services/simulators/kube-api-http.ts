import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Obj } from './kube-api-types';

/** kubectl asks for server-side tables (`Accept: application/json;as=Table;…`) to print `get` output. */
export function wantsTable(req: IncomingMessage): boolean {
  return /as=Table/.test(String(req.headers.accept ?? ''));
}

/** A metav1.Status failure, the body every Kubernetes error has. */
export function status(res: ServerResponse, code: number, reason: string, message: string): void {
  sendJson(res, code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
}

export function sendJson(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-cache, private' });
  res.end(text);
}

export function parseJson(text: string): Obj | undefined {
  try {
    return JSON.parse(text) as Obj;
  } catch {
    return undefined;
  }
}
