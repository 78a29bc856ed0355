import { useTranslation } from 'react-i18next';
import { Card, CardBody, CardTitle, Content, DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm, Label } from '@patternfly/react-core';
import { ClipboardCopy } from '../pf/translated';
import { useContractQuery } from '../../api/query';
import { ErrorAlert } from '../ErrorAlert';

/** Practice mode only: the practice pull secret and SSH key pair (made on first use), labelled "Practice". */
export function PracticeCredentialsCard({ practiceMode }: { practiceMode: boolean }) {
  const { t } = useTranslation();
  const creds = useContractQuery('practice.credentials', undefined, { enabled: practiceMode });
  if (!practiceMode) return null;
  const copy = (id: string, text: string) => (
    <ClipboardCopy isReadOnly hoverTip={t('common.copy')} clickTip={t('common.copied')} data-testid={id}>
      {text}
    </ClipboardCopy>
  );
  return (
    <Card isCompact data-testid="practice-credentials-card">
      <CardTitle>
        {t('practiceKit.credentials.title')} <Label color="purple">{t('practiceKit.label')}</Label>
      </CardTitle>
      <CardBody>
        <Content component="p">{t('practiceKit.credentials.intro')}</Content>
        <ErrorAlert error={creds.error} />
        {creds.data && (
          <DescriptionList>
            <DescriptionListGroup>
              <DescriptionListTerm>{t('practiceKit.credentials.pullSecret')}</DescriptionListTerm>
              <DescriptionListDescription>{copy('practice-pull-secret', creds.data.pullSecretPath)}</DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t('practiceKit.credentials.sshPublicKey')}</DescriptionListTerm>
              <DescriptionListDescription>{copy('practice-ssh-public-key', creds.data.sshPublicKey)}</DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t('practiceKit.credentials.sshPrivateKey')}</DescriptionListTerm>
              <DescriptionListDescription>{copy('practice-ssh-private-key', creds.data.sshPrivateKeyPath)}</DescriptionListDescription>
            </DescriptionListGroup>
          </DescriptionList>
        )}
      </CardBody>
    </Card>
  );
}
