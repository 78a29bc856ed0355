#!/usr/bin/env node
// STAND-IN for `oc` — not the real OpenShift CLI.
//
// Why a stand-in: the real `oc adm node-image create` starts a node-joiner pod on a live OpenShift
// cluster, which pulls the release's installer image and builds the ISO from the cluster's
// coreos-bootimages stream. There is no such cluster in practice mode or in the tests (only the
// Kubernetes API simulator), and oc binaries cannot be downloaded here. This script answers the
// documented contract of oc instead (openshift/oc pkg/cli/admin/nodeimage/create.go and
// basenodeimagecommand.go, pkg/cli/version): the same flags and flag errors, the version check
// against the cluster's ClusterVersion, the "<time> [node-image create] <message>" progress lines
// with the node-joiner's stage descriptions, node.<arch>.iso in --dir on success, and on failure
// report.json in the installer's workflow-report format with exit code 1.
//
// It reads only what the simulator writes: a token kubeconfig with one cluster. Environment:
//   OC_STANDIN_BASE_ISO  the live ISO copied to node.<arch>.iso (a real ISO: the coreos-installer fixture)
//   OC_STANDIN_VERSION   the version `oc version` reports (default 4.18.12)
//   OC_STANDIN_FAIL      force a failure: image-pull | nmstate (an address used by a node fails by itself)
//   OC_STANDIN_STEP_MS   pause between stages (default 150)
import { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join, resolve } from 'node:path';

const VERSION = process.env.OC_STANDIN_VERSION || '4.18.12';
const STEP_MS = Number(process.env.OC_STANDIN_STEP_MS ?? 150);
const SINGLE_NODE = ['mac-address', 'cpu-architecture', 'ssh-key-path', 'hostname', 'root-device-hint', 'network-config-path'];
const SHORT = { a: 'registry-config', o: 'output-name', p: 'pxe', r: 'report', m: 'mac-address', c: 'cpu-architecture', k: 'ssh-key-path' };
const CREATE_FLAGS = new Set(['dir', 'output-name', 'pxe', 'report', 'registry-config', 'insecure', 'skip-verification', 'certificate-authority', ...SINGLE_NODE]);
const GLOBAL_FLAGS = new Set(['kubeconfig', 'context', 'insecure-skip-tls-verify', 'loglevel', 'v', 'request-timeout']);
const BOOL_FLAGS = new Set(['pxe', 'report', 'insecure', 'skip-verification', 'insecure-skip-tls-verify']);
const STAGES = [
  ['add-nodes-cluster-inspection', 'Gathering additional information from the target cluster'],
  ['create-manifest', 'Creating internal configuration manifests'],
  ['ignition', 'Rendering ISO ignition'],
  [
    'fetch-base-iso',
    'Retrieving the base ISO image',
    ['fetch-base-iso.extract-image', 'Extracting base image from release payload'],
    ['fetch-base-iso.verify-version', 'Verifying base image version'],
  ],
  [
    'create-agent-artifacts',
    'Creating agent artifacts for the final image',
    ['create-agent-artifacts.agent-tui', 'Extracting required artifacts from release payload'],
    ['create-agent-artifacts.prepare', 'Preparing artifacts'],
  ],
  ['generate-iso', 'Assembling ISO image'],
];

class ExitError extends Error {
  constructor(message, code = 1) {
    super(message);
    this.code = code;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (text) => process.stdout.write(`${new Date().toISOString().replace(/\.\d+Z$/, 'Z')} [node-image create] ${text}\n`);

/** cobra/pflag parsing: --flag=value, --flag value, -x value, bool flags without a value. */
function parseFlags(args, known) {
  const flags = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('-')) throw new ExitError(`Error: unknown command "${arg}" for "oc adm node-image create"`);
    let [name, value] = arg.replace(/^--?/, '').split(/=(.*)/s, 2);
    if (!arg.startsWith('--')) {
      if (!SHORT[name]) throw new ExitError(`Error: unknown shorthand flag: '${name}' in ${arg}\nSee 'oc adm node-image create --help' for usage.`);
      name = SHORT[name];
    }
    if (!known.has(name) && !GLOBAL_FLAGS.has(name)) throw new ExitError(`Error: unknown flag: --${name}\nSee 'oc adm node-image create --help' for usage.`);
    if (value === undefined) value = BOOL_FLAGS.has(name) ? 'true' : args[++i];
    if (value === undefined) throw new ExitError(`Error: flag needs an argument: --${name}\nSee 'oc adm node-image create --help' for usage.`);
    flags[name] = value;
  }
  return flags;
}

/** The simulator's kubeconfig: one cluster with certificate-authority-data, one user with a token. */
function readKubeconfig(path) {
  const text = readFileSync(path, 'utf8');
  const field = (name) => new RegExp(`^\\s*${name}:\\s*(\\S+)`, 'm').exec(text)?.[1]?.replace(/^["']|["']$/g, '');
  const server = field('server');
  if (!server) throw new ExitError(`error: no server found for cluster in ${path}`);
  const ca = field('certificate-authority-data');
  return { server, token: field('token'), ca: ca ? Buffer.from(ca, 'base64') : undefined };
}

function apiGet(kube, path, insecure) {
  return new Promise((resolvePromise, reject) => {
    const req = request(
      new URL(path, kube.server),
      { ca: kube.ca, rejectUnauthorized: !insecure, headers: { accept: 'application/json', ...(kube.token ? { authorization: `Bearer ${kube.token}` } : {}) } },
      (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolvePromise({ status: res.statusCode, body: body ? JSON.parse(body) : {} }));
      },
    );
    req.on('error', (err) => reject(new ExitError(`error: Get "${new URL(path, kube.server)}": ${err.message}`)));
    req.end();
  });
}

async function version(args) {
  const at = args.findIndex((a) => a === '-o' || a === '--output');
  const output = at >= 0 ? args[at + 1] : /^(?:-o|--output)=(\S+)$/.exec(args.find((a) => /^(-o|--output)=/.test(a)) ?? '')?.[1];
  const json = output === 'json';
  const gitVersion = `v${VERSION}-standin`;
  if (json)
    process.stdout.write(
      `${JSON.stringify({ clientVersion: { major: '', minor: '', gitVersion, gitCommit: 'standin', gitTreeState: 'clean', buildDate: '2026-01-01T00:00:00Z', goVersion: 'go1.22', compiler: 'gc', platform: `${process.platform}/${process.arch}` }, releaseClientVersion: VERSION, kustomizeVersion: 'v5.0.4' }, null, 2)}\n`,
    );
  else process.stdout.write(`Client Version: ${VERSION}\nKustomize Version: v5.0.4\n`);
}

/** What the node-joiner would refuse for this cluster (an address a node already has), or a forced failure; `stage` is where it fails. */
function joinerFailure(configText, nodes) {
  if (process.env.OC_STANDIN_FAIL === 'image-pull') return { stage: -1, message: 'unable to pull image: InvalidImageName: invalid reference format' };
  if (process.env.OC_STANDIN_FAIL === 'nmstate')
    return { stage: 1, message: "failed to validate network yaml for host 0, failed to execute 'nmstatectl gc', error: InvalidArgument: Bond bond0 has no port defined" };
  for (const ip of configText.matchAll(/^\s*-?\s*ip:\s*["']?([0-9a-fA-F.:]+)/gm)) {
    const owner = nodes.find((n) => (n.status?.addresses ?? []).some((a) => a.address === ip[1]));
    if (owner) return { stage: 1, message: `address conflict found. The configured address ${ip[1]} is already used by the cluster node ${owner.metadata.name}` };
  }
  return undefined;
}

/** report.json as oc saves it: the node-joiner's report (or, when the pod never ran, only the result), one-space indent. */
function writeReport(dir, stages, failure) {
  const now = new Date().toISOString();
  const zero = '0001-01-01T00:00:00Z';
  const stage = ([id, description, ...subs]) => ({
    id,
    description,
    start_time: now,
    end_time: now,
    ...(subs.length ? { sub_stages: subs.map(([sid, sdesc]) => ({ id: sid, description: sdesc, start_time: now, end_time: now })) } : {}),
  });
  const header = stages > 0 ? { id: `report-addnodes-${now.slice(0, 16).replace(/[-:T]/g, '')}`, start_time: now, end_time: now } : { id: '', start_time: zero, end_time: zero };
  const result = failure ? { exit_code: 1, error_message: failure.message, detailed_error_message: failure.detail ?? `failed to fetch Agent Installer ISO: ${failure.message}` } : { exit_code: 0 };
  const report = { ...header, ...(stages > 0 ? { stages: STAGES.slice(0, stages).map(stage) } : {}), result };
  writeFileSync(join(dir, 'report.json'), JSON.stringify(report, null, ' '), { mode: 0o644 });
}

async function create(args) {
  const flags = parseFlags(args, CREATE_FLAGS);
  const single = SINGLE_NODE.filter((f) => f !== 'mac-address' && flags[f]);
  if (single.length && !flags['mac-address']) throw new ExitError(`error: found flag \`${single[0]}\` configured, but it requires also flag \`mac-address\` to be set`);
  const dir = resolve(flags.dir ?? process.cwd());
  const configPath = join(dir, 'nodes-config.yaml');
  let configText = '';
  if (!flags['mac-address']) {
    if (!existsSync(configPath)) throw new ExitError('error: stat nodes-config.yaml: no such file or directory');
    configText = readFileSync(configPath, 'utf8');
    if (/^\t/m.test(configText)) throw new ExitError('error: config file nodes-config.yaml is not valid: error converting YAML to JSON: yaml: found character that cannot start any token');
  }
  if (flags.pxe === 'true') throw new ExitError('error: this stand-in oc makes ISO images only, not PXE files');
  const kubeconfigPath = flags.kubeconfig ?? process.env.KUBECONFIG;
  if (!kubeconfigPath) throw new ExitError('error: Missing or incomplete configuration info.  Please point to an existing, complete config file');
  const kube = readKubeconfig(kubeconfigPath);
  const insecure = flags['insecure-skip-tls-verify'] === 'true';
  const cv = await apiGet(kube, '/apis/config.openshift.io/v1/clusterversions/version', insecure);
  if (cv.status === 401) throw new ExitError('error: You must be logged in to the server (Unauthorized)');
  if (cv.status !== 200) throw new ExitError('error: command expects a connection to an OpenShift 4.x server');
  const minor = Number(/^4\.(\d+)/.exec(cv.body.status?.desired?.version ?? '')?.[1] ?? 0);
  if (minor < 17) throw new ExitError("error: the 'oc adm node-image' command is only available for OpenShift versions 4.17 and later");
  const images = await apiGet(kube, '/api/v1/namespaces/openshift-config/configmaps/installer-images', insecure);
  if (images.status === 200) log(`installer pullspec obtained from installer-images configMap ${JSON.parse(images.body.data?.['images.json'] ?? '{}').installer ?? ''}`);
  else log('configMap containing installer-images is not available, trying to get image from registry');
  const nodes = (await apiGet(kube, '/api/v1/nodes', insecure)).body.items ?? [];
  log('Launching command');
  await sleep(STEP_MS);
  await runJoiner({ dir, flags, configText, nodes, withStages: minor >= 18 });
}

async function runJoiner({ dir, flags, configText, nodes, withStages }) {
  const failure = joinerFailure(configText, nodes);
  if (failure?.stage === -1) {
    // the pod never ran: oc stores the pod logs in the report instead of stages
    log('unexpected error caught while running the command, storing pod logs in report');
    log(`command execution failed. Reason: ${failure.message}`);
    log('Saving report file');
    writeReport(dir, 0, { ...failure, detail: 'Error from server (BadRequest): container "node-joiner" in pod is waiting to start: trying and failing to pull image' });
    throw new ExitError('', 1);
  }
  const shown = failure ? failure.stage + 1 : STAGES.length;
  for (let i = 0; i < shown && withStages; i++) {
    const [, description, ...subs] = STAGES[i];
    log(description);
    for (const [, sub] of subs) log(`  ${sub}`);
    await sleep(STEP_MS);
  }
  if (failure) {
    log(`command execution failed. Reason: ${failure.message}`);
    log('Saving report file');
    writeReport(dir, shown, failure);
    throw new ExitError('', 1);
  }
  const base = process.env.OC_STANDIN_BASE_ISO;
  if (!base || !existsSync(base)) throw new ExitError(`error: stand-in oc: OC_STANDIN_BASE_ISO (${base ?? 'unset'}) is not a file`);
  const requested = flags['cpu-architecture'] ?? /^cpuArchitecture:\s*(\S+)/m.exec(configText)?.[1] ?? 'x86_64';
  const arch = { amd64: 'x86_64', arm64: 'aarch64' }[requested] ?? requested;
  log(`Saving ISO image to ${dir}`);
  const iso = join(dir, `node.${arch}.iso`);
  copyFileSync(base, iso);
  if (flags['output-name']) renameSync(iso, join(dir, flags['output-name']));
  if (flags.report === 'true') {
    log('Saving report file');
    writeReport(dir, STAGES.length);
  }
  log('Command successfully completed');
}

async function main(argv) {
  if (argv[0] === 'version') return version(argv.slice(1));
  if (argv[0] === 'adm' && argv[1] === 'node-image' && argv[2] === 'create') return create(argv.slice(3));
  throw new ExitError(`error: the stand-in oc only answers "oc version" and "oc adm node-image create" (got "${argv.join(' ')}")`);
}

main(process.argv.slice(2)).catch((err) => {
  if (err instanceof ExitError) {
    if (err.message) process.stderr.write(`${err.message}\n`);
    process.exit(err.code);
  }
  process.stderr.write(`error: ${err?.message ?? err}\n`);
  process.exit(1);
});
