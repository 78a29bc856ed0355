import http from 'node:http';
import net, { type AddressInfo } from 'node:net';

export interface ProxyStandIn {
  url: string;
  port: number;
  /** "CONNECT host:port" for tunnels, "GET http://host:port/path" for absolute-URI requests, in order */
  readonly seen: string[];
  close(): Promise<void>;
}

/**
 * A forward proxy as corporate networks run them (RFC 9110 §9.3.6 CONNECT for https:, the
 * absolute-form request target of RFC 9112 §3.2.2 for http:). It really forwards, so a request that
 * went through it succeeds only if the proxy could reach the server; an unreachable target gets
 * 502, as squid answers.
 */
export async function startProxyStandIn(): Promise<ProxyStandIn> {
  const seen: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('absolute-form request target required');
      return;
    }
    const upstream = http.request({ host: target.hostname, port: target.port || 80, method: req.method, path: target.pathname + target.search, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
    req.pipe(upstream);
  });
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('connect', (req, client: net.Socket, head) => {
    seen.push(`CONNECT ${req.url}`);
    const [host = '', port = '443'] = (req.url ?? '').split(/:(?=\d+$)/);
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('error', () => (client.writable ? client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n') : client.destroy()));
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
