import { AppError } from '../../../shared/api/errors';
import { dirname } from 'node:path';
import { STREAM_ARCHES } from '../../../shared/artifacts/rhcos-stream';
import type { HandlerGroup } from '../handler-types';
import type { Services } from '../../app/composition';

type ArtifactMethods =
  | 'artifacts.list'
  | 'artifacts.active'
  | 'artifacts.download'
  | 'artifacts.pause'
  | 'artifacts.resume'
  | 'artifacts.cancel'
  | 'artifacts.reverify'
  | 'artifacts.verifyChecksum'
  | 'artifacts.remove'
  | 'artifacts.openFolder'
  | 'artifacts.loadStream'
  | 'artifacts.prepareSite'
  | 'artifacts.bundles'
  | 'artifacts.getSettings'
  | 'artifacts.updateSettings';

/** Ids starting with "bundle-" address a site bundle; everything else is one download. */
export function artifactsHandlers(s: Services): HandlerGroup<ArtifactMethods> {
  const a = s.artifacts;
  return {
    'artifacts.list': async () => ({ artifacts: await a.list(), diskUse: await a.diskUse() }),
    'artifacts.active': () => a.active(),
    'artifacts.download': (req) => {
      const name = req.name?.trim() || undefined;
      // Runs in the background; the page follows artifacts.progress events.
      const started = a.download({ ...req, name });
      started.catch(() => undefined);
      return { id: a.idFor(req.kind, req.url, name) };
    },
    'artifacts.pause': ({ id }) => ({ ok: id.startsWith('bundle-') ? a.bundles.pause(id) : a.pause(id) }),
    'artifacts.resume': async ({ id }) => ({ ok: id.startsWith('bundle-') ? await a.bundles.resume(id) : await a.resume(id) }),
    'artifacts.cancel': async ({ id }) => ({ ok: id.startsWith('bundle-') ? await a.bundles.cancel(id) : await a.cancel(id) }),
    'artifacts.reverify': ({ id }) => a.reverify(id),
    'artifacts.verifyChecksum': ({ id, sha256 }) => a.verifyChecksum(id, sha256),
    'artifacts.remove': async ({ id }) => ({ removed: await a.remove(id) }),
    'artifacts.openFolder': async ({ id }) => {
      let path = a.cacheDir();
      if (id) {
        const entry = await a.get(id);
        if (!entry) throw new AppError('artifacts.notInCache', { id });
        path = dirname(entry.path);
      }
      const opened = s.platform.openPath ? await s.platform.openPath(path) : false;
      return { opened, path };
    },
    'artifacts.loadStream': async ({ source, jobId }) => {
      const { parsed, artifact } = await a.loadStream(source, jobId);
      const arches = STREAM_ARCHES.flatMap((arch) => {
        const v = parsed.arches[arch];
        return v ? [{ arch, release: v.release, isoUrl: v.iso.location, sha256: v.iso.sha256 }] : [];
      });
      return { stream: parsed.stream, release: parsed.release, arches, artifactId: artifact.id };
    },
    'artifacts.prepareSite': (req) => ({ bundleId: a.bundles.start(req).bundleId }),
    'artifacts.bundles': () => a.bundles.list(),
    'artifacts.getSettings': () => a.settings.get(),
    'artifacts.updateSettings': (patch) => a.settings.update(patch),
  };
}
