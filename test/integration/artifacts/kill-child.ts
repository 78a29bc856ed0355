/**
 * Child process for the SIGKILL test: starts a download with the real service and waits; the
 * parent kills it with SIGKILL part-way through.
 */
import { ArtifactService } from '../../../electron/services/artifacts/artifact-service';

const [cacheDir, dataDir, url, sha256] = process.argv.slice(2) as [string, string, string, string];
const service = new ArtifactService({ cacheDir: () => cacheDir, dataDir, env: {}, engine: { stallTimeoutMs: 600_000 } });
service.download({ url, sha256, kind: 'rhcos-iso', name: 'killed.iso', jobId: 'job-killed' }).then(
  () => process.stdout.write('finished\n'),
  (err: unknown) => process.stdout.write(`failed ${String(err)}\n`),
);
