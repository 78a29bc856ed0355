import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/api/errors';
import type { GenerateInput, GeneratedFile } from '../../../shared/api/domains/manual';
import { buildNodeIgnition } from '../../../shared/ignition/node-ignition';
import { validateHostname } from '../../../shared/hostname';
import { validateNetwork, isDhcpOnly } from '../../../shared/network/model';
import { blocking, type Issue } from '../../../shared/network/issue';
import { toKeyfiles } from '../../../shared/network/keyfile';
import { toNmcliScript } from '../../../shared/network/nmcli';
import { toNmstateYaml, toNmStateConfig, macInterfaceMap } from '../../../shared/network/nmstate';
import { buildInstallCommand, validateInstallInput, LIST_DISKS_COMMAND } from '../../../shared/coreos-installer';
import { urlHost } from './ignition-server';
import { shellQuote } from '../../../shared/network/shell';

export const WORKER_IGN_FILE = 'worker.ign';
export const NODE_IGN_FILE = 'new-worker.ign';

export interface GeneratedSet {
  files: GeneratedFile[];
  nodeIgnitionUrl: string;
  nodeIgnitionSha512: string;
  commands: { nmcli: string; install: string; listDisks: string; verify: string };
}

const sha512 = (text: string) => createHash('sha512').update(text, 'utf8').digest('hex');

/** Every input problem at once; generation refuses while any blocking issue remains. */
export function generationIssues(input: GenerateInput): Issue[] {
  const issues = [
    ...validateHostname(input.hostname),
    ...validateNetwork(input.network).map((i) => ({ ...i, path: `network.${i.path ?? ''}` })),
    ...validateInstallInput({ device: input.installDevice, ignitionUrl: baseUrl(input) + NODE_IGN_FILE, ignitionSha512: '0'.repeat(128), appendKargs: input.appendKargs }),
  ];
  if (input.nmStateConfig && macInterfaceMap(input.network).length === 0) issues.push({ key: 'manual.issues.nmStateConfigNeedsMac', path: 'network.interfaces' });
  return issues;
}

export function baseUrl(input: Pick<GenerateInput, 'server'>): string {
  return `http://${urlHost(input.server.host)}:${input.server.port}/`;
}

/**
 * Builds the job's files from the worker.ign text and the wizard input. Pure apart from hashing:
 * the same input gives the same bytes, so regenerating never changes a hash the technician has
 * already typed unless an input changed.
 */
export function generateFiles(workerIgnText: string, input: GenerateInput): GeneratedSet {
  const problems = blocking(generationIssues(input));
  if (problems.length > 0) throw new AppError('manual.invalidInput', { count: problems.length, first: problems[0]!.key }, problems);
  const base = baseUrl(input);
  const files: GeneratedFile[] = [];
  const add = (name: string, purpose: string, content: string, served: boolean) =>
    files.push({ name, purpose: `manual.files.${purpose}`, content, size: Buffer.byteLength(content), sha512: sha512(content), served });

  if (input.delivery === 'served') add(WORKER_IGN_FILE, 'workerIgn', workerIgnText, true);
  const nodeIgn = buildNodeIgnition({
    workerIgn: input.delivery === 'served' ? { url: base + WORKER_IGN_FILE, sha512: sha512(workerIgnText) } : { inline: workerIgnText },
    hostname: input.hostname,
  });
  add(NODE_IGN_FILE, 'nodeIgn', nodeIgn, true);

  const staticNet = !isDhcpOnly(input.network);
  const nmcli = staticNet ? toNmcliScript(input.network, { style: input.nmcliStyle }) : '';
  if (staticNet) {
    for (const k of toKeyfiles(input.network)) add(k.fileName, 'keyfile', k.content, true);
    add('nmcli.sh', 'nmcli', nmcli, false);
    add('nmstate.yaml', 'nmstate', toNmstateYaml(input.network), false);
    if (input.nmStateConfig) {
      const name = input.hostname.split('.')[0] ?? 'worker';
      add('nmstateconfig.yaml', 'nmStateConfig', toNmStateConfig(input.network, { name, namespace: input.nmStateConfig.namespace, labels: input.nmStateConfig.labels }), false);
    }
  }
  const nodeUrl = base + NODE_IGN_FILE;
  const nodeSha = sha512(nodeIgn);
  const install = buildInstallCommand({ device: input.installDevice, ignitionUrl: nodeUrl, ignitionSha512: nodeSha, copyNetwork: staticNet, appendKargs: input.appendKargs });
  add('install.sh', 'install', `${install}\n`, false);
  // -g: an IPv6 URL's brackets are not curl glob ranges.
  const verify = `curl -fsSg -o /tmp/${NODE_IGN_FILE} ${shellQuote(nodeUrl)} && echo '${nodeSha}  /tmp/${NODE_IGN_FILE}' | sha512sum -c -`;
  return { files, nodeIgnitionUrl: nodeUrl, nodeIgnitionSha512: nodeSha, commands: { nmcli, install, listDisks: LIST_DISKS_COMMAND, verify } };
}
