import { join } from 'node:path';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import type { PlatformHooks } from '../platform';
import type { SettingsStore } from '../settings/settings-store';
import type { ArtifactsSettings, CachedArtifact } from '../../../shared/api/domains/artifacts';
import { ArtifactService } from './artifact-service';
import type { ClusterStreamReader } from './stream-source';
import { openKubeAccess } from '../cluster/kube-access';
import { readClusterStreamWith } from './cluster-stream';
import type { Network } from '../net/network';

/**
 * Builds the artifact cache for the composition root and continues any download that was running
 * when the app last quit (tokenised discovery-ISO URLs wait until their flow asks again).
 */
export function createArtifactService(deps: {
  dataDir: string;
  settings: SettingsStore;
  bus: EventBus;
  platform: PlatformHooks;
  logger: Logger;
  /** The backend's network: downloads take its proxy route and trust */
  network?: Network;
  readClusterStream?: ClusterStreamReader;
  onJobArtifact?: (jobId: string, artifact: CachedArtifact) => void;
  settingsOverrides?: Partial<ArtifactsSettings>;
}): ArtifactService {
  const { bus, logger } = deps;
  const service = new ArtifactService({
    cacheDir: () => deps.settings.get().cacheDir || join(deps.dataDir, 'cache'),
    dataDir: deps.dataDir,
    emitProgress: (p) => bus.emit('artifacts.progress', p),
    emitBundle: (p) => bus.emit('artifacts.bundleProgress', p),
    emitChanged: (id) => bus.emit('artifacts.changed', id ? { id } : {}),
    setProgress: deps.platform.setProgress,
    keepAwake: deps.platform.keepAwake,
    log: (msg, fields) => logger.info(msg, fields),
    // The cluster's own copy of the stream (ConfigMap coreos-bootimages), read with the job's kubeconfig.
    readClusterStream: deps.readClusterStream ?? readClusterStreamWith((o) => openKubeAccess({ ...o, ...(deps.network ? { network: deps.network } : {}) })),
    ...(deps.network ? { engine: { network: deps.network } } : {}),
    ...(deps.onJobArtifact ? { onJobArtifact: deps.onJobArtifact } : {}),
    ...(deps.settingsOverrides ? { settingsOverrides: deps.settingsOverrides } : {}),
  });
  void service.resumePending().catch((err: unknown) => logger.warn('resuming downloads failed', { error: String(err) }));
  return service;
}
