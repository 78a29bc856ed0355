import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { InfraEnvCreateParams } from '@openshift-assisted/types/assisted-installer-service';
import { AppError } from '../../../shared/api/errors';
import { jsonProblem, ParseError } from '../../../shared/parse/parse-problem';
import type { AssistedState } from '../../../shared/api/domains/assisted';
import type { z } from 'zod';
import type { infraEnvInputSchema } from '../../../shared/api/domains/assisted';
import { checkPullSecret, checkSshPublicKey } from '../../../shared/assisted/cluster';
import { isoFileOf, type AssistedContext } from './assisted-context';
import { archOf, cap, dropUndefined, majorMinor, validDate } from './assisted-values';

type InfraEnvInput = z.output<typeof infraEnvInputSchema>;

/** Step 3: the discovery ISO's settings (infra-env), its signed URL and its download into the cache. */
export class InfraEnvStep {
  constructor(private readonly c: AssistedContext) {}

  async checkPullSecret(path: string): Promise<{ ok: boolean; problem?: string; registries: string[] }> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      throw new AppError('assisted.pullSecretUnreadable', { path, reason: (err as NodeJS.ErrnoException).code ?? 'error' });
    }
    const check = checkPullSecret(text);
    const result: { ok: boolean; problem?: string; registries: string[] } = { ok: check.ok, registries: check.registries };
    if (check.problem) result.problem = check.problem;
    return result;
  }

  async sshKeys(): Promise<{ path: string; key: string; type: string; comment?: string }[]> {
    const dir = join(this.c.o.homeDir, '.ssh');
    const names = await readdir(dir).catch(() => [] as string[]);
    const keys: { path: string; key: string; type: string; comment?: string }[] = [];
    for (const name of names.filter((n) => n.endsWith('.pub')).sort()) {
      const path = join(dir, name);
      const key = (await readFile(path, 'utf8').catch(() => '')).trim();
      const check = checkSshPublicKey(key);
      if (!check.ok || !check.type) continue;
      keys.push({ path, key, type: check.type, ...(check.comment ? { comment: check.comment } : {}) });
    }
    return keys;
  }

  async saveInfraEnv(input: InfraEnvInput): Promise<AssistedState> {
    return this.c.once(`${input.id}:infraenv`, async () => {
      const data = await this.c.data(input.id);
      if (!data.cluster || !data.clusterId) throw new AppError('assisted.clusterMissing');
      const job = await this.c.o.jobs.get(input.id);
      const { pullSecretText, secret, sshKey, ntp } = await checkInfraEnvInput(input);

      const arch = archOf(job.data.cluster);
      const name = `${data.cluster.name}-day2-${arch}`;
      const proxy = input.httpProxy || input.httpsProxy ? { httpProxy: input.httpProxy || undefined, httpsProxy: input.httpsProxy || undefined, noProxy: input.noProxy || undefined } : undefined;
      const params: InfraEnvCreateParams = {
        name,
        clusterId: data.clusterId,
        pullSecret: pullSecretText.trim(),
        imageType: input.imageType,
        cpuArchitecture: arch,
        openshiftVersion: majorMinor(data.cluster.version),
        ...(sshKey ? { sshAuthorizedKey: sshKey } : {}),
        ...(proxy ? { proxy: dropUndefined(proxy) } : {}),
        ...(ntp.length ? { additionalNtpSources: ntp.join(',') } : {}),
        ...(input.staticNetworkYaml ? { staticNetworkConfig: [{ networkYaml: input.staticNetworkYaml, ...(input.macInterfaceMap ? { macInterfaceMap: input.macInterfaceMap } : {}) }] } : {}),
      };
      let infraEnvId = data.infraEnv?.id;
      if (!infraEnvId) {
        // Reuse one left by an earlier attempt (its response may have been lost) rather than making another.
        const existing = (await this.c.o.client.listInfraEnvs(data.clusterId)).find((e) => e.name === name);
        infraEnvId = existing?.id;
      }
      const { name: _n, clusterId: _c, cpuArchitecture: _a, ...update } = params;
      const infraEnv = infraEnvId ? await this.c.o.client.updateInfraEnv(infraEnvId, update) : await this.c.o.client.createInfraEnv(params);
      await this.c.save(
        input.id,
        (d) => ({
          ...d,
          infraEnv: dropUndefined({
            id: infraEnv.id,
            name,
            imageType: input.imageType,
            pullSecretPath: input.pullSecretPath,
            pullSecretRegistries: secret.registries,
            sshPublicKey: sshKey,
            httpProxy: input.httpProxy || undefined,
            httpsProxy: input.httpsProxy || undefined,
            noProxy: input.noProxy || undefined,
            ntpSources: ntp.length ? ntp.join(',') : undefined,
            staticNetwork: Boolean(input.staticNetworkYaml),
            networkYaml: input.staticNetworkYaml || undefined,
            macInterfaceMap: input.staticNetworkYaml ? input.macInterfaceMap : undefined,
            expiresAt: validDate(infraEnv.expiresAt),
            sizeBytes: infraEnv.sizeBytes,
            createdAt: d.infraEnv?.createdAt ?? this.c.now(),
          }),
          // A changed ISO type means the file on disk is no longer the right one.
          iso: d.iso && d.iso.imageType === input.imageType && d.infraEnv?.id === infraEnv.id ? d.iso : undefined,
        }),
        'download',
      );
      await this.c.audit(input.id, 'infraEnv', `${infraEnvId ? 'Updated' : 'Created'} discovery ISO settings ${infraEnv.id} (${input.imageType})`, { infraEnvId: infraEnv.id });
      return this.c.state(input.id);
    });
  }

  async imageUrl(jobId: string): Promise<{ url: string; expiresAt?: string }> {
    const data = await this.c.data(jobId);
    if (!data.infraEnv) throw new AppError('assisted.infraEnvMissing');
    const signed = await this.c.o.client.imageUrl(data.infraEnv.id);
    const expiresAt = validDate(signed.expiresAt);
    await this.c.save(jobId, (d) => (d.infraEnv ? { ...d, infraEnv: dropUndefined({ ...d.infraEnv, expiresAt }) } : d));
    return { url: signed.url ?? '', ...(expiresAt ? { expiresAt } : {}) };
  }

  async downloadIso(jobId: string): Promise<AssistedState> {
    return this.c.once(`${jobId}:download`, async () => {
      const data = await this.c.data(jobId);
      if (!data.infraEnv || !data.cluster) throw new AppError('assisted.infraEnvMissing');
      const { infraEnv, cluster } = data;
      const first = await this.imageUrl(jobId);
      let used = false;
      // Progress goes out once, as the artifact cache's artifacts.progress for state.isoFile.artifactId.
      const result = await this.c.o.download({
        url: first.url,
        kind: 'discovery-iso',
        name: isoFileOf(data)!,
        version: cluster.version,
        jobId,
        // The first attempt uses the URL just signed; later attempts (after expiry) get a fresh one.
        refreshUrl: async () => {
          if (!used) {
            used = true;
            return first;
          }
          return this.imageUrl(jobId);
        },
      });
      await this.c.save(
        jobId,
        (d) => ({ ...d, iso: dropUndefined({ path: result.path, size: result.size, sha256: result.sha256, artifactId: result.id, imageType: infraEnv.imageType, downloadedAt: this.c.now() }) }),
        'hosts',
      );
      await this.c.audit(jobId, 'isoDownloaded', `Discovery ISO saved (${result.size} bytes)`, { path: result.path, sha256: result.sha256 });
      return this.c.state(jobId);
    });
  }
}

/** Every field of the ISO settings checked before anything is sent: the pull secret file, the SSH key, proxies, NTP sources. */
async function checkInfraEnvInput(input: InfraEnvInput) {
  const pullSecretText = await readFile(input.pullSecretPath, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new AppError('assisted.pullSecretUnreadable', { path: input.pullSecretPath, reason: err.code ?? 'error' });
  });
  const secret = checkPullSecret(pullSecretText);
  if (secret.problem === 'notJson') throw new ParseError(jsonProblem(pullSecretText, input.pullSecretPath), 'assisted.pullSecretNotJson', { path: input.pullSecretPath });
  if (!secret.ok) throw new AppError(`assisted.pullSecret${cap(secret.problem ?? 'notJson')}`, { path: input.pullSecretPath });
  const sshKey = input.sshPublicKey?.trim() || undefined;
  if (sshKey) {
    const ssh = checkSshPublicKey(sshKey);
    if (!ssh.ok) throw new AppError(`assisted.sshKey${cap(ssh.problem ?? 'invalid')}`);
  }
  for (const [field, value] of [
    ['httpProxy', input.httpProxy],
    ['httpsProxy', input.httpsProxy],
  ] as const) {
    if (value && !/^https?:\/\/[^\s/]+/.test(value)) throw new AppError('assisted.proxyInvalid', { field, value: value.slice(0, 120) });
  }
  const ntp = input.ntpSources?.split(/[\s,]+/).filter(Boolean) ?? [];
  const badNtp = ntp.find((n) => !/^[a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?$|^[0-9a-fA-F:]+$/.test(n));
  if (badNtp) throw new AppError('assisted.ntpInvalid', { value: badNtp.slice(0, 80) });
  return { pullSecretText, secret, sshKey, ntp };
}
