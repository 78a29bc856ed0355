import { stringify } from 'yaml';
import { normalizeMac, type NetworkModel } from '../network/model';
import { blocking, type Issue } from '../network/issue';
import type { JobFacts } from './facts';
import { validateFleetOptions, type FleetOptions } from './fleet-options';
import type { Translator } from './html';
import { bareMetalHost, bmcSecretTemplate, clusterInstanceNode, infraEnv, nmStateConfig, openshiftArch, pullSecretTemplate, rootDeviceHint, siteConfigNode, type NodeContext } from './fleet-manifests';
import { fleetReadme } from './fleet-readme';

export interface ExportFile {
  /** Relative to the export folder, '/'-separated */
  path: string;
  content: string;
  /** i18n key under handoff.fleet.files */
  purpose: string;
  /** Listed in kustomization.yaml (applied by `oc apply -k`); templates and ZTP entries are not */
  applied: boolean;
}
export interface SkippedPart {
  key: string;
  params?: Record<string, string | number>;
}
export interface FleetExport {
  files: ExportFile[];
  skipped: SkippedPart[];
  /** Blocking problems with the options: nothing is exported while any remains */
  issues: Issue[];
}

export interface ExportEnv {
  t: Translator;
  generatedAt: string;
}

/**
 * The node's network for NMStateConfig / nodeNetwork: every NIC needs a MAC there. A single NIC
 * without one takes the boot MAC; with none at all there is nothing to map, and DHCP needs no CR.
 */
export function exportNetwork(model: NetworkModel | undefined, bootMac: string): NetworkModel | undefined {
  if (!model) return undefined;
  const missing = model.interfaces.filter((i) => i.type === 'ethernet' && !i.macAddress);
  const bootUsed = model.interfaces.some((i) => i.macAddress && normalizeMac(i.macAddress) === normalizeMac(bootMac));
  const filled = missing.length === 1 && bootMac && !bootUsed ? { ...model, interfaces: model.interfaces.map((i) => (i === missing[0] ? { ...i, macAddress: normalizeMac(bootMac) } : i)) } : model;
  return filled.interfaces.some((i) => i.macAddress) ? filled : undefined;
}

/** Proxy settings without credentials (a user:password@ proxy is left for the platform team). */
function proxyOf(facts: JobFacts, skipped: SkippedPart[]): NodeContext['proxy'] {
  const p = facts.discovery?.proxy;
  if (!p) return undefined;
  if ([p.httpProxy, p.httpsProxy].some((u) => u && /\/\/[^/]*@/.test(u))) {
    skipped.push({ key: 'proxyCredentials' });
    return undefined;
  }
  return p;
}

function yamlFile(path: string, purpose: string, docs: unknown[], header: string, applied: boolean): ExportFile {
  const body = docs.map((d) => stringify(d, { lineWidth: 0 })).join('---\n');
  return { path, purpose, applied, content: `${header}${body}` };
}

export function buildFleetExport(facts: JobFacts, options: FleetOptions, env: ExportEnv): FleetExport {
  const issues = blocking(validateFleetOptions(options));
  if (issues.length > 0) return { files: [], skipped: [], issues };
  const { t } = env;
  const skipped: SkippedPart[] = [];
  const network = exportNetwork(facts.network, options.bootMacAddress);
  if (!network) skipped.push({ key: facts.network ? 'noMacForNetwork' : 'noNetwork' });
  const architecture = openshiftArch(facts.cluster?.architecture);
  const proxy = proxyOf(facts, skipped);
  if (facts.node.installDisk && !rootDeviceHint(facts.node.installDisk)) skipped.push({ key: 'rootDeviceHint', params: { disk: facts.node.installDisk } });
  const ctx: NodeContext = {
    ...(network ? { network } : {}),
    ...(architecture ? { architecture } : {}),
    ...(facts.node.installDisk ? { installDisk: facts.node.installDisk } : {}),
    ...(facts.discovery?.ntpSources.length ? { ntpSources: facts.discovery.ntpSources } : {}),
    ...(proxy ? { proxy } : {}),
  };
  const header = (purpose: string) => `# ${t(`handoff.fleet.files.${purpose}`)}\n# ${t('handoff.fleet.generatedBy', { job: facts.job.id, when: env.generatedAt })}\n`;
  const file = (path: string, purpose: string, docs: Record<string, unknown>[], applied: boolean) => yamlFile(path, purpose, docs, header(purpose), applied);

  const files: ExportFile[] = [file('infraenv.yaml', 'infraEnv', [infraEnv(options, ctx)], true)];
  if (network) files.push(file('nmstateconfig.yaml', 'nmStateConfig', [nmStateConfig(options, network)], true));
  files.push(file('secrets/pull-secret.yaml', 'pullSecret', [pullSecretTemplate(options)], false));
  if (options.bmcAddress) {
    files.push(file('baremetalhost.yaml', 'bareMetalHost', [bareMetalHost(options, ctx)], true));
    files.push(file('secrets/bmc-credentials.yaml', 'bmcSecret', [bmcSecretTemplate(options)], false));
    // ZTP node entries are lists with one item, ready to paste under `nodes:`
    files.push(yamlFile('ztp/clusterinstance-node.yaml', 'clusterInstanceNode', [[clusterInstanceNode(options, ctx)]], header('clusterInstanceNode'), false));
    files.push(yamlFile('ztp/siteconfig-node.yaml', 'siteConfigNode', [[siteConfigNode(options, ctx)]], header('siteConfigNode'), false));
  } else {
    skipped.push({ key: 'noBmc' });
  }
  const kustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: files.filter((f) => f.applied).map((f) => f.path),
  };
  files.unshift({ path: 'kustomization.yaml', purpose: 'kustomization', applied: false, content: `${header('kustomization')}${stringify(kustomization)}` });
  files.push({ path: 'README.md', purpose: 'readme', applied: false, content: fleetReadme(facts, options, files, skipped, env) });
  return { files, skipped, issues: [] };
}
