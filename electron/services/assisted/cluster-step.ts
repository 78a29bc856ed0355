import { AppError, isAppError } from '../../../shared/api/errors';
import { assistedDataSchema, type AssistedState } from '../../../shared/api/domains/assisted';
import type { z } from 'zod';
import type { clusterInputSchema } from '../../../shared/api/domains/assisted';
import { apiHostFromUrl, apiVipDnsname, clusterNamesFromApiHost, isUuid, isVersionString, minimumVersion, versionAtLeast } from '../../../shared/assisted/cluster';
import type { AssistedContext } from './assisted-context';

type ClusterInput = z.output<typeof clusterInputSchema>;

/** Steps 1-2: the OpenShift cluster's details, then its Assisted cluster, found or imported once. */
export class ClusterStep {
  constructor(private readonly c: AssistedContext) {}

  async setCluster(input: ClusterInput): Promise<AssistedState> {
    const openshiftClusterId = input.openshiftClusterId.trim().toLowerCase();
    if (!isUuid(openshiftClusterId)) throw new AppError('assisted.clusterIdInvalid', { value: input.openshiftClusterId.slice(0, 80) });
    if (!isVersionString(input.version)) throw new AppError('assisted.versionInvalid', { version: input.version.slice(0, 40) });
    if (!versionAtLeast(input.version)) throw new AppError('assisted.versionTooOld', { version: input.version, minimum: minimumVersion });
    const apiHost = apiHostFromUrl(input.apiHost);
    const names = clusterNamesFromApiHost(apiHost);
    if (!names) throw new AppError('assisted.apiHostInvalid', { host: apiHost });
    await this.c.save(
      input.id,
      (d) => {
        const changed = d.cluster && d.cluster.openshiftClusterId !== openshiftClusterId;
        // Another cluster: everything found or created for the previous one no longer applies.
        const base = changed ? assistedDataSchema.parse({}) : d;
        return { ...base, cluster: { openshiftClusterId, apiHost: apiVipDnsname(names), name: names.name, baseDomain: names.baseDomain, version: input.version.trim(), source: input.source } };
      },
      'cluster',
    );
    this.c.live.delete(input.id);
    await this.c.audit(input.id, 'cluster', `Cluster ${openshiftClusterId} (${apiHost}, ${input.version})`);
    return this.c.state(input.id);
  }

  async prepareCluster(jobId: string): Promise<AssistedState> {
    return this.c.once(`${jobId}:prepare`, async () => {
      const data = await this.c.data(jobId);
      if (!data.cluster) throw new AppError('assisted.clusterMissing');
      const { cluster } = data;
      if (data.clusterId) {
        try {
          const found = await this.c.o.client.getCluster(data.clusterId);
          this.c.setLive(jobId, { clusterStatus: found.status });
          return this.c.state(jobId);
        } catch (err) {
          if (!isAppError(err, 'assisted.notVisible')) throw err;
          // Deleted (garbage-collected after inactivity) or another account: look it up again below.
          await this.c.save(jobId, (d) => ({ ...d, clusterId: undefined, infraEnv: undefined, iso: undefined, hosts: {}, eventsSeen: 0 }));
        }
      }
      // Always look first: a previous import whose response was lost has created it already.
      const existing = await this.c.o.client.findAddHostsClusters(cluster.openshiftClusterId);
      if (existing.length) {
        const newest = [...existing].sort((a, b) => String(b.createdAt ?? '').localeCompare(String(a.createdAt ?? '')))[0]!;
        await this.c.save(jobId, (d) => ({ ...d, clusterId: newest.id, clusterImported: d.importStartedAt !== undefined }), 'iso');
        this.c.setLive(jobId, { clusterStatus: newest.status });
        await this.c.audit(jobId, 'found', `Found Assisted cluster ${newest.id}`, { clusterId: newest.id });
        return this.c.state(jobId);
      }
      await this.c.save(jobId, (d) => ({ ...d, importStartedAt: this.c.now() }));
      const created = await this.c.o.client.importCluster({
        name: cluster.name,
        apiVipDnsname: cluster.apiHost,
        openshiftClusterId: cluster.openshiftClusterId,
        openshiftVersion: cluster.version,
      });
      await this.c.save(jobId, (d) => ({ ...d, clusterId: created.id, clusterImported: true }), 'iso');
      this.c.setLive(jobId, { clusterStatus: created.status });
      await this.c.audit(jobId, 'imported', `Imported cluster ${cluster.name} as ${created.id}`, { clusterId: created.id });
      return this.c.state(jobId);
    });
  }
}
