import { systemClock, type Clock } from '../services/clock';
import { startSsoSimulator, type SsoSimulator } from '../services/simulators/sso-simulator';
import type { AssistedSimulator } from '../services/simulators/assisted-simulator';
import { startDay2Simulator } from '../services/simulators/assisted-day2';
import type { NodeImagePractice } from '../practice/node-image-practice';
import type { PracticeKit } from '../practice/practice-kit';
import type { ClusterPractice } from '../practice/cluster-practice';

export interface PracticeEnvironment {
  sso: SsoSimulator;
  assisted: AssistedSimulator;
  settings: { apiUrl: string; ssoUrl: string };
  /** The practice cluster for the node-image path (when its files were found) */
  nodeImage?: NodeImagePractice;
  /** The practice mirror, credentials, USB stick and console page (when its files were found) */
  kit?: PracticeKit;
  /** The practice cluster for every path ("Use the practice cluster", the practice machines' kubelets) */
  cluster?: ClusterPractice;
  close(): Promise<void>;
}

/** How fast the practice world moves; tests make it quicker (a technician gets the defaults). */
export interface PracticeTimings {
  /** Day-2 simulator state machine step (default 3000 ms) */
  tickMs?: number;
  /** From the discovery ISO's download to the practice host's boot (default 4000 ms) */
  bootAfterDownloadMs?: number;
  /** How often the practice machines look at the jobs (default 2000 ms) */
  machinePollMs?: number;
  /** From a node's serving certificate to Ready (default 3000 ms) */
  readyAfterMs?: number;
}

export interface PracticeFiles {
  /** Where practice files go (the practice kubeconfig, the base ISO) */
  dir: string;
  /** electron/practice/oc-standin.mjs, or its packaged copy in resources/practice */
  standinPath: string;
  /** resources/practice/live.x86_64.iso.xz */
  baseIsoXzPath: string;
}

/** The node-image practice cluster; its code is loaded only here, in practice mode. Missing files leave the rest of practice mode working. */
async function startNodeImage(files: PracticeFiles): Promise<NodeImagePractice | undefined> {
  try {
    return await (await import('../practice/node-image-practice')).startNodeImagePractice(files);
  } catch (err) {
    console.warn(`Practice mode: the node-image practice cluster is not available (${err instanceof Error ? err.message : String(err)}).`);
    return undefined;
  }
}

/**
 * Practice mode: local simulators of Red Hat SSO and the Assisted Installer, so a technician can
 * rehearse the whole flow with no account and no cluster (any well-formed offline token works), and
 * a practice OpenShift 4.18 cluster for the node-image path.
 */
export async function startPracticeEnvironment(clock: Clock = systemClock, files?: PracticeFiles, timings: PracticeTimings = {}): Promise<PracticeEnvironment> {
  const sso = await startSsoSimulator({ clock, acceptAnyWellFormedToken: true });
  // Day-2 flow: a simulated machine "boots" the discovery ISO a few seconds after it was downloaded,
  // reports hostname localhost (so the technician practises naming it) and a clock that needs NTP first.
  const assisted = await startDay2Simulator(
    { validateToken: (t) => sso.validateAccessToken(t) },
    { clock, tickMs: timings.tickMs ?? 3000, bootAfterDownloadMs: timings.bootAfterDownloadMs ?? 4000, practiceHost: { hostname: 'localhost', ntpFailTicks: 2 } },
  );
  const nodeImage = files ? await startNodeImage(files) : undefined;
  const kit = files ? await (await import('../practice/practice-kit')).startPracticeKit({ dir: files.dir, baseIsoXzPath: files.baseIsoXzPath }) : undefined;
  // "Connect" with no kubeconfig picked reaches the practice cluster, as $KUBECONFIG would a real one.
  if (nodeImage) process.env.KUBECONFIG = nodeImage.cluster.kubeconfig;
  if (nodeImage && kit) nodeImage.cluster.useMirror(kit.mirror.mirrorBaseUrl);
  const cluster =
    nodeImage &&
    (await (
      await import('../practice/cluster-practice')
    ).startClusterPractice(nodeImage.cluster, {
      assistedHostStatus: (id) => assisted.day2.hostStatus(id),
      onEvent: (m) => console.log(m),
      ...(timings.machinePollMs !== undefined ? { pollMs: timings.machinePollMs } : {}),
      ...(timings.readyAfterMs !== undefined ? { readyAfterMs: timings.readyAfterMs } : {}),
    }));
  return {
    sso,
    assisted,
    settings: { apiUrl: assisted.url, ssoUrl: sso.tokenUrl },
    ...(nodeImage ? { nodeImage } : {}),
    ...(kit ? { kit } : {}),
    ...(cluster ? { cluster } : {}),
    close: async () => {
      await kit?.close();
      await cluster?.close();
      await nodeImage?.close();
      await assisted.close();
      await sso.close();
    },
  };
}
