/** Child process for bench-manual.ts: our Ignition server on 127.0.0.1, serving the given files, like nginx in its own process. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { startIgnitionServer } from '../electron/services/manual/ignition-server';

const files = process.argv.slice(2).map((p) => ({ name: basename(p), bytes: readFileSync(p) }));
let hits = 0;
const server = await startIgnitionServer({ host: '127.0.0.1', port: 0, files, onAccess: () => hits++ });
process.stdout.write(`PORT ${server.port}\n`);
process.on('SIGTERM', () => {
  process.stderr.write(`served ${hits}\n`);
  void server.close().then(() => process.exit(0));
});
