/**
 * The privileged USB writer helper. Started per write by the app — through `pkexec` when the app
 * is not root — and driven by JSON lines on stdin/stdout (no socket, so no other process can talk
 * to it). Runs under plain Node (no Electron, no ELECTRON_RUN_AS_NODE): `node usb-helper.cjs`.
 *
 *   argv:   [--test-allow-device /dev/loopN]…   (test stand-ins only; ignored for anything but loop devices)
 *   stdin:  {"type":"write",…} | {"type":"verify",…}, then optionally {"type":"cancel"}
 *   stdout: {"type":"ready"} {"type":"phase"} {"type":"progress"}… then one of done | cancelled | failed
 */
import { HELPER_PROTOCOL_VERSION, MAX_REQUEST_LINE, helperRequestSchema, type HelperMessage } from '../../shared/usb/helper-protocol';
import { readLines } from './line-reader';
import { runJob } from './run-job';

// root must not trust the caller's PATH (pkexec resets it too; running directly as root does not)
process.env.PATH = '/usr/sbin:/usr/bin:/sbin:/bin';
process.env.LC_ALL = 'C';

function parseArgs(argv: string[]): { testAllowDevices: string[] } {
  const testAllowDevices: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--test-allow-device' && value && /^\/dev\/loop\d+$/.test(value)) {
      testAllowDevices.push(value);
      i++;
    } else {
      process.stderr.write(`usb-helper: unexpected argument ${JSON.stringify(arg)}\n`);
      process.exit(2);
    }
  }
  return { testAllowDevices };
}

function send(message: HelperMessage): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

function finish(code: number): void {
  // let stdout drain before leaving
  process.stdout.write('', () => process.exit(code));
}

const { testAllowDevices } = parseArgs(process.argv.slice(2));
let job: Promise<void> | undefined;
let cancelRequested = false;
let exitCode = 0;

const refuse = (reason: string) => {
  if (job) {
    // a confused or hostile peer mid-write: stop safely (the boot area stays cleared)
    cancelRequested = true;
    return;
  }
  send({ type: 'failed', code: 'usb.protocolError', params: { reason }, bootAreaCleared: false });
  finish(2);
};

send({ type: 'ready', version: HELPER_PROTOCOL_VERSION, pid: process.pid });

readLines(
  process.stdin,
  MAX_REQUEST_LINE,
  (line) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      refuse('not JSON');
      return;
    }
    const request = helperRequestSchema.safeParse(parsed);
    if (!request.success) {
      refuse(
        request.error.issues
          .map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`)
          .join('; ')
          .slice(0, 300),
      );
      return;
    }
    const message = request.data;
    if (message.type === 'cancel') {
      if (!job) {
        send({ type: 'cancelled', bootAreaCleared: false });
        finish(0);
      }
      cancelRequested = true;
      return;
    }
    if (job) {
      refuse('one helper performs one job');
      return;
    }
    job = runJob(message, {
      testAllowDevices,
      env: process.env,
      cancelled: () => cancelRequested,
      send: (m) => {
        if (m.type === 'failed') exitCode = 1;
        send(m);
      },
    }).then(() => finish(exitCode));
  },
  () => refuse('request line too long'),
  () => {
    // the app went away: never keep writing unattended
    if (job) cancelRequested = true;
    else finish(0);
  },
);
