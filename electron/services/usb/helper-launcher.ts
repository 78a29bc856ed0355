import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../../shared/api/errors';
import { helperMessageSchema, type HelperMessage, type HelperRequest } from '../../../shared/usb/helper-protocol';

/** How to start the helper program with plain Node (never Electron-as-Node: the runAsNode fuse is off). */
export interface HelperProgram {
  /** Absolute path of a Node binary */
  node: string;
  /** Arguments before the helper's own (e.g. the script, or --import <tsx loader> + the .ts entry) */
  args: string[];
}

export interface LaunchConfig {
  program: HelperProgram;
  /** Test-only loop devices the helper may treat as USB sticks (see DriveContext.testAllowDevices). */
  testAllowDevices?: readonly string[];
  /** Defaults to process.getuid() === 0: root runs the helper directly, everyone else through pkexec. */
  isRoot?: boolean;
  pkexec?: string;
}

/**
 * Finds the helper: the bundled `usb-helper.cjs` next to the main bundle in a build, or the
 * TypeScript source through tsx's loader in a checkout. Inside Electron a separate Node binary is
 * required (SFK_USB_NODE or resources/node); without one we refuse with a clear message.
 */
export function defaultHelperProgram(root = process.cwd()): HelperProgram {
  const electron = (process.versions as Record<string, string | undefined>).electron;
  const bundleDir = typeof __dirname === 'string' ? __dirname : join(root, 'dist', 'electron');
  if (electron) {
    const resources = (process as { resourcesPath?: string }).resourcesPath ?? bundleDir;
    const node = process.env.SFK_USB_NODE ?? join(resources, 'node');
    if (!existsSync(node)) throw new AppError('usb.helperUnavailable', { what: node });
    return { node, args: [join(outsideAsar(bundleDir), 'usb-helper.cjs')] };
  }
  const source = join(root, 'electron', 'usb-helper', 'main.ts');
  const loader = join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs');
  if (existsSync(source) && existsSync(loader)) return { node: process.execPath, args: ['--import', pathToFileURL(loader).href, source] };
  const bundle = join(bundleDir, 'usb-helper.cjs');
  if (existsSync(bundle)) return { node: process.execPath, args: [bundle] };
  throw new AppError('usb.helperUnavailable', { what: bundle });
}

/**
 * A separate Node process cannot read inside app.asar; electron-builder unpacks the helper to
 * app.asar.unpacked (asarUnpack in electron-builder.yml), so point there.
 */
export function outsideAsar(path: string): string {
  return path.replace(/([\\/])app\.asar(?=[\\/]|$)/, '$1app.asar.unpacked');
}

export function helperCommand(config: LaunchConfig): { command: string; args: string[]; elevated: boolean } {
  const own = (config.testAllowDevices ?? []).flatMap((d) => ['--test-allow-device', d]);
  const isRoot = config.isRoot ?? process.getuid?.() === 0;
  if (isRoot) return { command: config.program.node, args: [...config.program.args, ...own], elevated: false };
  // --disable-internal-agent: never fall back to a text prompt on a terminal nobody is looking at
  return { command: config.pkexec ?? 'pkexec', args: ['--disable-internal-agent', config.program.node, ...config.program.args, ...own], elevated: true };
}

/** What pkexec says when it could not run the program (pkexec(1): 126 dismissed/not authorised, 127 no agent/failed). */
export function mapLaunchFailure(exitCode: number | null, stderr: string, elevated: boolean): AppError {
  if (elevated) {
    if (/no authentication agent/i.test(stderr)) return new AppError('usb.noPolkitAgent');
    if (/error getting authority|could not connect/i.test(stderr)) return new AppError('usb.polkitUnavailable');
    if (exitCode === 126) return new AppError('usb.authDismissed');
    if (exitCode === 127 && /not authorized|authorization/i.test(stderr)) return new AppError('usb.authDenied');
    if (/must be setuid root|cannot determine/i.test(stderr)) return new AppError('usb.pkexecBroken', { reason: firstLine(stderr) });
  }
  return new AppError('usb.helperFailed', { code: exitCode ?? -1, reason: firstLine(stderr) || '—' });
}

const firstLine = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .find(Boolean)
    ?.slice(0, 200) ?? '';

/**
 * One running helper: JSON lines out, JSON lines in. Resolves `finished` with the final message
 * (done | cancelled | failed), or rejects with a launch/crash AppError.
 */
export class HelperProcess {
  private child?: ChildProcessWithoutNullStreams;
  private stderr = '';
  private ready = false;
  private final?: HelperMessage;
  readonly finished: Promise<HelperMessage>;
  private settle!: { resolve: (m: HelperMessage) => void; reject: (e: unknown) => void };

  constructor(
    private readonly config: LaunchConfig,
    private readonly onMessage: (message: HelperMessage) => void,
  ) {
    this.finished = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
    this.finished.catch(() => undefined);
  }

  start(request: HelperRequest): void {
    const { command, args, elevated } = helperCommand(this.config);
    const child = spawn(command, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        LANG: 'C.UTF-8',
        DISPLAY: process.env.DISPLAY ?? '',
        WAYLAND_DISPLAY: process.env.WAYLAND_DISPLAY ?? '',
        XAUTHORITY: process.env.XAUTHORITY ?? '',
        DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS ?? '',
      },
    });
    this.child = child;
    child.on('error', (err: NodeJS.ErrnoException) => {
      this.settle.reject(err.code === 'ENOENT' && elevated ? new AppError('usb.noPkexec') : new AppError('usb.helperFailed', { code: -1, reason: err.message }));
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-4000);
    });
    let pending = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        this.handleLine(line);
      }
    });
    child.stdin.on('error', () => undefined);
    child.on('close', (code) => {
      if (this.final) this.settle.resolve(this.final);
      else if (!this.ready) this.settle.reject(mapLaunchFailure(code, this.stderr, elevated));
      else this.settle.reject(new AppError('usb.helperCrashed', { code: code ?? -1 }));
    });
    child.stdin.write(`${JSON.stringify(request)}\n`);
  }

  cancel(): void {
    if (this.child && this.child.stdin.writable) this.child.stdin.write(`${JSON.stringify({ type: 'cancel' })}\n`);
  }

  /** Closing stdin also stops the helper safely (it treats EOF as cancel). */
  close(): void {
    this.child?.stdin.end();
  }

  private handleLine(line: string): void {
    if (!line.trim()) return;
    let parsed;
    try {
      parsed = helperMessageSchema.parse(JSON.parse(line));
    } catch {
      return; // not ours (e.g. a warning printed by node): ignore
    }
    if (parsed.type === 'ready') this.ready = true;
    if (parsed.type === 'done' || parsed.type === 'cancelled' || parsed.type === 'failed') this.final = parsed;
    this.onMessage(parsed);
  }
}
