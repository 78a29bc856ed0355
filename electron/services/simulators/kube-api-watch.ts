import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeStore } from './kube-api-store';
import type { Obj, SimRequest, WatchEvent, WatchKind } from './kube-api-types';
import { sendJson, wantsTable } from './kube-api-http';
import { table } from './kube-api-tables';

/** GET on a collection: a list (JSON or Table), or with ?watch=true a streamed watch. */
export function listOrWatch(store: KubeStore, requests: SimRequest[], kind: WatchKind, req: IncomingMessage, res: ServerResponse, query: URLSearchParams): void {
  const source = kind === 'csr' ? store.csrs : store.nodes;
  const filter = fieldFilter(query.get('fieldSelector'));
  const items = [...source.values()].filter(filter).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  const asTable = wantsTable(req);
  if (query.get('watch') === 'true' || query.get('watch') === '1') return watch(store, requests, { kind, req, res, query, filter, asTable });
  if (asTable) return sendJson(res, 200, table(kind, items, true, String(store.rv)));
  const listKind = kind === 'csr' ? 'CertificateSigningRequestList' : 'NodeList';
  sendJson(res, 200, { apiVersion: kind === 'csr' ? 'certificates.k8s.io/v1' : 'v1', kind: listKind, metadata: { resourceVersion: String(store.rv) }, items });
}

interface WatchRequest {
  kind: WatchKind;
  req: IncomingMessage;
  res: ServerResponse;
  query: URLSearchParams;
  filter: (o: Obj) => boolean;
  asTable: boolean;
}

/**
 * A watch as the API server streams it: the current objects (or the events after
 * ?resourceVersion, 410 Expired when that is older than the history kept), then every change,
 * until ?timeoutSeconds or the client goes away.
 */
function watch(store: KubeStore, requests: SimRequest[], w: WatchRequest): void {
  const { kind, req, res, query, filter, asTable } = w;
  const from = query.get('resourceVersion');
  const timeout = Math.max(1, Math.min(Number(query.get('timeoutSeconds') ?? 1800) || 1800, 3600));
  res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked', 'cache-control': 'no-cache' });
  res.flushHeaders();
  // a watch never "finishes" while open, so it is logged when it starts
  requests.push({ method: 'GET', path: req.url?.split('?')[0] ?? '', query: `?${query}`, accept: String(req.headers.accept ?? ''), userAgent: String(req.headers['user-agent'] ?? ''), status: 200 });
  let first = true;
  const write = (e: { type: string; object: Obj }) => {
    const object = asTable && e.type !== 'ERROR' ? table(kind, [e.object], first, e.object.metadata.resourceVersion) : e.object;
    first = false;
    res.write(`${JSON.stringify({ type: e.type, object })}\n`);
  };
  const events = store.history[kind];
  if (!from || from === '0') {
    for (const o of [...(kind === 'csr' ? store.csrs : store.nodes).values()].filter(filter)) write({ type: 'ADDED', object: o });
  } else {
    const start = Number(from);
    const oldest = events[0]?.rv ?? store.rv;
    if (start < oldest - 1) {
      write({ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too old resource version: ${start} (${oldest})`, reason: 'Expired', code: 410 } });
      res.end();
      return;
    }
    for (const e of events) if (e.rv > start && filter(e.object)) write(e);
  }
  const watcher = { kind, send: (e: WatchEvent) => filter(e.object) && write(e) };
  store.watchers.push(watcher);
  const stop = () => {
    clearTimeout(timer);
    const i = store.watchers.indexOf(watcher);
    if (i >= 0) store.watchers.splice(i, 1);
    if (!res.writableEnded) res.end();
  };
  const timer = setTimeout(stop, timeout * 1000);
  req.on('close', stop);
  res.on('close', stop);
}

/** fieldSelector with = / == / != on dotted paths (metadata.name=…, spec.signerName=…). */
export function fieldFilter(selector: string | null): (o: Obj) => boolean {
  if (!selector) return () => true;
  const rules = selector.split(',').map((part) => {
    const [key, value] = part.split(/!?==?/);
    const negate = part.includes('!=');
    return { path: (key ?? '').split('.'), value: value ?? '', negate };
  });
  return (o) =>
    rules.every((r) => {
      const actual = r.path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Obj)[k] : undefined), o);
      return r.negate ? String(actual ?? '') !== r.value : String(actual ?? '') === r.value;
    });
}
