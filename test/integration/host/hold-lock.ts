// A real process that takes the data-folder lock the way the desktop app, the browser host and
// the CLI do, for the lock tests: `node --import tsx hold-lock.ts <dataDir> <holder>`.
// Prints "ready", waits for "go" on stdin, tries the lock, prints "locked <pid>" or
// "refused <code> <message>", then keeps it until stdin closes.
import { createInterface } from 'node:readline';
import { acquireDataFolderLock, lockHolderSchema, type DataFolderLock } from '../../../electron/services/lock/data-folder-lock';
import { AppError } from '../../../shared/api/errors';

const [dataDir, holder] = process.argv.slice(2);
let lock: DataFolderLock | undefined;
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line !== 'go') return;
  acquireDataFolderLock(dataDir!, lockHolderSchema.parse(holder)).then(
    (held) => {
      lock = held;
      process.stdout.write(`locked ${process.pid}\n`);
    },
    (err: unknown) => {
      process.stdout.write(`refused ${err instanceof AppError ? `${err.code} ${err.message}` : String(err)}\n`);
      process.exit(1);
    },
  );
});
lines.on('close', () => {
  void (lock?.release() ?? Promise.resolve()).then(() => process.exit(0));
});
process.stdout.write('ready\n');
