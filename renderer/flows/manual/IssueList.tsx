import { useTranslation } from 'react-i18next';
import { FormHelperText, HelperText, List, ListItem } from '@patternfly/react-core';
import { Alert, HelperTextItem } from '../../components/pf/translated';
import type { Issue } from '../../../shared/network/issue';

/** All issues of a form, errors and warnings apart, in the technician's language. */
export function IssueList({ issues, testId }: { issues: Issue[]; testId: string }) {
  const { t } = useTranslation();
  const errors = issues.filter((i) => i.severity !== 'warning');
  const warnings = issues.filter((i) => i.severity === 'warning');
  return (
    <>
      {errors.length > 0 && (
        <Alert variant="danger" isInline title={t('manual.wizard.network.issuesTitle', { count: errors.length })} data-testid={testId}>
          <List>
            {errors.map((i, n) => (
              <ListItem key={n} data-issue={i.key}>
                {t(i.key, i.params ?? {})}
              </ListItem>
            ))}
          </List>
        </Alert>
      )}
      {warnings.length > 0 && (
        <Alert variant="warning" isInline title={t('manual.wizard.network.warningsTitle')} data-testid={`${testId}-warnings`} style={{ marginTop: 8 }}>
          <List>
            {warnings.map((i, n) => (
              <ListItem key={n} data-issue={i.key}>
                {t(i.key, i.params ?? {})}
              </ListItem>
            ))}
          </List>
        </Alert>
      )}
    </>
  );
}

/** The issues of one field (by path prefix) as helper text under it. */
export function FieldIssues({ issues, path }: { issues: Issue[]; path: string }) {
  const { t } = useTranslation();
  const mine = issues.filter((i) => i.path !== undefined && (i.path === path || i.path.startsWith(`${path}.`)));
  if (mine.length === 0) return null;
  return (
    <FormHelperText>
      <HelperText>
        {mine.map((i, n) => (
          <HelperTextItem key={n} variant={i.severity === 'warning' ? 'warning' : 'error'}>
            {t(i.key, i.params ?? {})}
          </HelperTextItem>
        ))}
      </HelperText>
    </FormHelperText>
  );
}

export const hasErrorAt = (issues: Issue[], path: string) => issues.some((i) => i.severity !== 'warning' && i.path !== undefined && (i.path === path || i.path.startsWith(`${path}.`)));
