import type { JobFacts } from './facts';
import type { FleetOptions } from './fleet-options';
import type { ExportEnv, ExportFile, SkippedPart } from './fleet-export';

/**
 * README.md of the export folder, in the UI language: what each file is, which Secrets the platform
 * team creates (the app only wrote their names), how to apply the hub manifests and where the ZTP
 * entries go, and what was left out and why.
 */
export function fleetReadme(facts: JobFacts, o: FleetOptions, files: ExportFile[], skipped: SkippedPart[], env: ExportEnv): string {
  const { t } = env;
  const p = { node: o.nodeName, cluster: o.clusterName, namespace: o.namespace, job: facts.job.id, pullSecret: o.pullSecretName, bmcSecret: o.bmcCredentialsName, infraEnv: o.infraEnvName };
  const line = (path: string, purpose: string, applied: boolean) =>
    `${t('handoff.fleet.readme.fileLine', { path, purpose: t(`handoff.fleet.files.${purpose}`) })}${applied ? t('handoff.fleet.readme.applied') : ''}`;
  const hasBmc = files.some((f) => f.path === 'baremetalhost.yaml');
  const lines = [
    `# ${t('handoff.fleet.readme.title', p)}`,
    '',
    t('handoff.fleet.readme.intro', p),
    '',
    `## ${t('handoff.fleet.readme.filesTitle')}`,
    '',
    line('README.md', 'readme', false),
    ...files.map((f) => line(f.path, f.purpose, f.applied)),
    '',
    `## ${t('handoff.fleet.readme.secretsTitle')}`,
    '',
    t('handoff.fleet.readme.pullSecret', p),
    ...(hasBmc ? ['', t('handoff.fleet.readme.bmcSecret', p)] : []),
    '',
    `## ${t('handoff.fleet.readme.applyTitle')}`,
    '',
    t('handoff.fleet.readme.apply', p),
    '',
    '```sh',
    `oc apply -f secrets/   # ${t('handoff.fleet.readme.afterReplacing')}`,
    'oc apply -k .',
    `oc get agent -n ${o.namespace} -w`,
    '```',
    '',
    `## ${t('handoff.fleet.readme.ztpTitle')}`,
    '',
    hasBmc ? t('handoff.fleet.readme.ztp', p) : t('handoff.fleet.readme.ztpNeedsBmc'),
  ];
  if (skipped.length > 0) {
    lines.push('', `## ${t('handoff.fleet.readme.skippedTitle')}`, '', ...skipped.map((s) => `- ${t(`handoff.fleet.skipped.${s.key}`, s.params ?? {})}`));
  }
  lines.push('', `_${t('handoff.fleet.generatedBy', { job: facts.job.id, when: env.generatedAt })}_`, '');
  return lines.join('\n');
}
