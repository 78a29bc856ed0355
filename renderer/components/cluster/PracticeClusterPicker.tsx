import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Content, Form, FormGroup, FormHelperText, FormSelect, FormSelectOption, HelperText, HelperTextItem, Title } from '@patternfly/react-core';
import { practiceClusterVersionSchema, type ClusterSummary, type PracticeClusterVersion } from '../../../shared/api/domains/cluster';
import { useContractMutation, useContractQuery } from '../../api/query';
import { ErrorAlert } from '../ErrorAlert';

interface Props {
  jobId: string;
  onConnected(summary: ClusterSummary): void;
}

/** Practice mode only: connect the job to the simulated cluster, at the version the technician wants to rehearse. */
export function PracticeClusterPicker({ jobId, onConnected }: Props) {
  const { t } = useTranslation();
  const info = useContractQuery('app.info', undefined);
  const [version, setVersion] = useState<PracticeClusterVersion>('4.18');
  const use = useContractMutation('cluster.usePractice', { invalidates: ['cluster.summary', 'csr.list', 'cluster.joinStatus'], onSuccess: onConnected });
  if (!info.data?.practiceMode) return null;
  return (
    <Form onSubmit={(e) => e.preventDefault()} style={{ marginBottom: 24 }} data-testid="practice-cluster">
      <Title headingLevel="h4">{t('cluster.practice.title')}</Title>
      <Content component="small">{t('cluster.practice.intro')}</Content>
      {use.error ? <ErrorAlert error={use.error} onClose={() => use.reset()} /> : null}
      <FormGroup label={t('cluster.practice.versionLabel')} fieldId="practice-cluster-version">
        <FormSelect id="practice-cluster-version" value={version} onChange={(_e, v) => setVersion(practiceClusterVersionSchema.parse(v))} data-testid="practice-cluster-version">
          {practiceClusterVersionSchema.options.map((v) => (
            <FormSelectOption key={v} value={v} label={`OpenShift ${v}`} />
          ))}
        </FormSelect>
        <FormHelperText>
          <HelperText>
            <HelperTextItem>{t('cluster.practice.versionHelp')}</HelperTextItem>
          </HelperText>
        </FormHelperText>
      </FormGroup>
      <Button variant="secondary" onClick={() => use.mutate({ jobId, version })} isLoading={use.isPending} isDisabled={use.isPending} data-testid="practice-cluster-use">
        {t('cluster.practice.use')}
      </Button>
    </Form>
  );
}
