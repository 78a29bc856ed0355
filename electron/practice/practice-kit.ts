import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArtifactsSettings } from '../../shared/api/domains/artifacts';
import { xzDecode } from '../services/iso/xz-decode';
import { consolePageRoute, CONSOLE_PATH, practiceDiscoveryIso } from './console-page';
import { startPracticeMirror, type PracticeMirror } from './mirror/practice-mirror';
import { ensurePracticeCredentials, type PracticeCredentials } from './practice-credentials';
import { createPracticeStick, type PracticeStick } from './practice-stick';

/**
 * What practice mode adds beyond the simulated Red Hat services, for rehearsing the rest of the
 * job: a mirror (RHCOS stream + ISO, openshift-install) with a flaky-link switch, practice
 * credentials, a practice USB stick and a stand-in for the console's "Add hosts" page. Everything
 * listens on 127.0.0.1 and lives under the practice data folder.
 */
export interface PracticeKit {
  mirror: PracticeMirror;
  stick: PracticeStick;
  /** The practice "Add hosts" page */
  consoleUrl: string;
  /** Download sources for this run (never saved over the technician's own) */
  artifactsOverrides: Partial<ArtifactsSettings>;
  /** The practice pull secret and SSH key pair, made on first use */
  credentials(): PracticeCredentials;
  close(): Promise<void>;
}

export interface PracticeKitOptions {
  /** The practice data folder (<data>/practice) */
  dir: string;
  /** resources/practice/live.x86_64.iso.xz */
  baseIsoXzPath: string;
  flakyChunkDelayMs?: number;
}

export async function startPracticeKit(o: PracticeKitOptions): Promise<PracticeKit> {
  mkdirSync(o.dir, { recursive: true, mode: 0o700 });
  const iso = Buffer.from(xzDecode(new Uint8Array(readFileSync(o.baseIsoXzPath)), 0, 64 << 20).data);
  let creds: PracticeCredentials | undefined;
  const credentials = () => (creds ??= ensurePracticeCredentials(o.dir));
  let discovery: Promise<ReturnType<typeof consolePageRoute>> | undefined;
  // The discovery ISO carries the practice SSH key, so it is made when the page is first opened.
  const consoleRoute = (...args: Parameters<ReturnType<typeof consolePageRoute>>) => {
    if (!args[2].pathname.startsWith('/console/')) return false;
    discovery ??= practiceDiscoveryIso(iso, credentials().sshPublicKey).then((d) => consolePageRoute(d, credentials().sshPublicKey));
    return discovery.then((route) => route(...args));
  };
  const mirror = await startPracticeMirror({ iso, routes: [consoleRoute], ...(o.flakyChunkDelayMs !== undefined ? { flakyChunkDelayMs: o.flakyChunkDelayMs } : {}) });
  return {
    mirror,
    stick: createPracticeStick(join(o.dir, 'practice-stick-8GB.img')),
    consoleUrl: `${mirror.url}${CONSOLE_PATH}`,
    // An empty rhcosBaseUrl: the ISO comes from where the stream says, i.e. this mirror.
    artifactsOverrides: { mirrorBaseUrl: mirror.mirrorBaseUrl, rhcosBaseUrl: '', caBundlePath: '' },
    credentials,
    close: () => mirror.close(),
  };
}
