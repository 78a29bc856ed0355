import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { buildNodeIgnition } from '../../../shared/ignition/node-ignition';
import { toKeyfiles } from '../../../shared/network/keyfile';
import { toNmcliScript } from '../../../shared/network/nmcli';
import { toNmstateYaml, toNmStateConfig } from '../../../shared/network/nmstate';
import { buildInstallCommand } from '../../../shared/coreos-installer';
import { bondVlanModel, staticModel, workerIgnFixture } from './fixtures';

/** Where the reviewed outputs live; written only by `npm run goldens` (scripts/goldens.ts), never by a test run. */
export const goldenDir = join(import.meta.dirname, 'golden');

export const WORKER_IGN = workerIgnFixture();
export const WORKER_IGN_SHA512 = createHash('sha512').update(WORKER_IGN).digest('hex');

/** Each golden file and the builder call that produces it; the tests and scripts/goldens.ts share these. */
export const goldenCases: Record<string, () => string> = {
  // The hash given in upper case on purpose: the builder normalises it.
  'new-worker.served.ign': () => buildNodeIgnition({ workerIgn: { url: 'http://10.1.101.10:8080/worker.ign', sha512: WORKER_IGN_SHA512.toUpperCase() }, hostname: 'worker-1.sno1.example.com' }),
  'new-worker.inline.ign': () => buildNodeIgnition({ workerIgn: { inline: WORKER_IGN }, hostname: 'worker-1.sno1.example.com' }),
  'ens3.nmconnection': () => toKeyfiles(staticModel())[0]!.content,
  'bond-vlan.nmconnection.txt': () =>
    toKeyfiles(bondVlanModel())
      .map((f) => `# ${f.fileName}\n${f.content}`)
      .join('\n'),
  'nmcli-static.sh': () => toNmcliScript(staticModel()),
  'nmcli-bond-vlan.sh': () => toNmcliScript(bondVlanModel()),
  'nmstate-bond-vlan.yaml': () => toNmstateYaml(bondVlanModel()),
  'nmstateconfig-static.yaml': () => toNmStateConfig(staticModel(), { name: 'worker-1', namespace: 'sno1', labels: { 'infraenvs.agent-install.openshift.io': 'sno1' } }),
  'install-static.sh': () =>
    `${buildInstallCommand({ device: '/dev/disk/by-id/nvme-Samsung_SSD_980_S1', ignitionUrl: 'http://10.1.101.10:8080/new-worker.ign', ignitionSha512: WORKER_IGN_SHA512, copyNetwork: true, appendKargs: ['console=ttyS0,115200n8'] })}\n`,
};
