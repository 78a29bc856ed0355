import { gunzipSync, gzipSync, constants as zlibConstants } from 'node:zlib';
import { mkdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import type { IsoInspectionResult, IsoWriteResult, IsoJobData, IsoJobBuild, IsoProgress } from '../../../shared/api/domains/iso';
import { describeState, planCustomize, planReset, readIsoState, type Patch } from '../../../shared/iso/iso-image';
import type { InitrdCodecs, Compression } from '../../../shared/iso/initrd';
import type { SelfInstallSpec } from '../../../shared/iso/live-config';
import type { JobStore } from '../jobs/job-store';
import type { Logger } from '../logging/logger';
import { openIsoFile, fileError } from './file-reader';
import { xzDecode } from './xz-decode';
import { checkFreeSpace, copyWithPatches, sha256File, writePatchesInPlace } from './patch-writer';
import { knownSourceSha256, type KnownSource } from './known-source';
import { makeRecord, saveRecord, verifiedOutputSha256 } from './output-record';

/** zlib for the gzip alternative and for gzip-compressed Ignition resources, as coreos-installer does; the xz library for reading. */
const gzip = (data: Uint8Array) => new Uint8Array(gzipSync(data, { level: zlibConstants.Z_BEST_COMPRESSION }));
export const nodeCodecs: InitrdCodecs & { gzipResources: typeof gzip } = {
  xzDecode,
  gzip,
  gunzip: (data) => new Uint8Array(gunzipSync(data)),
  gzipResources: gzip,
};

export type IsoOutput = { mode: 'copy'; path?: string | undefined; overwrite?: boolean | undefined } | { mode: 'inPlace' };

export interface CustomizeRequest {
  sourcePath: string;
  output: IsoOutput;
  spec: SelfInstallSpec;
  force?: boolean;
  allowMinimal?: boolean;
  compression?: Compression;
  expectedSourceSha256?: string | undefined;
  jobId?: string | undefined;
  operationId?: string | undefined;
  /** In place, hash the result too (reads the whole image; off by default to stay O(areas)) */
  hashInPlace?: boolean;
}

export interface RemoveRequest {
  path: string;
  output: IsoOutput;
  jobId?: string | undefined;
  operationId?: string | undefined;
}

export interface IsoServiceDeps {
  cacheDir: () => string;
  jobs?: JobStore;
  logger?: Logger;
  onProgress?: (progress: IsoProgress) => void;
  clock?: { now(): number };
  /** Files the artifact cache has verified (path, size, sha256, when): such a source is not hashed again */
  knownSources?: () => Promise<readonly KnownSource[]>;
}

export class IsoService {
  /** Set by the composition root: lists a built image in the artifact cache (kind custom-iso) for the USB writer. */
  registerOutput?: (path: string, jobId?: string) => Promise<void>;

  constructor(private readonly deps: IsoServiceDeps) {}

  /** What an ISO carries: Ignition, network keyfiles, kargs; never writes. */
  async inspect(path: string): Promise<IsoInspectionResult> {
    const { handle, reader, size } = await openIsoFile(path);
    try {
      const state = await readIsoState(reader, nodeCodecs);
      return { path, size, ...describeState(state, nodeCodecs) };
    } finally {
      await handle.close();
    }
  }

  async customize(req: CustomizeRequest): Promise<IsoWriteResult> {
    // The default cache path belongs to this job: a rebuild replaces the previous image atomically.
    const output: IsoOutput = req.output.mode === 'copy' && !req.output.path ? { mode: 'copy', path: this.defaultOutputPath(req.sourcePath, req.jobId), overwrite: true } : req.output;
    const result = await this.#write(
      req.sourcePath,
      output,
      req.operationId,
      req.expectedSourceSha256,
      req.hashInPlace ?? false,
      (state) => planCustomize(state, req.spec, { compression: req.compression ?? 'xz', force: req.force ?? false, allowMinimal: req.allowMinimal ?? false }, nodeCodecs).patches,
    );
    if (req.jobId && this.deps.jobs) await this.#record(req, result);
    if (result.mode === 'copy' && this.registerOutput) {
      // Best effort: the image is complete and recorded in the job either way.
      await this.registerOutput(result.outputPath, req.jobId).catch((err: unknown) => this.deps.logger?.warn('registering the ISO in the cache failed', { error: String(err) }));
    }
    this.deps.logger?.info('iso customised', { output: result.outputPath, mode: result.mode, outputSha256: result.outputSha256 ?? '' });
    return result;
  }

  /**
   * The embed areas of a self-installing stick written straight from `sourcePath` (issue #16 b):
   * the same plan and refusals as a customised copy, nothing written. The USB writer substitutes
   * them on the way to the stick.
   */
  async planStick(sourcePath: string, options: Pick<CustomizeRequest, 'spec' | 'force' | 'allowMinimal' | 'compression'>): Promise<Patch[]> {
    const { handle, reader } = await openIsoFile(sourcePath);
    try {
      const state = await readIsoState(reader, nodeCodecs);
      return planCustomize(state, options.spec, { compression: options.compression ?? 'xz', force: options.force ?? false, allowMinimal: options.allowMinimal ?? false }, nodeCodecs).patches;
    } finally {
      await handle.close();
    }
  }

  /** A verified self-installing stick is one of the job's builds (site report, install disk). */
  async recordStick(jobId: string, stick: { sourcePath: string; sourceSha256: string; stick: string; spec: SelfInstallSpec; force: boolean }): Promise<void> {
    const jobs = this.deps.jobs;
    if (!jobs) return;
    const build: IsoJobBuild = {
      at: new Date(this.deps.clock?.now() ?? Date.now()).toISOString(),
      sourcePath: stick.sourcePath,
      sourceSha256: stick.sourceSha256,
      outputPath: stick.stick,
      mode: 'stick',
      destDevice: stick.spec.destDevice,
      afterInstall: stick.spec.afterInstall ?? 'poweroff',
      keyfiles: (stick.spec.keyfiles ?? []).map((k) => k.fileName),
    };
    await jobs.updateData<IsoJobData>(jobId, 'iso', (cur) => ({ builds: [...(cur?.builds ?? []), build].slice(-20) }));
    await jobs.appendAudit(jobId, {
      action: 'iso.customize',
      summary: `Self-installing USB stick written for ${stick.spec.destDevice}: ${stick.stick}`,
      details: { ...build, overrides: stick.force ? [{ code: 'isoForce' }] : [] },
    });
  }

  /**
   * The sha256 of a customised copy, computed on first need (writing it to a stick, exporting it)
   * and checked against what it must be (output-record.ts); recorded in the job's build.
   */
  async outputSha256(req: { path: string; jobId?: string | undefined }): Promise<{ sha256: string }> {
    const path = resolve(req.path);
    const { sha256 } = await verifiedOutputSha256(path);
    if (req.jobId && this.deps.jobs) {
      // only the latest build of that path is this file (a rebuild replaces it)
      await this.deps.jobs.updateData<IsoJobData>(req.jobId, 'iso', (cur) => {
        const builds = cur?.builds ?? [];
        const last = builds.findLastIndex((b) => b.outputPath === path && b.mode === 'copy');
        return { builds: builds.map((b, i) => (i === last && !b.outputSha256 ? { ...b, outputSha256: sha256 } : b)) };
      });
    }
    return { sha256 };
  }

  /** Back to the ISO as shipped: zeroed Ignition area, default kargs. */
  async remove(req: RemoveRequest): Promise<IsoWriteResult> {
    const result = await this.#write(req.path, req.output, req.operationId, undefined, false, (state) => planReset(state));
    if (req.jobId && this.deps.jobs) {
      await this.deps.jobs.appendAudit(req.jobId, { action: 'iso.remove', summary: `Embedded configuration removed from ${basename(result.outputPath)}`, details: { outputPath: result.outputPath } });
    }
    return result;
  }

  /** Default output: <cache>/custom-iso/<source name>-custom[-<job>].iso, where the artifact cache lists it */
  defaultOutputPath(sourcePath: string, jobId?: string): string {
    const name = basename(sourcePath, extname(sourcePath)).replace(/[^A-Za-z0-9._-]/g, '_');
    return join(this.deps.cacheDir(), 'custom-iso', `${name}-custom${jobId ? `-${jobId}` : ''}.iso`);
  }

  async #write(
    sourcePath: string,
    output: IsoOutput,
    operationId: string | undefined,
    expectedSourceSha256: string | undefined,
    hashInPlace: boolean,
    plan: (state: Awaited<ReturnType<typeof readIsoState>>) => Patch[],
  ): Promise<IsoWriteResult> {
    const started = Date.now();
    const progress = (phase: IsoProgress['phase'], bytes: number, total: number) => {
      if (operationId) this.deps.onProgress?.({ operationId, phase, bytes, total });
    };
    progress('checking', 0, 0);
    const inPlace = output.mode === 'inPlace';
    const opened = await openIsoFile(sourcePath, inPlace ? 'r+' : 'r');
    const { handle, reader, size } = opened;
    try {
      // Everything is decided before the first byte is written: a bad image or payload leaves no trace.
      const state = await readIsoState(reader, nodeCodecs);
      const patches = plan(state);
      let outputPath = sourcePath;
      let hashes: { sourceSha256?: string; outputSha256?: string } = {};
      if (output.mode === 'copy') {
        outputPath = resolve(output.path ?? this.defaultOutputPath(sourcePath));
        await this.#checkDistinct(sourcePath, outputPath);
        try {
          await mkdir(dirname(outputPath), { recursive: true });
        } catch (err) {
          throw fileError(err, dirname(outputPath));
        }
        await checkFreeSpace(dirname(outputPath), size);
        const known = await knownSourceSha256(sourcePath, await handle.stat(), expectedSourceSha256, this.deps.knownSources);
        const originals = await Promise.all(patches.map((p) => reader.read(p.offset, p.bytes.length)));
        const target = outputPath;
        progress('copying', 0, size);
        hashes = await copyWithPatches(handle, sourcePath, size, outputPath, patches, {
          overwrite: output.overwrite ?? false,
          expectedSourceSha256,
          knownSourceSha256: known,
          onProgress: (b, t) => progress('copying', b, t),
          beforeLink: (sourceSha256) => saveRecord(target, makeRecord(size, sourceSha256, patches, originals)),
        });
      } else {
        if (expectedSourceSha256) {
          const actual = await sha256File(handle, size);
          if (actual !== expectedSourceSha256) throw new AppError('iso.sourceChecksumMismatch', { expected: expectedSourceSha256, actual });
          hashes.sourceSha256 = actual;
        }
        progress('writing', 0, size);
        await writePatchesInPlace(handle, patches, sourcePath);
        if (hashInPlace) hashes.outputSha256 = await sha256File(handle, size);
      }
      progress('verifying', size, size);
      const inspection = await this.#verify(outputPath, patches);
      progress('done', size, size);
      return { outputPath, mode: output.mode, size, durationMs: Date.now() - started, inspection, ...hashes };
    } finally {
      await handle.close();
    }
  }

  async #checkDistinct(sourcePath: string, outputPath: string): Promise<void> {
    const src = await realpath(sourcePath);
    const out = await realpath(outputPath).catch(() => outputPath);
    if (src === out) throw new AppError('iso.outputIsSource', { path: outputPath });
    const [a, b] = await Promise.all([stat(src), stat(outputPath).catch(() => undefined)]);
    if (b && a.dev === b.dev && a.ino === b.ino) throw new AppError('iso.outputIsSource', { path: outputPath });
  }

  /** Re-reads the written areas: they must hold exactly the planned bytes, and the image must decode. */
  async #verify(path: string, patches: readonly Patch[]): Promise<IsoInspectionResult> {
    const { handle, reader, size } = await openIsoFile(path);
    try {
      for (const p of patches) {
        const back = await reader.read(p.offset, p.bytes.length);
        if (!back.every((v, i) => v === p.bytes[i])) throw new AppError('iso.verifyFailed', { path, offset: p.offset });
      }
      const state = await readIsoState(reader, nodeCodecs);
      return { path, size, ...describeState(state, nodeCodecs) };
    } finally {
      await handle.close();
    }
  }

  async #record(req: CustomizeRequest, result: IsoWriteResult): Promise<void> {
    const jobs = this.deps.jobs!;
    const build: IsoJobBuild = {
      at: new Date(this.deps.clock?.now() ?? Date.now()).toISOString(),
      sourcePath: req.sourcePath,
      ...(result.sourceSha256 ? { sourceSha256: result.sourceSha256 } : {}),
      outputPath: result.outputPath,
      ...(result.outputSha256 ? { outputSha256: result.outputSha256 } : {}),
      mode: result.mode,
      destDevice: req.spec.destDevice,
      afterInstall: req.spec.afterInstall ?? 'poweroff',
      ...(result.inspection.kargs ? { kargs: result.inspection.kargs.current } : {}),
      keyfiles: (req.spec.keyfiles ?? []).map((k) => k.fileName),
    };
    await jobs.updateData<IsoJobData>(req.jobId!, 'iso', (cur) => ({ builds: [...(cur?.builds ?? []), build].slice(-20) }));
    await jobs.appendAudit(req.jobId!, {
      action: 'iso.customize',
      summary: `Self-installing ISO built for ${req.spec.destDevice}: ${basename(result.outputPath)}`,
      details: {
        ...build,
        // refusals the technician overrode (site report)
        overrides: [...(req.force ? [{ code: 'isoForce' }] : []), ...(req.allowMinimal ? [{ code: 'isoMinimal' }] : [])],
      },
    });
  }
}
