import { createHash, X509Certificate } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { AppError, isAppError } from '../../../shared/api/errors';
import { inspectWorkerIgn } from '../../../shared/ignition/worker-ign';
import type { WorkerIgnInfo } from '../../../shared/api/domains/manual';

/** The part of the cluster access the manual flow needs (KubeAccess satisfies it). */
export interface SecretReader {
  getSecret(namespace: string, name: string): Promise<Record<string, string>>;
}

export const WORKER_SECRET_NAMESPACE = 'openshift-machine-api';
export const WORKER_SECRET = 'worker-user-data-managed';
/** Clusters installed at 4.5 or earlier still have this one, holding a spec 2.2 config */
export const LEGACY_WORKER_SECRET = 'worker-user-data';
const MAX_WORKER_IGN = 1024 * 1024;

export interface LoadedWorkerIgn {
  text: string;
  info: WorkerIgnInfo;
}

/** Reads `userData` of the managed worker secret; explains a missing secret and refuses spec 2.x. */
export async function workerIgnFromCluster(kube: SecretReader, now: number): Promise<LoadedWorkerIgn> {
  let data: Record<string, string>;
  let origin = `${WORKER_SECRET_NAMESPACE}/${WORKER_SECRET}`;
  try {
    data = await kube.getSecret(WORKER_SECRET_NAMESPACE, WORKER_SECRET);
  } catch (err) {
    if (!isAppError(err, 'cluster.notFound')) throw err;
    // Without the managed secret, look at the legacy one only to explain what is wrong with it.
    origin = `${WORKER_SECRET_NAMESPACE}/${LEGACY_WORKER_SECRET}`;
    try {
      data = await kube.getSecret(WORKER_SECRET_NAMESPACE, LEGACY_WORKER_SECRET);
    } catch (legacyErr) {
      if (isAppError(legacyErr, 'cluster.notFound')) throw new AppError('manual.workerSecretMissing', { secret: `${WORKER_SECRET_NAMESPACE}/${WORKER_SECRET}` });
      throw legacyErr;
    }
  }
  const text = data.userData;
  if (text === undefined || text.trim() === '') throw new AppError('manual.workerSecretNoUserData', { secret: origin });
  return checked(text, 'cluster', origin, now);
}

export async function workerIgnFromFile(path: string, now: number): Promise<LoadedWorkerIgn> {
  let text: string;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new AppError('manual.workerIgnFile', { path, reason: 'not a regular file' });
    if (info.size > MAX_WORKER_IGN) throw new AppError('manual.workerIgnFile', { path, reason: `${info.size} bytes is too large for a pointer config` });
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (isAppError(err)) throw err;
    throw new AppError('manual.workerIgnFile', { path, reason: (err as NodeJS.ErrnoException).code ?? String(err) });
  }
  return checked(text, 'file', path, now);
}

export function checked(text: string, source: 'cluster' | 'file', origin: string, now: number): LoadedWorkerIgn {
  const verdict = inspectWorkerIgn(text);
  if (!verdict.ok) {
    const code = { notJson: 'workerIgnNotJson', notIgnition: 'workerIgnNotIgnition', spec2: 'workerIgnSpec2', unsupportedVersion: 'workerIgnVersion', noConfigSource: 'workerIgnEmpty' }[verdict.code];
    throw new AppError(`manual.${code}`, { origin, ...verdict.params });
  }
  const bytes = Buffer.from(text, 'utf8');
  const info: WorkerIgnInfo = {
    source,
    origin,
    version: verdict.info.version,
    mergeSources: verdict.info.mergeSources,
    caCount: verdict.info.caPems.length + verdict.info.caUrls.length,
    ca: verdict.info.caPems.flatMap(describeCa),
    sha512: createHash('sha512').update(bytes).digest('hex'),
    size: bytes.length,
    loadedAt: new Date(now).toISOString(),
  };
  if (verdict.info.mergeHost) info.mergeHost = verdict.info.mergeHost;
  return { text, info };
}

/** Subject, expiry and fingerprint of each certificate in a PEM bundle; unreadable ones are skipped. */
function describeCa(pem: string): WorkerIgnInfo['ca'] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.flatMap((block) => {
    try {
      const cert = new X509Certificate(block);
      return [{ subject: cert.subject.replace(/\n/g, ', '), notAfter: new Date(cert.validTo).toISOString(), sha256: createHash('sha256').update(cert.raw).digest('hex') }];
    } catch {
      return [];
    }
  });
}
