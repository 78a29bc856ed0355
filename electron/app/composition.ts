import { join } from 'node:path';
import { createSettingsStore, type SettingsStore } from '../services/settings/settings-store';
import type { Settings } from '../../shared/api/domains/app';
import { openSecretStore } from '../services/secrets/keyring-store';
import { KEYCHAIN_SERVICE } from '../../shared/app-identity';
import type { SecretStore } from '../services/secrets/secret-store';
import { CredentialsVault } from '../services/credentials/credentials-vault';
import { AccessTokenProvider } from '../services/credentials/access-token-provider';
import { createAuthorizedFetch, type AuthorizedFetch } from '../services/credentials/authorized-fetch';
import { JobStore } from '../services/jobs/job-store';
import { createFileLogger, type Logger } from '../services/logging/logger';
import { systemClock, type Clock } from '../services/clock';
import type { PlatformHooks } from '../services/platform';
import { createEventBus, type EventBus } from '../services/events/event-bus';
import { ClusterService } from '../services/cluster/cluster-service';
import { createAssistedService, type AssistedService } from '../services/assisted';
import { ManualService } from '../services/manual/manual-service';
import { openKubeAccess } from '../services/cluster/kube-access';
import { IsoService } from '../services/iso/iso-service';
import { TerminalManager } from '../services/terminal/terminal-manager';
import type { ArtifactService } from '../services/artifacts/artifact-service';
import { createArtifactService } from '../services/artifacts/create';
import { recordArtifactUse } from '../services/handoff/record-artifact-use';
import { HandoffService } from '../services/handoff/handoff-service';
import { createUsbService, type UsbBackendOptions } from '../services/usb/create-usb-service';
import type { UsbService } from '../services/usb/usb-service';
import { appLogPath } from '../services/paths';
import { acquireDataFolderLock, type DataFolderLock, type LockHolder } from '../services/lock/data-folder-lock';
import { NodeImageService, type NodeImageServiceOptions } from '../services/nodeimage/nodeimage-service';
import { createNetwork, type Network } from '../services/net/network';
import { fetchVia, releaseAppNetwork, setAppNetwork } from '../services/net/app-network';
import type { ProxyResolver } from '../services/net/proxy-rules';
import { ArtifactsSettingsStore } from '../services/artifacts/artifacts-settings';
// Type only: practice code is loaded by electron/host/practice.ts, with a dynamic import, in practice mode only.
import type { PracticeKit } from '../practice/practice-kit';
import type { PracticeClusterHooks } from '../services/cluster/practice-cluster-hooks';

export interface BackendOptions {
  dataDir: string;
  platform: PlatformHooks;
  /** Settings forced for this run (practice mode points the URLs at the local simulators). */
  settingsOverrides?: Partial<Settings>;
  /** Tests inject a memory store or a store with a known problem. */
  secretStore?: { store: SecretStore; problem?: string };
  clock?: Clock;
  /** Desktop app: Chromium's per-URL proxy decision (system settings, PAC); otherwise HTTPS_PROXY/NO_PROXY */
  proxyResolver?: ProxyResolver;
  practiceMode?: boolean;
  logToStderr?: boolean;
  /** USB writer construction options (tests: loop devices as stand-in sticks); never reachable from the UI */
  usb?: UsbBackendOptions;
  /** Who takes the data-folder lock; by default the desktop app or the browser host, from platform.shell */
  lockHolder?: LockHolder;
  /** node-image construction options (practice mode: the stand-in oc's environment; tests: CAs, laptop platform, probes) */
  nodeImage?: Pick<NodeImageServiceOptions, 'extraEnv' | 'downloadCa' | 'laptop' | 'probe' | 'graceMs' | 'onIsoReady'>;
  /** Practice mode's mirror, credentials, stick and console page (electron/practice/practice-kit.ts) */
  practiceKit?: PracticeKit;
  /** Practice mode's cluster (cluster.usePractice, the practice machines) */
  practiceCluster?: PracticeClusterHooks;
}

/** Every long-lived service, built once per process by the composition root. */
export interface Services {
  dataDir: string;
  /** Held for the backend's lifetime: no other program writes this data folder meanwhile */
  dataFolderLock: DataFolderLock;
  practiceMode: boolean;
  /** Set in practice mode only */
  practiceKit?: PracticeKit;
  platform: PlatformHooks;
  clock: Clock;
  logger: Logger;
  bus: EventBus;
  settings: SettingsStore;
  /** The effective cache folder: the setting, or <dataDir>/cache */
  cacheDir: () => string;
  vault: CredentialsVault;
  tokens: AccessTokenProvider;
  authorizedFetch: AuthorizedFetch;
  /** Every outbound request goes through it: proxy route and trust for the whole backend */
  network: Network;
  jobs: JobStore;
  /** Cluster access, CSR approval with identity checks and the node-Ready watch */
  cluster: ClusterService;
  /** The Assisted Installer day-2 flow (client + resumable workflow + polling) */
  assisted: AssistedService;
  /** The manual worker flow: worker.ign, generated files, the per-job Ignition server */
  manual: ManualService;
  /** Self-installing USB: embeds Ignition, network and install target into live ISOs */
  iso: IsoService;
  /** Local and SSH terminal sessions (pty), streamed as terminal.output events with flow control */
  terminal: TerminalManager;
  /** The artifact cache: resumable, verified downloads (RHCOS ISOs, openshift-install, discovery ISOs) */
  artifacts: ArtifactService;
  /** Writing ISOs to USB sticks: drive listing with the guard, the privileged helper, one write per drive */
  usb: UsbService;
  /** The site report (HTML, PDF in the desktop app) and the fleet export of a job */
  handoff: HandoffService;
  /** The node-image path: nodes-config.yaml, the cluster's oc, `oc adm node-image create`, the native monitor */
  nodeimage: NodeImageService;
  /** Practice mode only: the practice cluster */
  practiceCluster?: PracticeClusterHooks;
  /** Run on shutdown, in reverse order of registration */
  disposers: (() => Promise<void> | void)[];
}

export async function createServices(options: BackendOptions): Promise<Services> {
  // First, before anything reads or writes the folder; a second program stops here with a message naming the first.
  const lock = await acquireDataFolderLock(options.dataDir, options.lockHolder ?? (options.platform.shell === 'electron' ? 'desktopApp' : 'browserHost'));
  try {
    return await buildServices(options, lock);
  } catch (err) {
    await lock.release();
    throw err;
  }
}

async function buildServices(options: BackendOptions, lock: DataFolderLock): Promise<Services> {
  const clock = options.clock ?? systemClock;
  // The practice kit (its stick above all) is honoured only in practice mode.
  const practiceKit = options.practiceMode ? options.practiceKit : undefined;
  const bus = createEventBus();
  const logger = createFileLogger(appLogPath(options.dataDir), options.logToStderr);
  const settings = createSettingsStore(options.dataDir, options.settingsOverrides);
  const damagedSettings = settings.damaged();
  // Where and what kind of problem only (never the file's content); the Settings page says so too.
  if (damagedSettings) logger.warn('settings file could not be read; set aside, starting with defaults', { ...damagedSettings });
  settings.onChange((s) => bus.emit('settings.changed', s));
  const opened = options.secretStore ?? (await openSecretStore(options.practiceMode ? `${KEYCHAIN_SERVICE}-practice` : KEYCHAIN_SERVICE));
  if (opened.problem) logger.warn('keychain unavailable; secrets are kept in memory for this run', { problem: opened.problem });
  const vault = new CredentialsVault(opened.store, opened.problem);
  const network = createNetwork({
    proxy: options.proxyResolver ? { resolver: options.proxyResolver } : { env: process.env },
    // the download settings' extra CA bundle is trusted by every request, not only downloads
    extraCaPath: (
      (store) => () =>
        store.get().caBundlePath
    )(new ArtifactsSettingsStore(options.dataDir)),
  });
  // Code that is not handed the network (Kubernetes access opened by the cluster service) uses this one.
  setAppNetwork(network);
  const fetchImpl = fetchVia(() => network);
  const tokens = new AccessTokenProvider({ vault, ssoUrl: () => settings.get().ssoUrl, clock, fetch: fetchImpl });
  const jobs = new JobStore(options.dataDir, clock, (id, removed) => bus.emit('jobs.changed', removed ? { id, removed } : { id }));
  const cacheDir = () => settings.get().cacheDir || join(options.dataDir, 'cache');
  const cluster = new ClusterService({ jobs, clock, logger, bus });
  const artifacts = createArtifactService({
    dataDir: options.dataDir,
    settings,
    bus,
    platform: options.platform,
    logger,
    network,
    // every file a job used, with its source and sha256, for the site report
    ...(practiceKit ? { settingsOverrides: practiceKit.artifactsOverrides } : {}),
    onJobArtifact: (jobId, a) => void recordArtifactUse(jobs, jobId, a).catch((err: unknown) => logger.warn('artifact use not recorded', { job: jobId, error: String(err) })),
  });
  const assisted = createAssistedService({
    apiUrl: () => settings.get().apiUrl,
    tokens,
    jobs,
    bus,
    clock,
    logger,
    network,
    practiceMode: options.practiceMode ?? false,
    artifacts: () => artifacts,
    // host names must not clash with existing nodes; the CSR checks learn the chosen name
    nodeNames: async (jobId) => (await (await cluster.accessFor(jobId)).listNodes()).items.map((n) => n.metadata?.name ?? '').filter(Boolean),
    onWorkerNamed: (jobId, nodeName, addresses) => cluster.setWorker(jobId, { nodeName, addresses }),
  });
  const manual = new ManualService({ jobs, bus, logger, clock, openKube: (ref) => openKubeAccess({ ...ref, network }) });
  const iso = new IsoService({
    cacheDir,
    jobs,
    logger,
    clock,
    onProgress: (p) => bus.emit('iso.progress', p),
    knownSources: () => artifacts.list(),
  });
  const terminal = new TerminalManager({
    jobs,
    sink: { output: (p) => bus.emit('terminal.output', p), exit: (p) => bus.emit('terminal.exit', p) },
    assistedApiUrl: () => settings.get().apiUrl,
    logger,
  });
  const practiceStick = practiceKit?.stick;
  const usb = createUsbService(
    { bus, jobs, logger, clock, artifacts, selfInstall: iso },
    practiceStick ? { ...options.usb, practice: { lister: practiceStick.lister, runner: practiceStick.runner } } : options.usb,
  );
  const handoff = new HandoffService({
    jobs,
    clock,
    appVersion: options.platform.appVersion,
    ...(options.platform.printToPdf ? { printToPdf: options.platform.printToPdf } : {}),
    ...(options.platform.openPath ? { openPath: options.platform.openPath } : {}),
  });
  const nodeimage = new NodeImageService({ jobs, cluster, artifacts, bus, clock, logger, ...options.nodeImage });
  const stopPracticeMachines = options.practiceCluster?.attach({ jobs, manual });
  return {
    dataDir: options.dataDir,
    dataFolderLock: lock,
    practiceMode: options.practiceMode ?? false,
    ...(practiceKit ? { practiceKit } : {}),
    platform: options.platform,
    clock,
    logger,
    bus,
    settings,
    cacheDir,
    vault,
    tokens,
    authorizedFetch: createAuthorizedFetch(tokens, fetchImpl),
    network,
    terminal,
    jobs,
    assisted,
    iso,
    artifacts,
    usb,
    manual,
    cluster,
    handoff,
    nodeimage,
    ...(options.practiceCluster ? { practiceCluster: options.practiceCluster } : {}),
    // Run in reverse: the lock is given back last, after every service has stopped writing.
    disposers: [
      () => lock.release(),
      () => closeNetwork(network),
      () => nodeimage.dispose(),
      () => cluster.dispose(),
      () => manual.dispose(),
      () => terminal.dispose(),
      () => artifacts.dispose(),
      () => usb.dispose(),
      () => assisted.dispose(),
      ...(stopPracticeMachines ? [stopPracticeMachines] : []),
    ],
  };
}

export async function disposeServices(services: Services): Promise<void> {
  for (const dispose of [...services.disposers].reverse()) {
    try {
      await dispose();
    } catch (err) {
      services.logger.warn('dispose failed', { error: String(err) });
    }
  }
}

/** After every service has stopped: idle connections go; a request still running finishes first. */
function closeNetwork(network: Network): void {
  releaseAppNetwork(network);
  void network.close().catch(() => undefined);
}
