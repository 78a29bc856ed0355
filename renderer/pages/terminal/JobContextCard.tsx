import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, CardBody, CardTitle, Content, DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm } from '@patternfly/react-core';
import { useContractQuery } from '../../api/query';
import { CommandBlock } from '../../components/CommandBlock';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { MethodOutput } from '../../../shared/api/contract';
import { CONTEXT_VARS } from '../../../shared/terminal/job-context';

type Context = MethodOutput<'terminal.context'>;

/** The command that prints the job context inside a tab (what a technician checks first). */
export const contextCheckCommand = `env | grep -E '^(${CONTEXT_VARS.join('|')})=' | sort`;

/** What a new local tab for this job gets: its folder and context variables, with where each came from. */
export function JobContextCard({ jobId, onContext }: { jobId: string; onContext?: (c: Context) => void }) {
  const { t } = useTranslation();
  // Refetched whenever the job is saved, so ids show up as the flows learn them (INFRA_ENV_ID, HOST_ID).
  const query = useContractQuery('terminal.context', { jobId }, { invalidateOn: ['jobs.changed'] });
  const context = query.data ?? null;
  const error = query.error;
  useEffect(() => {
    if (query.data) onContext?.(query.data);
  }, [query.data, onContext]);

  if (error) return <ErrorAlert error={error} />;
  if (!context) return null;
  return (
    <Card isCompact data-testid="terminal-context">
      <CardTitle>{t('terminal.context.title')}</CardTitle>
      <CardBody>
        <Content component="p">{t('terminal.context.hint')}</Content>
        <DescriptionList isCompact isHorizontal columnModifier={{ default: '1Col', lg: '2Col' }}>
          <DescriptionListGroup>
            <DescriptionListTerm>{t('terminal.context.folder')}</DescriptionListTerm>
            <DescriptionListDescription>
              <code>{context.folder}</code>
            </DescriptionListDescription>
          </DescriptionListGroup>
          {context.vars.map((v) => (
            <DescriptionListGroup key={v.name}>
              <DescriptionListTerm>
                <code>{v.name}</code>
              </DescriptionListTerm>
              <DescriptionListDescription data-testid={`terminal-context-${v.name}`}>
                {v.value ? <code title={v.source}>{v.value}</code> : <span className="pf-v6-u-text-color-subtle">{t('terminal.context.unset')}</span>}
              </DescriptionListDescription>
            </DescriptionListGroup>
          ))}
        </DescriptionList>
        <Content component="p" style={{ marginTop: 'var(--pf-t--global--spacer--md)' }}>
          {t('terminal.context.check')}
        </Content>
        <CommandBlock id="terminal-context-check" testId="terminal-context-check" text={contextCheckCommand} target="laptop" />
      </CardBody>
    </Card>
  );
}
