import { useTranslation } from 'react-i18next';
import { Card, CardBody, CardTitle, DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm, Label } from '@patternfly/react-core';
import { orderedJobKinds } from '../../../shared/nodeimage/paths';

/** The four paths side by side, in the order to offer them for this cluster version. */
export function PathsCard({ clusterVersion, testId = 'paths-card' }: { clusterVersion?: string; testId?: string }) {
  const { t } = useTranslation();
  const kinds = orderedJobKinds(clusterVersion);
  return (
    <Card isPlain isCompact data-testid={testId}>
      <CardTitle>{t('app.home.pathsTitle')}</CardTitle>
      <CardBody>
        <DescriptionList isCompact>
          {kinds.map(({ kind, available }, i) => (
            <DescriptionListGroup key={kind} data-testid={`${testId}-${kind}`}>
              <DescriptionListTerm>
                {t(`app.home.kind.${kind}`)} {i === 0 && clusterVersion && available && <Label color="green">{t('app.home.recommended')}</Label>}
                {!available && <Label color="grey">{t('app.home.unavailable')}</Label>}
              </DescriptionListTerm>
              <DescriptionListDescription>{t(`nodeimage.why.${kind}`)}</DescriptionListDescription>
            </DescriptionListGroup>
          ))}
        </DescriptionList>
      </CardBody>
    </Card>
  );
}
