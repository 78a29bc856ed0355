import type { AccessTokenProvider } from '../credentials/access-token-provider';
import type { JobStore } from '../jobs/job-store';
import type { Logger } from '../logging/logger';
import type { Clock } from '../clock';
import type { EventBus } from '../events/event-bus';
import { AssistedClient } from './client';
import { AssistedService } from './assisted-service';
import type { IsoDownloader } from './iso-download';
import type { ArtifactService } from '../artifacts/artifact-service';
import type { Network } from '../net/network';

export { AssistedService } from './assisted-service';
export { AssistedClient } from './client';

export interface AssistedDeps {
  apiUrl: () => string;
  tokens: AccessTokenProvider;
  jobs: JobStore;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  practiceMode: boolean;
  /** The artifact engine (services.artifacts): resumable, verified, cached downloads */
  artifacts: () => Pick<ArtifactService, 'download'>;
  /** Overrides the downloader (tests) */
  download?: IsoDownloader;
  /** Default: the app's network */
  network?: Network;
  nodeNames?: (jobId: string) => Promise<string[]>;
  onWorkerNamed?: (jobId: string, nodeName: string, addresses: string[]) => Promise<unknown>;
}

/** Builds the Assisted Installer client and workflow for the composition root (electron/app/composition.ts). */
export function createAssistedService(deps: AssistedDeps): AssistedService {
  const client = new AssistedClient({ apiUrl: deps.apiUrl, tokens: deps.tokens, ...(deps.network ? { network: deps.network } : {}) });
  const download = deps.download ?? viaArtifacts(deps.artifacts);
  return new AssistedService({
    jobs: deps.jobs,
    bus: deps.bus,
    clock: deps.clock,
    logger: deps.logger,
    client,
    download,
    practiceMode: deps.practiceMode,
    ...(deps.nodeNames ? { nodeNames: deps.nodeNames } : {}),
    ...(deps.onWorkerNamed ? { onWorkerNamed: deps.onWorkerNamed } : {}),
  });
}

/**
 * Downloads through the artifact engine (resume, verification, cache index). A discovery ISO is
 * always fetched again (force): its content depends on infra-env settings that may have changed.
 * Its progress is the engine's own artifacts.progress (the renderer follows state.isoFile.artifactId):
 * one event stream for one download, not relayed into a second one.
 */
function viaArtifacts(artifacts: () => Pick<ArtifactService, 'download'>): IsoDownloader {
  return async (req) => {
    const a = await artifacts().download({ ...req, force: true });
    return { id: a.id, path: a.path, size: a.size, sha256: a.sha256 };
  };
}
