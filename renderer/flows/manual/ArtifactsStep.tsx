import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionGroup, Button, Content, ExpandableSection, Progress, List, ListItem } from '@patternfly/react-core';
import { Alert } from '../../components/pf/translated';
import { useApi, useApiEvent } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CommandBlock } from '../../components/CommandBlock';
import type { BundleProgress, CachedArtifact } from '../../../shared/api/domains/artifacts';
import { isUnverified } from '../../../shared/artifacts/trust';
import { clusterFacts } from './state';
import type { StepProps } from './ManualFlow';
import { WizardAction } from '../../components/wizard/wizard-context';

type Arch = 'x86_64' | 'aarch64' | 's390x' | 'ppc64le';

/**
 * RHCOS ISOs in the cache that fit this job (its architecture; the job's own downloads first).
 * Unverified files are never offered as the boot image: they can still be chosen in the USB
 * writer, which asks for an explicit confirmation.
 */
export function matchingIsos(list: CachedArtifact[], jobId: string, arch: string): CachedArtifact[] {
  return list
    .filter((a) => a.kind === 'rhcos-iso' && (a.arch ?? 'x86_64') === arch && !isUnverified(a))
    .sort((a, b) => Number(b.jobs.includes(jobId)) - Number(a.jobs.includes(jobId)) || b.verifiedAt.localeCompare(a.verifiedAt));
}

/** The RHCOS live ISO (and openshift-install) of the cluster's release, fetched and checked by the artifact cache. */
export function ArtifactsStep({ job, state }: StepProps) {
  const { t } = useTranslation();
  const api = useApi();
  const facts = clusterFacts(job, state);
  const arch = (facts.architecture ?? 'x86_64') as Arch;
  const [isos, setIsos] = useState<CachedArtifact[]>([]);
  const [bundle, setBundle] = useState<BundleProgress | null>(null);
  const [error, setError] = useState<unknown>(null);

  const [tick, setTick] = useState(0);
  const refresh = () => setTick((n) => n + 1);
  const archName: string = facts.architecture ?? 'x86_64';
  useEffect(() => {
    api.call('artifacts.list', undefined).then((r) => setIsos(matchingIsos(r.artifacts, job.id, archName)), setError);
  }, [api, job.id, archName, tick]);
  useApiEvent('artifacts.bundleProgress', (p) => {
    if (bundle && p.bundleId !== bundle.bundleId) return;
    setBundle(p);
    if (p.state === 'done') refresh();
  });

  const prepare = async () => {
    setError(null);
    try {
      const streamSource =
        facts.kubeconfigPath || facts.context
          ? { type: 'cluster' as const, ...(facts.kubeconfigPath ? { kubeconfigPath: facts.kubeconfigPath } : {}), ...(facts.context ? { context: facts.context } : {}) }
          : undefined;
      const { bundleId } = await api.call('artifacts.prepareSite', { versionOrChannel: facts.version ?? '', arch, jobId: job.id, ...(streamSource ? { streamSource } : {}) });
      setBundle({ bundleId, state: 'running', step: 'installer', stepIndex: 1, steps: 3, bytes: 0, rate: 0, arch, artifacts: [] });
    } catch (err) {
      setError(err);
    }
  };
  const running = bundle?.state === 'running';
  const percent = bundle?.total ? Math.min(100, (bundle.bytes / bundle.total) * 100) : undefined;
  // The cluster's own boot-image stream matches it better than any installer binary's copy.
  const streamCommand = `oc -n openshift-machine-config-operator get configmap coreos-bootimages -o jsonpath='{.data.stream}' \\\n  | jq -r '.architectures.${arch}.artifacts.metal.formats.iso.disk | .location, .sha256'`;

  return (
    <div data-testid="manual-artifacts-step">
      <Content component="p">{t('manual.wizard.artifacts.intro', { version: facts.version ?? '?', arch })}</Content>
      {isos.length > 0 && (
        <Alert variant="success" isInline title={t('manual.wizard.artifacts.cached')} data-testid="manual-iso-cached">
          <List isPlain>
            {isos.map((a) => (
              <ListItem key={a.id}>
                <code>{a.name}</code> sha256 <code style={{ wordBreak: 'break-all' }}>{a.sha256}</code>
              </ListItem>
            ))}
          </List>
        </Alert>
      )}
      <ActionGroup style={{ marginTop: 16 }}>
        <Button component="a" href="#/downloads" variant="link" data-testid="manual-open-downloads">
          {t('manual.wizard.artifacts.openDownloads')}
        </Button>
      </ActionGroup>
      {bundle && (
        <Progress
          style={{ marginTop: 12 }}
          value={bundle.state === 'done' ? 100 : percent}
          title={t('manual.wizard.artifacts.progress', { step: t(`manual.wizard.artifacts.bundleSteps.${bundle.step}`), n: bundle.stepIndex, total: bundle.steps })}
          variant={bundle.state === 'failed' ? 'danger' : bundle.state === 'done' ? 'success' : undefined}
          data-testid="manual-bundle-progress"
        />
      )}
      <ErrorAlert error={error ?? bundle?.error ?? null} />
      <ExpandableSection toggleText={t('manual.wizard.artifacts.streamCommand')} style={{ marginTop: 16 }}>
        <CommandBlock id="manual-stream-cmd" text={streamCommand} testId="manual-stream-cmd" target="laptop" />
      </ExpandableSection>
      <WizardAction isPrimary={isos.length === 0} onClick={() => void prepare()} isLoading={running} isDisabled={running} testId="manual-prepare-site">
        {t('manual.wizard.artifacts.prepare', { version: facts.version ?? '', arch })}
      </WizardAction>
    </div>
  );
}
