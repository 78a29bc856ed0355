import { useTranslation } from 'react-i18next';
import { Content, ExpandableSection, Icon, Label, List, ListItem } from '@patternfly/react-core';
import { CheckCircleIcon, ExclamationCircleIcon, ExclamationTriangleIcon, InProgressIcon } from '@patternfly/react-icons';
import { parseValidationsInfo, softValidationIds } from '../../../shared/assisted/validations';
import { categoryLabel, validationText } from './labels';
import { ServiceText } from '../../components/ServiceText';

/** validations_info grouped by category, failures first, each with a plain explanation and a fix hint. */
export function Validations({ json, hostId }: { json: string | undefined; hostId: string }) {
  const { t } = useTranslation();
  const groups = parseValidationsInfo(json);
  if (!groups.length) return null;
  return (
    <div data-testid={`validations-${hostId}`}>
      {groups.map((g) => (
        <ExpandableSection
          key={g.category}
          isIndented
          isExpanded={undefined}
          toggleContent={
            <span data-testid={`validation-group-${g.category}`} data-state={g.state}>
              {categoryLabel(t, g.category)}{' '}
              <Label color={g.state === 'failed' ? 'red' : g.state === 'pending' ? 'orange' : 'green'} isCompact>
                {t(g.state === 'failed' ? 'assisted.hosts.groupFailed' : g.state === 'pending' ? 'assisted.hosts.groupPending' : 'assisted.hosts.groupOk')}
              </Label>
            </span>
          }
          {...(g.state === 'failed' ? { isExpanded: true, onToggle: () => undefined } : {})}
        >
          <List isPlain>
            {g.validations
              .filter((v) => g.state !== 'ok' && v.status !== 'success' && v.status !== 'disabled')
              .map((v) => {
                const text = validationText(t, v.id, v.message);
                const soft = softValidationIds.has(v.id);
                const bad = v.status === 'failure' || v.status === 'error';
                return (
                  <ListItem key={v.id} data-testid={`validation-${v.id}`} data-status={v.status}>
                    <Icon status={bad ? (soft ? 'warning' : 'danger') : 'info'} isInline>
                      {bad ? soft ? <ExclamationTriangleIcon /> : <ExclamationCircleIcon /> : <InProgressIcon />}
                    </Icon>{' '}
                    <strong>{t(bad ? 'assisted.hosts.checkFailed' : 'assisted.hosts.checkPending', { check: text.label })}</strong>{' '}
                    {soft && <Content component="small">{t('assisted.hosts.softNote')}</Content>}
                    <Content component="small" style={{ display: 'block' }}>
                      <ServiceText explanation={(bad ? text.fix : undefined) ?? text.explain ?? t('assisted.hosts.validationOther')} original={v.message} />
                    </Content>
                  </ListItem>
                );
              })}
            {g.state === 'ok' && (
              <ListItem>
                <Icon status="success" isInline>
                  <CheckCircleIcon />
                </Icon>{' '}
                {g.validations.length} ✓
              </ListItem>
            )}
          </List>
        </ExpandableSection>
      ))}
    </div>
  );
}
