import type { AssistedRoute } from '../assisted-simulator';
import { sendJson } from '../http-util';
import { bootHost } from './host-machine';
import type { Day2State } from './state';

/** The image service: tokenised ISO URLs, no bearer token; an expired token answers 401. */
export function day2ImageRoute(s: Day2State): AssistedRoute {
  return (req, res, url) => {
    const m = /^\/images\/bytoken\/([^/]+)\/[^/]+\/[^/]+\/(full|minimal)\.iso$/.exec(url.pathname);
    if (!m || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    const token = s.imageTokens.get(m[1]!);
    if (!token) {
      sendJson(res, 401, { code: 401, message: 'invalid image token' });
      return true;
    }
    if (token.exp <= s.clock.now()) {
      sendJson(res, 401, { code: 401, message: 'image token expired' });
      return true;
    }
    // A recognisable fake ISO: ISO 9660 primary volume descriptor magic at 0x8001, deterministic filler.
    const data = Buffer.alloc(s.isoSize, 0x5a);
    data.write('CD001', 0x8001, 'ascii');
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(data.length) });
    res.end(req.method === 'HEAD' ? undefined : data);
    if (req.method === 'GET') {
      s.isoDownloads += 1;
      bootAfterDownload(s, token.infraEnvId);
    }
    return true;
  };
}

/** Practice mode: the downloaded ISO "boots" on a simulated machine a little later (once per infra-env). */
function bootAfterDownload(s: Day2State, infraEnvId: string): void {
  const delay = s.options.bootAfterDownloadMs;
  if (delay === undefined) return;
  const timer = setTimeout(() => {
    s.timers.delete(timer);
    if (![...s.hosts.values()].some((h) => h.infraEnvId === infraEnvId)) bootHost(s, s.options.practiceHost ?? {}, infraEnvId);
  }, delay);
  s.timers.add(timer);
}
