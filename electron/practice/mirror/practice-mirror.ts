import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenLocal } from '../../services/simulators/http-util';
import { MIRROR_BASE_PATH, mirrorFiles } from './content';
import { serveFile, type FlakyLink, type ServedRequest } from './file-route';

/** Extra pages on the same server (the practice console page); return true when handled. */
export type PracticeRoute = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean | Promise<boolean>;

export interface PracticeMirror {
  /** http://127.0.0.1:<port> */
  url: string;
  /** What the artifacts settings point at in practice mode */
  mirrorBaseUrl: string;
  readonly requests: readonly ServedRequest[];
  flakyLink(): boolean;
  setFlakyLink(on: boolean): void;
  close(): Promise<void>;
}

export interface PracticeMirrorOptions {
  /** The small real live ISO */
  iso: Buffer;
  routes?: PracticeRoute[];
  /** Pause between chunks while the link is flaky (default 120 ms: about 0.5 MB/s) */
  flakyChunkDelayMs?: number;
}

/** The practice mirror on 127.0.0.1: see content.ts for what it serves and file-route.ts for the flaky link. */
export async function startPracticeMirror(options: PracticeMirrorOptions): Promise<PracticeMirror> {
  const requests: ServedRequest[] = [];
  const flaky: FlakyLink = { on: false, attempts: new Map(), chunkDelayMs: options.flakyChunkDelayMs ?? 120, stalled: new Set() };
  let files = new Map<string, Buffer>();
  const server = await listenLocal(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    for (const route of options.routes ?? []) if (await route(req, res, url)) return;
    const body = files.get(url.pathname);
    if (!body || (req.method !== 'GET' && req.method !== 'HEAD')) {
      requests.push({ path: url.pathname, status: 404 });
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found on the practice mirror');
      return;
    }
    serveFile(req, res, url.pathname, body, flaky, (r) => requests.push(r));
  });
  // The stream document names this server, so the files are made once the port is known.
  files = mirrorFiles(server.url, options.iso);
  return {
    url: server.url,
    mirrorBaseUrl: `${server.url}${MIRROR_BASE_PATH}`,
    requests,
    flakyLink: () => flaky.on,
    setFlakyLink(on) {
      flaky.on = on;
      flaky.attempts.clear();
    },
    close: async () => {
      for (const res of flaky.stalled) res.destroy();
      await server.close();
    },
  };
}
