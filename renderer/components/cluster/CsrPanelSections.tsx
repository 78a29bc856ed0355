import type { Dispatch, SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Content, Label, ProgressStep, ProgressStepper, StackItem, Switch, Toolbar, ToolbarContent, ToolbarItem } from '@patternfly/react-core';
import { Alert } from '../pf/translated';
import { Table, Thead, Tr, Th, Tbody, Td, ExpandableRowContent } from '@patternfly/react-table';
import type { AutoApproveState, CsrRow, JoinStatus } from '../../../shared/api/domains/cluster';
import { formatAge } from './age';
import { CsrDetails, checkText } from './CsrDetails';
import { NodesTable } from './NodesTable';
import CaretDownIcon from '@patternfly/react-icons/dist/esm/icons/rh-microns-caret-down-icon';
import { VerbatimText } from '../VerbatimText';

const VERDICT_COLOR = { approve: 'green', reject: 'red', ignore: 'grey', wait: 'blue', done: 'grey' } as const;

/** The opt-in auto-approve switch and how it is doing. */
export function AutoApproveSection({ auto, onToggle }: { auto: AutoApproveState | undefined; onToggle: (enabled: boolean) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <StackItem>
      <Switch id="csr-auto" label={t('cluster.csr.autoApprove')} isChecked={auto?.running ?? false} onChange={(_e, v) => onToggle(v)} data-testid="csr-auto-approve" />
      <Content component="small">{t('cluster.csr.autoHelp')}</Content>
      {auto?.running && auto.startedAt && (
        <Alert
          variant="info"
          isInline
          isPlain
          title={t('cluster.csr.autoRunning', { since: new Date(auto.startedAt).toLocaleTimeString(i18n.language), count: auto.approved.length })}
          data-testid="csr-auto-running"
        />
      )}
      {!auto?.running && auto?.stopReason && (
        <Alert variant={auto.stopReason === 'complete' ? 'success' : 'warning'} isInline isPlain title={t(`cluster.csr.autoStopped.${auto.stopReason}`)} data-testid="csr-auto-stopped" />
      )}
      {auto?.lastError && <Alert variant="warning" isInline isPlain title={t('cluster.csr.watchError', { message: auto.lastError })} />}
      {auto?.warnings.map((w) => (
        <Alert key={String(w.params.name)} variant="warning" isInline title={t(`cluster.csr.${w.code}`, w.params)} data-testid="csr-waiting-long" />
      ))}
    </StackItem>
  );
}

/**
 * The CSRs with their verdicts; a row opens to its signer, requestor, parsed request and checklist.
 * The row keeps what decides (kind, state, verdict and why, with Approve under a passing verdict):
 * with the signer, requestor and Approve as columns, the table was wider than a wizard's step at
 * 1366 px and hid the verdict and Approve.
 */
export function CsrTable(props: { rows: CsrRow[]; expanded: string[]; setExpanded: Dispatch<SetStateAction<string[]>>; busy: string | undefined; onApprove: (name: string) => void }) {
  const { t } = useTranslation();
  const { rows, expanded, setExpanded, busy } = props;
  if (rows.length === 0) return <Content component="p">{t('cluster.csr.empty')}</Content>;
  return (
    <div style={{ overflowX: 'auto' }}>
      <Table aria-label={t('cluster.csr.title')} variant="compact" data-testid="csr-table">
        <Thead>
          <Tr>
            <Th screenReaderText={t('cluster.csr.details')} />
            <Th>{t('cluster.csr.columns.name')}</Th>
            <Th>{t('cluster.csr.columns.age')}</Th>
            <Th>{t('cluster.csr.columns.condition')}</Th>
            <Th>{t('cluster.csr.columns.verdict')}</Th>
          </Tr>
        </Thead>
        {rows.map((row) => {
          const open = expanded.includes(row.name);
          return (
            <Tbody key={row.name} isExpanded={open}>
              <Tr data-testid={`csr-row-${row.name}`} data-kind={row.kind} data-verdict={row.verdict} data-condition={row.condition}>
                {/* PatternFly's own expand toggle is labelled "Details" in English with no way to change it. */}
                <Td className="pf-v6-c-table__toggle">
                  <Button
                    variant="plain"
                    size="sm"
                    className={open ? 'pf-m-expanded' : undefined}
                    aria-label={t('cluster.csr.detailsOf', { name: row.name })}
                    aria-expanded={open}
                    onClick={() => setExpanded((e) => (open ? e.filter((n) => n !== row.name) : [...e, row.name]))}
                    icon={
                      <div className="pf-v6-c-table__toggle-icon">
                        <CaretDownIcon />
                      </div>
                    }
                  />
                </Td>
                {/* The name never breaks ("csr-" / "7xq2b"); its kind label goes under it when the step is narrow. */}
                <Td dataLabel={t('cluster.csr.columns.name')}>
                  <span data-verbatim className="pf-v6-u-text-nowrap">
                    {row.name}
                  </span>{' '}
                  <Label isCompact>{t(`cluster.csr.kind.${row.kind}`)}</Label>
                </Td>
                <Td dataLabel={t('cluster.csr.columns.age')}>{formatAge(row.createdAt)}</Td>
                <Td dataLabel={t('cluster.csr.columns.condition')}>
                  <CsrCondition condition={row.condition} name={row.name} />
                </Td>
                <Td dataLabel={t('cluster.csr.columns.verdict')} modifier="breakWord">
                  <Label color={VERDICT_COLOR[row.verdict]} data-testid={`csr-verdict-${row.name}`}>
                    {t(`cluster.csr.verdict.${row.verdict}`)}
                  </Label>
                  {row.decidedBy && row.verdict !== 'done' && (
                    <div className="pf-v6-u-font-size-sm">
                      <VerbatimText text={checkText((k, p) => t(k, p ?? {}), row.decidedBy)} values={row.decidedBy.params} />
                    </div>
                  )}
                  {row.superseded && <div className="pf-v6-u-font-size-sm">{t('cluster.csr.superseded')}</div>}
                  {/* Approve sits under the verdict that allows it (a column of its own made the table too wide for a step). */}
                  {row.verdict === 'approve' && !row.superseded && (
                    <div className="pf-v6-u-mt-xs">
                      <Button variant="secondary" size="sm" onClick={() => props.onApprove(row.name)} isDisabled={!!busy} isLoading={busy === row.name} data-testid={`csr-approve-${row.name}`}>
                        {t('cluster.csr.approve')}
                      </Button>
                    </div>
                  )}
                </Td>
              </Tr>
              <Tr isExpanded={open}>
                <Td colSpan={5}>
                  <ExpandableRowContent>
                    <CsrDetails row={row} />
                  </ExpandableRowContent>
                </Td>
              </Tr>
            </Tbody>
          );
        })}
      </Table>
    </div>
  );
}

const CONDITIONS = ['Pending', 'Approved', 'Denied', 'Failed'] as const;

/** The request's state in the technician's words, with the raw Kubernetes condition beside it (what `oc get csr` prints). */
function CsrCondition({ condition, name }: { condition: string; name: string }) {
  const { t } = useTranslation();
  const first = CONDITIONS.find((c) => condition.split(',')[0] === c);
  const label = first && t(`cluster.csr.condition.${first}`);
  // In English the label often is the condition: then the raw text would only repeat it, to the eye and to a screen reader.
  return (
    <>
      {label && <Label isCompact>{label}</Label>}{' '}
      <span className="pf-v6-u-font-size-sm" hidden={label === condition} data-verbatim data-testid={`csr-condition-${name}`}>
        {condition}
      </span>
    </>
  );
}

/** Client approved → node registered → serving approved → node Ready. */
export function JoinProgress({ join }: { join: JoinStatus }) {
  const { t } = useTranslation();
  return (
    <StackItem>
      <Content component="h3">{t('cluster.join.title')}</Content>
      <ProgressStepper aria-label={t('cluster.join.title')} data-testid="join-progress">
        {(['clientApproved', 'nodeRegistered', 'servingApproved', 'nodeReady'] as const).map((step, i, all) => {
          const done = join[step];
          const current = !done && all.slice(0, i).every((s) => join[s]);
          return (
            <ProgressStep
              key={step}
              id={`join-${step}`}
              titleId={`join-${step}-title`}
              variant={done ? 'success' : current ? 'info' : 'pending'}
              isCurrent={current}
              data-testid={`join-${step}`}
              data-done={done}
            >
              {t(`cluster.join.${step}`)}
            </ProgressStep>
          );
        })}
      </ProgressStepper>
      {join.node && <NodesTable nodes={[join.node]} testId="join-node" />}
      {join.complete ? (
        <Alert variant="success" isInline title={t('cluster.join.complete')} data-testid="join-complete" />
      ) : join.nodeReady && !join.servingApproved ? (
        <Alert variant="warning" isInline title={t('cluster.join.readyNotEnough')} />
      ) : null}
    </StackItem>
  );
}

/** Approve all valid, refresh, and whether CSRs of other nodes are shown. */
export function CsrToolbar(props: { planCount: number; busy: string | undefined; onApproveAll: () => void; onRefresh: () => void; showAll: boolean; setShowAll: (v: boolean) => void }) {
  const { t } = useTranslation();
  const { planCount, busy, onApproveAll, onRefresh, showAll, setShowAll } = props;
  return (
    <Toolbar>
      <ToolbarContent>
        <ToolbarItem>
          <Button variant="primary" onClick={onApproveAll} isDisabled={!planCount || !!busy} isLoading={busy === 'all'} data-testid="csr-approve-all">
            {t('cluster.csr.approveAll')} ({planCount})
          </Button>
        </ToolbarItem>
        <ToolbarItem>
          <Button variant="secondary" onClick={onRefresh} data-testid="csr-refresh">
            {t('cluster.csr.refresh')}
          </Button>
        </ToolbarItem>
        <ToolbarItem>
          <Switch id="csr-show-all" label={t('cluster.csr.showOther')} isChecked={showAll} onChange={(_e, v) => setShowAll(v)} />
        </ToolbarItem>
      </ToolbarContent>
    </Toolbar>
  );
}
