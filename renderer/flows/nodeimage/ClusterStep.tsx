import { WizardNext } from '../../components/wizard/wizard-context';
import { useTranslation } from 'react-i18next';
import { ActionGroup } from '@patternfly/react-core';
import { Alert } from '../../components/pf/translated';
import { ClusterConnect } from '../../components/cluster/ClusterConnect';
import { platformSupportsNodeImage, supportsNodeImage } from '../../../shared/nodeimage/paths';
import { clusterOf } from './state';
import { PathsCard } from './PathsCard';
import type { NodeImageStepProps } from './NodeImageFlow';

/** Which cluster: a kubeconfig connection (the shared component), then the version and platform gate. */
export function ClusterStep({ job, onNext }: NodeImageStepProps) {
  const { t } = useTranslation();
  const cluster = clusterOf(job);
  const version = cluster?.version ?? '';
  const platform = cluster?.platform ?? '';
  const problem = !cluster
    ? undefined
    : cluster.source !== 'kubeconfig'
      ? t('nodeimage.cluster.needsKubeconfig')
      : !supportsNodeImage(version)
        ? t('nodeimage.cluster.tooOld', { version })
        : !platformSupportsNodeImage(platform)
          ? t('nodeimage.cluster.platform', { platform })
          : undefined;
  return (
    <div data-testid="nodeimage-cluster-step">
      <p>{t('nodeimage.cluster.intro')}</p>
      <div style={{ marginTop: 16 }}>
        <ClusterConnect job={job} />
      </div>
      {cluster && problem && <Alert variant="danger" isInline title={problem} data-testid="nodeimage-cluster-problem" style={{ marginTop: 16 }} />}
      {cluster && !problem && (
        <Alert variant="success" isInline title={t('nodeimage.cluster.ok', { version, platform: platform || 'None' })} data-testid="nodeimage-cluster-ok" style={{ marginTop: 16 }} />
      )}
      <div style={{ marginTop: 16 }}>
        <PathsCard clusterVersion={cluster?.version} testId="nodeimage-paths" />
      </div>
      <ActionGroup style={{ marginTop: 16 }}>
        <WizardNext onClick={() => onNext('host')} isDisabled={!cluster || Boolean(problem)} testId="nodeimage-cluster-next">
          {t('nodeimage.cluster.next')}
        </WizardNext>
      </ActionGroup>
    </div>
  );
}
