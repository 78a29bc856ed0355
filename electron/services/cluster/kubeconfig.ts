import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { AppError } from '../../../shared/api/errors';
import { ParseError, yamlProblem } from '../../../shared/parse/parse-problem';

/** Where a kubeconfig is looked for, in kubectl's order: picked file, $KUBECONFIG (a list), ~/.kube/config. */
export function kubeconfigCandidates(kubeconfigPath?: string, env: NodeJS.ProcessEnv = process.env): string[] {
  if (kubeconfigPath) return [resolve(kubeconfigPath)];
  if (env.KUBECONFIG)
    return env.KUBECONFIG.split(delimiter)
      .filter(Boolean)
      .map((p) => resolve(p));
  return [join(homedir(), '.kube', 'config')];
}

export interface KubeconfigContexts {
  source: string;
  current: string;
  contexts: { name: string; cluster: string; user: string; server: string; insecure: boolean }[];
}

export function loadKubeConfig(kubeconfigPath?: string): { kc: KubeConfig; source: string } {
  const files = kubeconfigCandidates(kubeconfigPath);
  const present = files.filter((f) => existsSync(f));
  if (present.length === 0) throw new AppError('cluster.kubeconfigNotFound', { path: files.join(delimiter) });
  const kc = readKubeconfigFile(present[0]!);
  for (const file of present.slice(1)) kc.mergeConfig(readKubeconfigFile(file), true);
  if (kc.getContexts().length === 0) throw new AppError('cluster.kubeconfigInvalid', { path: present.join(delimiter), reason: 'no contexts' });
  return { kc, source: present.join(delimiter) };
}

/** The contexts of a kubeconfig, for the context picker (no secrets). */
export function listKubeContexts(kubeconfigPath?: string): KubeconfigContexts {
  const { kc, source } = loadKubeConfig(kubeconfigPath);
  return {
    source,
    current: kc.getCurrentContext(),
    contexts: kc.getContexts().map((c) => {
      const cluster = kc.getCluster(c.cluster);
      return { name: c.name, cluster: c.cluster, user: c.user, server: cluster?.server ?? '', insecure: cluster?.skipTLSVerify ?? false };
    }),
  };
}

/** One kubeconfig file; a YAML error names the file, line, column and kind, never the content (it holds keys). */
function readKubeconfigFile(file: string): KubeConfig {
  const kc = new KubeConfig();
  try {
    kc.loadFromFile(file);
  } catch (err) {
    const problem = yamlProblem(err, file);
    if (problem) throw new ParseError(problem, 'cluster.kubeconfigNotYaml');
    throw new AppError('cluster.kubeconfigInvalid', { path: file, reason: firstLine(err) });
  }
  return kc;
}

/** The first line of an error, short: enough to name the cause without echoing a file or a token. */
export function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return (text.split('\n')[0] ?? '').slice(0, 200);
}
