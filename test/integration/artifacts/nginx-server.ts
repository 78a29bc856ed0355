import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requirePeer } from '../../support/peers';
import { acceptsConnections, freePort } from '../../support/ports';
import { until } from '../../support/wait';

/**
 * Debian's nginx, started by the test on a loopback port with a generated config, serving a
 * folder with Range/If-Range support exactly as a mirror would (ETag + Last-Modified).
 */
export interface NginxServer {
  url: string;
  port: number;
  root: string;
  stop(): Promise<void>;
}

export async function startNginx(root?: string, extra: (docroot: string) => string = () => '', tls?: { cert: string; key: string }): Promise<NginxServer> {
  const nginx = requirePeer('nginx', 'nginx');
  const prefix = mkdtempSync(join(tmpdir(), 'sfk-nginx-'));
  const docroot = root ?? join(prefix, 'www');
  mkdirSync(docroot, { recursive: true });
  // When the tests run as root, nginx's workers drop to an unprivileged user: let them read the tree.
  chmodSync(prefix, 0o755);
  chmodSync(docroot, 0o755);
  for (const d of ['logs', 'tmp']) mkdirSync(join(prefix, d), { recursive: true });
  for (let tries = 0; ; tries++) {
    const port = await freePort();
    const conf = `
worker_processes 1;
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${prefix}/tmp/body;
  proxy_temp_path ${prefix}/tmp/proxy;
  fastcgi_temp_path ${prefix}/tmp/fastcgi;
  uwsgi_temp_path ${prefix}/tmp/uwsgi;
  scgi_temp_path ${prefix}/tmp/scgi;
  default_type application/octet-stream;
  sendfile on;
  server {
    listen 127.0.0.1:${port}${tls ? ' ssl' : ''};
    ${tls ? `ssl_certificate ${tls.cert}; ssl_certificate_key ${tls.key};` : ''}
    root ${docroot};
    location / { }
    ${extra(docroot)}
  }
}
`;
    writeFileSync(join(prefix, 'nginx.conf'), conf);
    let log = '';
    const child = spawn(nginx, ['-p', prefix, '-c', join(prefix, 'nginx.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d) => (log += String(d)));
    child.stderr!.on('data', (d) => (log += String(d)));
    try {
      await until(
        async () => {
          if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${log}`);
          return acceptsConnections(port);
        },
        () => `nginx to listen on ${port}: ${log}`,
        { timeout: 15_000, interval: 100 },
      );
    } catch (err) {
      child.kill('SIGKILL');
      if (tries < 3 && /Address already in use/.test(String(err))) continue;
      throw err;
    }
    return {
      url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
      port,
      root: docroot,
      stop: () =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) {
            rmSync(prefix, { recursive: true, force: true });
            return resolve();
          }
          child.once('exit', () => {
            rmSync(prefix, { recursive: true, force: true });
            resolve();
          });
          child.kill('SIGQUIT');
          setTimeout(() => child.kill('SIGKILL'), 5000).unref();
        }),
    };
  }
}
