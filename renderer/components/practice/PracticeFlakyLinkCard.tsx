import { useTranslation } from 'react-i18next';
import { Card, CardBody, CardTitle, Content, Label, Switch } from '@patternfly/react-core';
import { useContractMutation, useContractQuery } from '../../api/query';
import { ErrorAlert } from '../ErrorAlert';

/** Practice mode only: the practice mirror's "simulate a flaky link" switch, to watch downloads resume. */
export function PracticeFlakyLinkCard({ practiceMode }: { practiceMode: boolean }) {
  const { t } = useTranslation();
  const kit = useContractQuery('practice.kit', undefined, { enabled: practiceMode });
  const set = useContractMutation('practice.setFlakyLink', { invalidates: ['practice.kit'] });
  if (!practiceMode || !kit.data) return null;
  return (
    <Card isCompact data-testid="practice-flaky-card">
      <CardTitle>
        {t('practiceKit.flaky.title')} <Label color="purple">{t('practiceKit.label')}</Label>
      </CardTitle>
      <CardBody>
        <Switch
          id="practice-flaky-link"
          data-testid="practice-flaky-link"
          label={t('practiceKit.flaky.label')}
          isChecked={kit.data.flakyLink}
          isDisabled={set.isPending}
          onChange={(_e, on) => set.mutate({ on })}
        />
        <Content component="small">{t('practiceKit.flaky.help')}</Content>
        <ErrorAlert error={set.error} />
      </CardBody>
    </Card>
  );
}
