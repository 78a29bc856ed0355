import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError, toWireError } from '../../../shared/api/errors';
import type { SelfInstallWrite, UsbImage, WriteStatus } from '../../../shared/api/domains/usb';
import { encodePatches, type ImagePatch, type WirePatch } from '../../../shared/usb/image-patches';
import { driveDisplayName, type DriveInfo } from '../../../shared/usb/drive-rules';
import { isUnverified } from '../../../shared/artifacts/trust';
import type { DriveIdentity, HelperMessage, HelperRequest } from '../../../shared/usb/helper-protocol';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import type { DriveLister } from './drive-lister';
import { HelperProcess, type LaunchConfig } from './helper-launcher';
import { HotplugWatcher } from './hotplug-watcher';

/** What we need from the download cache (services.artifacts, issue 3), when it exists. */
export interface ArtifactSource {
  list(): Promise<{ id: string; kind: string; name: string; path: string; size: number; sha256: string; checkedAgainstPublished: boolean; sizeChecked: boolean; version?: string; arch?: string }[]>;
}

/** The ISO side of a self-installing stick written straight from its source (IsoService). */
export interface SelfInstallPlanner {
  /** The embed areas for this node, planned on the source ISO; refusals as for a customised copy */
  planStick(sourcePath: string, options: SelfInstallWrite): Promise<ImagePatch[]>;
  /** The job remembers a verified stick as one of its self-installing builds */
  recordStick(jobId: string, stick: { sourcePath: string; sourceSha256: string; stick: string; spec: SelfInstallWrite['spec']; force: boolean }): Promise<void>;
}

/** Runs one write or verify job and reports its messages: the privileged helper process, or practice mode's stick writer. */
export interface HelperRunner {
  readonly finished: Promise<HelperMessage>;
  start(request: HelperRequest): void;
  cancel(): void;
}

export interface UsbServiceOptions {
  lister: DriveLister;
  /** Resolved lazily so a broken helper location is reported when writing, not at start-up. */
  launch: () => LaunchConfig;
  /** Instead of the helper process (practice mode: the practice stick, written without root) */
  runner?: (onMessage: (m: HelperMessage) => void) => HelperRunner;
  clock: Clock;
  logger: Logger;
  emitDrivesChanged: () => void;
  emitWriteChanged: (status: WriteStatus) => void;
  artifacts?: () => ArtifactSource | undefined;
  /** Plans and records self-installing sticks (absent: such writes are refused) */
  selfInstall?: () => SelfInstallPlanner | undefined;
  /** Record finished writes in the job (data.usb + audit) */
  recordInJob?: (jobId: string, status: WriteStatus) => Promise<void>;
  /** Eject after a verified write (default true; tests keep the loop device to inspect it) */
  eject?: boolean;
  watchHotplug?: boolean;
}

interface Session {
  status: WriteStatus;
  selfInstall?: SelfInstallWrite;
  helper?: HelperRunner;
  done: Promise<WriteStatus>;
}

type StartInput = { imagePath: string; expectedSha256?: string; identity: DriveIdentity; jobId?: string; acceptUnverified?: boolean; selfInstall?: SelfInstallWrite };

const ISO_KINDS = new Set(['rhcos-iso', 'discovery-iso', 'custom-iso', 'node-iso']);

/**
 * The main-process side of USB writing: lists drives, re-checks the confirmed one, allows one
 * write per drive at a time, runs the privileged helper and turns its messages into status events.
 */
export class UsbService {
  private readonly sessions = new Map<string, Session>();
  private readonly busy = new Map<string, string>(); // device / by-id -> writeId
  private watcher?: HotplugWatcher;

  constructor(private readonly options: UsbServiceOptions) {}

  support(): { supported: boolean; platform: string } {
    return { supported: this.options.lister.supported, platform: process.platform };
  }

  async listDrives(imagePath?: string): Promise<DriveInfo[]> {
    if (this.options.watchHotplug !== false && this.options.lister.supported && !this.watcher) {
      this.watcher = new HotplugWatcher(() => this.options.emitDrivesChanged());
      await this.watcher.start();
    }
    const image = imagePath ? await this.inspectImage(imagePath) : undefined;
    return this.options.lister.list(image ? { path: image.path, size: image.size } : undefined);
  }

  async listImages(): Promise<UsbImage[]> {
    const cache = this.options.artifacts?.();
    if (!cache) return [];
    const items = await cache.list();
    return items
      .filter((a) => ISO_KINDS.has(a.kind) || a.name.toLowerCase().endsWith('.iso'))
      .map((a) => ({ path: a.path, name: a.name, size: a.size, sha256: a.sha256, source: 'cache' as const, kind: a.kind, version: a.version, arch: a.arch, unverified: isUnverified(a) }));
  }

  async inspectImage(path: string): Promise<UsbImage> {
    const st = await stat(path).catch((err: NodeJS.ErrnoException) => {
      throw new AppError(err.code === 'EACCES' ? 'usb.imageNotReadable' : 'usb.imageMissing', { path });
    });
    if (!st.isFile()) throw new AppError('usb.imageNotRegular', { path });
    if (st.size === 0) throw new AppError('usb.imageEmpty', { path });
    const cached = (await this.listImages().catch(() => [])).find((i) => i.path === path);
    return cached ?? { path, name: basename(path), size: st.size, source: 'file' };
  }

  writes(): WriteStatus[] {
    return [...this.sessions.values()].map((s) => s.status).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  /**
   * Starts a write and returns at once; progress arrives as `usb.writeChanged` events. An
   * unverified cached image (shared/artifacts/trust.ts) is refused unless the call carries
   * `acceptUnverified: true`, i.e. the technician confirmed it explicitly.
   */
  startWrite(input: StartInput): Promise<WriteStatus> {
    return this.start('write', input);
  }

  /** Re-reads a stick written earlier and compares it with the image (no writing). */
  startVerify(input: { imagePath: string; expectedSha256?: string; identity: DriveIdentity; jobId?: string }): Promise<WriteStatus> {
    return this.start('verify', input);
  }

  cancel(writeId: string): WriteStatus {
    const session = this.sessions.get(writeId);
    if (!session) throw new AppError('usb.writeNotFound', { writeId });
    if (session.status.state === 'starting' || session.status.state === 'running') {
      session.status = { ...session.status, cancelRequested: true };
      session.helper?.cancel();
      this.options.emitWriteChanged(session.status);
    }
    return session.status;
  }

  /** Resolves when the write has finished (tests and the CLI wait on this). */
  async waitFor(writeId: string): Promise<WriteStatus> {
    const session = this.sessions.get(writeId);
    if (!session) throw new AppError('usb.writeNotFound', { writeId });
    return session.done;
  }

  async dispose(): Promise<void> {
    this.watcher?.stop();
    const running = [...this.sessions.values()].filter((s) => s.status.state === 'starting' || s.status.state === 'running');
    for (const s of running) s.helper?.cancel();
    await Promise.allSettled(running.map((s) => s.done));
  }

  private async start(kind: 'write' | 'verify', input: StartInput): Promise<WriteStatus> {
    const keys = [input.identity.device, ...(input.identity.byId ? [input.identity.byId] : [])];
    // claimed synchronously, before any await: two clicks or two windows can't both get through
    const holder = keys.map((k) => this.busy.get(k)).find(Boolean);
    if (holder) throw new AppError('usb.driveBusy', { device: input.identity.device });
    const writeId = randomUUID();
    for (const k of keys) this.busy.set(k, writeId);
    try {
      const image = await this.inspectImage(input.imagePath);
      if (kind === 'write' && image.unverified && input.acceptUnverified !== true) throw new AppError('usb.imageUnverified', { name: image.name });
      const drive = await this.options.lister.check(input.identity, { path: image.path, size: image.size });
      const expectedSha256 = input.expectedSha256 ?? image.sha256;
      const patches = input.selfInstall ? await this.planStick(image.path, input.selfInstall) : undefined;
      const status: WriteStatus = {
        writeId,
        device: drive.device,
        byId: drive.byId,
        driveName: driveDisplayName(drive),
        driveSize: drive.size,
        imagePath: image.path,
        imageName: image.name,
        imageSize: image.size,
        jobId: input.jobId,
        ...(input.selfInstall ? { selfInstall: { destDevice: input.selfInstall.spec.destDevice } } : {}),
        ...(drive.warnings.length ? { driveWarnings: [...drive.warnings] } : {}),
        state: 'starting',
        cancelRequested: false,
        startedAt: new Date(this.options.clock.now()).toISOString(),
      };
      const request: HelperRequest =
        kind === 'write'
          ? { type: 'write', identity: input.identity, image: image.path, imageSize: image.size, expectedSha256, eject: this.options.eject ?? true, ...(patches ? { patches } : {}) }
          : { type: 'verify', identity: input.identity, image: image.path, imageSize: image.size, expectedSha256, ...(patches ? { patches } : {}) };
      const session: Session = { status, done: Promise.resolve(status), ...(input.selfInstall ? { selfInstall: input.selfInstall } : {}) };
      this.sessions.set(writeId, session);
      session.done = this.run(session, request).finally(() => {
        for (const k of keys) if (this.busy.get(k) === writeId) this.busy.delete(k);
      });
      this.options.emitWriteChanged(status);
      return status;
    } catch (err) {
      for (const k of keys) this.busy.delete(k);
      throw err;
    }
  }

  private async planStick(sourcePath: string, selfInstall: SelfInstallWrite): Promise<WirePatch[]> {
    const planner = this.options.selfInstall?.();
    if (!planner) throw new AppError('usb.selfInstallUnavailable');
    return encodePatches(await planner.planStick(sourcePath, selfInstall));
  }

  private update(session: Session, patch: Partial<WriteStatus>): void {
    session.status = { ...session.status, ...patch };
    this.options.emitWriteChanged(session.status);
  }

  private async run(session: Session, request: HelperRequest): Promise<WriteStatus> {
    const onMessage = (m: HelperMessage) => {
      if (m.type === 'ready') this.update(session, { state: 'running' });
      else if (m.type === 'phase') this.update(session, { phase: m.phase });
      else if (m.type === 'progress') this.update(session, { progress: m.progress });
    };
    let final: HelperMessage;
    try {
      const helper = this.options.runner ? this.options.runner(onMessage) : new HelperProcess(this.options.launch(), onMessage);
      session.helper = helper;
      helper.start(request);
      if (session.status.cancelRequested) helper.cancel();
      final = await helper.finished;
    } catch (err) {
      final = { type: 'failed', ...codeAndParams(err), bootAreaCleared: false };
    }
    const finishedAt = new Date(this.options.clock.now()).toISOString();
    let patch: Partial<WriteStatus>;
    if (final.type === 'done') patch = { state: 'done', result: final.result, finishedAt, progress: undefined };
    else if (final.type === 'cancelled') patch = { state: 'cancelled', bootAreaCleared: final.bootAreaCleared, finishedAt };
    else if (final.type === 'failed') patch = { state: 'failed', error: toWireError(new AppError(final.code, final.params)), bootAreaCleared: final.bootAreaCleared, finishedAt };
    else patch = { state: 'failed', error: toWireError(new AppError('usb.helperCrashed', { code: -1 })), finishedAt };
    session.status = { ...session.status, ...patch };
    this.options.logger.info('usb write finished', { device: session.status.device, state: session.status.state, code: session.status.error?.code });
    // recorded before the final event, so whoever reacts to "done" finds it in the job
    const { jobId, result } = session.status;
    if (jobId && this.options.recordInJob) {
      await this.options.recordInJob(jobId, session.status).catch((err: unknown) => this.options.logger.warn('could not record the USB write in the job', { error: String(err) }));
    }
    if (jobId && session.selfInstall && result && session.status.state === 'done') {
      const stick = {
        sourcePath: session.status.imagePath,
        sourceSha256: result.sha256,
        stick: `${session.status.driveName} (${session.status.byId ?? session.status.device})`,
        spec: session.selfInstall.spec,
        force: session.selfInstall.force,
      };
      await this.options
        .selfInstall?.()
        ?.recordStick(jobId, stick)
        .catch((err: unknown) => this.options.logger.warn('could not record the self-installing stick in the job', { error: String(err) }));
    }
    this.options.emitWriteChanged(session.status);
    return session.status;
  }
}

function codeAndParams(err: unknown): { code: string; params: Record<string, string | number | boolean> } {
  if (err instanceof AppError) return { code: err.code, params: err.params };
  return { code: 'usb.helperFailed', params: { code: -1, reason: err instanceof Error ? err.message : String(err) } };
}
