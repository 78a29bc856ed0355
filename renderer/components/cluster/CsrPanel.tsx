import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ActionGroup,
  Alert,
  Button,
  Card,
  CardBody,
  CardTitle,
  Content,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Label,
  ProgressStep,
  ProgressStepper,
  Stack,
  StackItem,
  Switch,
  TextInput,
  Toolbar,
  ToolbarContent,
  ToolbarItem,
} from '@patternfly/react-core';
import { Table, Thead, Tr, Th, Tbody, Td, ExpandableRowContent } from '@patternfly/react-table';
import type { Job } from '../../../shared/api/domains/jobs';
import type { MethodOutput } from '../../../shared/api/contract';
import { useCsrPanelData } from './useCsrPanelData';
import { ErrorAlert, describeError } from '../ErrorAlert';
import { approveNamedCommand } from '../../../shared/csr/approval-advice';
import { CommandBlock } from '../CommandBlock';
import { formatAge } from './age';
import { CsrDetails, checkText } from './CsrDetails';
import { NodesTable } from './NodesTable';

const VERDICT_COLOR = { approve: 'green', reject: 'red', ignore: 'grey', wait: 'blue', done: 'grey' } as const;

/**
 * The worker's two CSRs: expected node, each CSR with its parsed request and checklist verdict,
 * approve one / all valid (client first), opt-in auto-approve, and the join progress until the node
 * is Ready with its serving certificate approved. Reusable inside the wizards.
 */
export function CsrPanel({ job }: { job: Job }) {
  const { t, i18n } = useTranslation();
  const jobId = job.id;
  const data = useCsrPanelData(jobId);
  const { list, auto, join, busy, error, clearError } = data;
  const [notice, setNotice] = useState<{ variant: 'success' | 'warning'; text: string }[]>([]);
  const [expanded, setExpanded] = useState<string[]>([]);
  const [nodeNameEdit, setNodeName] = useState<string>();
  const [addressesEdit, setAddresses] = useState<string>();
  const [showAll, setShowAll] = useState(false);

  const expectedName = list?.expected?.nodeName;
  const nodeName = nodeNameEdit ?? expectedName ?? '';
  const addresses = addressesEdit ?? list?.expected?.addresses.join(', ') ?? '';

  const saveWorker = () => data.saveWorker.mutate({ jobId, worker: { nodeName: nodeName.trim(), addresses: addresses.split(',').map((a) => a.trim()).filter(Boolean) } });

  const report = (results: MethodOutput<'csr.approve'>) => {
    setNotice(
      results.length
        ? results.map((r) =>
            r.ok
              ? { variant: 'success' as const, text: t('cluster.csr.approved', { name: r.name }) }
              : { variant: 'warning' as const, text: t('cluster.csr.notApproved', { name: r.name, message: r.error ? describeError(r.error, (k, p) => t(k, p)) : '' }) },
          )
        : [{ variant: 'warning', text: t('cluster.csr.nothingToApprove') }],
    );
  };

  // The new rows arrive with the csr.changed event the approval sends: nothing is read again here.
  const approve = (names?: string[]) => (names ? data.approveNamed.mutate({ jobId, names }, { onSuccess: report }) : data.approveAll.mutate({ jobId }, { onSuccess: report }));
  const toggleAuto = (enabled: boolean) => data.toggleAuto.mutate({ jobId, enabled });

  const rows = (list?.rows ?? []).filter((r) => showAll || r.kind !== 'other');
  const planNames = list?.plan ?? [];

  return (
    <Card data-testid="csr-panel">
      <CardTitle>{t('cluster.csr.title')}</CardTitle>
      <CardBody>
        <Stack hasGutter>
          <StackItem>
            <Content component="p">{t('cluster.csr.intro')}</Content>
          </StackItem>
          {error ? (
            <StackItem>
              <ErrorAlert error={error} onClose={clearError} />
            </StackItem>
          ) : null}
          <StackItem>
            <Form isHorizontal onSubmit={(e) => e.preventDefault()}>
              <FormGroup label={t('cluster.csr.nodeNameLabel')} fieldId="csr-node-name" isRequired>
                <TextInput id="csr-node-name" value={nodeName} onChange={(_e, v) => setNodeName(v)} data-testid="csr-node-name" />
                <FormHelperText>
                  <HelperText>
                    <HelperTextItem>{t('cluster.csr.nodeNameHelp')}</HelperTextItem>
                  </HelperText>
                </FormHelperText>
              </FormGroup>
              <FormGroup label={t('cluster.csr.addressesLabel')} fieldId="csr-addresses">
                <TextInput id="csr-addresses" value={addresses} onChange={(_e, v) => setAddresses(v)} data-testid="csr-addresses" placeholder="192.168.50.21, 192.168.50.0/24" />
                <FormHelperText>
                  <HelperText>
                    <HelperTextItem>{t('cluster.csr.addressesHelp')}</HelperTextItem>
                  </HelperText>
                </FormHelperText>
              </FormGroup>
              <ActionGroup>
                <Button variant="secondary" onClick={saveWorker} isDisabled={!nodeName.trim() || busy === 'worker'} isLoading={busy === 'worker'} data-testid="csr-save-worker">
                  {t('cluster.csr.saveWorker')}
                </Button>
              </ActionGroup>
            </Form>
          </StackItem>
          {!list?.expected && (
            <StackItem>
              <Alert variant="info" isInline title={t('cluster.csr.noWorker')} />
            </StackItem>
          )}
          {list?.expected && (
            <StackItem>
              <Switch
                id="csr-auto"
                label={t('cluster.csr.autoApprove')}
                isChecked={auto?.running ?? false}
                onChange={(_e, v) => toggleAuto(v)}
                data-testid="csr-auto-approve"
              />
              <Content component="small">{t('cluster.csr.autoHelp')}</Content>
              {auto?.running && auto.startedAt && (
                <Alert variant="info" isInline isPlain title={t('cluster.csr.autoRunning', { since: new Date(auto.startedAt).toLocaleTimeString(i18n.language), count: auto.approved.length })} data-testid="csr-auto-running" />
              )}
              {!auto?.running && auto?.stopReason && (
                <Alert variant={auto.stopReason === 'complete' ? 'success' : 'warning'} isInline isPlain title={t(`cluster.csr.autoStopped.${auto.stopReason}`)} data-testid="csr-auto-stopped" />
              )}
              {auto?.lastError && <Alert variant="warning" isInline isPlain title={t('cluster.csr.watchError', { message: auto.lastError })} />}
              {auto?.warnings.map((w) => (
                <Alert key={String(w.params.name)} variant="warning" isInline title={t(`cluster.csr.${w.code}`, w.params)} data-testid="csr-waiting-long" />
              ))}
            </StackItem>
          )}
          {notice.map((n, i) => (
            <StackItem key={i}>
              <Alert variant={n.variant} isInline isPlain title={n.text} data-testid="csr-notice" />
            </StackItem>
          ))}
          <StackItem>
            <Toolbar>
              <ToolbarContent>
                <ToolbarItem>
                  <Button variant="primary" onClick={() => approve()} isDisabled={!planNames.length || !!busy} isLoading={busy === 'all'} data-testid="csr-approve-all">
                    {t('cluster.csr.approveAll')} ({planNames.length})
                  </Button>
                </ToolbarItem>
                <ToolbarItem>
                  <Button variant="secondary" onClick={() => void data.refresh()} data-testid="csr-refresh">
                    {t('cluster.csr.refresh')}
                  </Button>
                </ToolbarItem>
                <ToolbarItem>
                  <Switch id="csr-show-all" label={t('cluster.csr.showOther')} isChecked={showAll} onChange={(_e, v) => setShowAll(v)} />
                </ToolbarItem>
              </ToolbarContent>
            </Toolbar>
            {rows.length === 0 ? (
              <Content component="p">{t('cluster.csr.empty')}</Content>
            ) : (
              <div style={{ overflowX: 'auto' }}>
              <Table aria-label={t('cluster.csr.title')} variant="compact" data-testid="csr-table">
                <Thead>
                  <Tr>
                    <Th screenReaderText={t('cluster.csr.details')} />
                    <Th>{t('cluster.csr.columns.name')}</Th>
                    <Th>{t('cluster.csr.columns.age')}</Th>
                    <Th>{t('cluster.csr.columns.signer')}</Th>
                    <Th>{t('cluster.csr.columns.requestor')}</Th>
                    <Th>{t('cluster.csr.columns.condition')}</Th>
                    <Th>{t('cluster.csr.columns.verdict')}</Th>
                    <Th screenReaderText={t('cluster.csr.approve')} />
                  </Tr>
                </Thead>
                {rows.map((row, index) => {
                  const open = expanded.includes(row.name);
                  return (
                    <Tbody key={row.name} isExpanded={open}>
                      <Tr data-testid={`csr-row-${row.name}`} data-kind={row.kind} data-verdict={row.verdict} data-condition={row.condition}>
                        <Td expand={{ rowIndex: index, isExpanded: open, onToggle: () => setExpanded((e) => (open ? e.filter((n) => n !== row.name) : [...e, row.name])) }} />
                        <Td dataLabel={t('cluster.csr.columns.name')}>
                          {row.name} <Label isCompact>{t(`cluster.csr.kind.${row.kind}`)}</Label>
                        </Td>
                        <Td dataLabel={t('cluster.csr.columns.age')}>{formatAge(row.createdAt)}</Td>
                        <Td dataLabel={t('cluster.csr.columns.signer')}>{row.signerName}</Td>
                        <Td dataLabel={t('cluster.csr.columns.requestor')}>{row.requestor}</Td>
                        <Td dataLabel={t('cluster.csr.columns.condition')} data-testid={`csr-condition-${row.name}`}>
                          {row.condition}
                        </Td>
                        <Td dataLabel={t('cluster.csr.columns.verdict')}>
                          <Label color={VERDICT_COLOR[row.verdict]} data-testid={`csr-verdict-${row.name}`}>
                            {t(`cluster.csr.verdict.${row.verdict}`)}
                          </Label>
                          {row.decidedBy && row.verdict !== 'done' && <div className="pf-v6-u-font-size-sm">{checkText((k, p) => t(k, p ?? {}), row.decidedBy)}</div>}
                          {row.superseded && <div className="pf-v6-u-font-size-sm">{t('cluster.csr.superseded')}</div>}
                        </Td>
                        <Td>
                          {row.verdict === 'approve' && !row.superseded && (
                            <Button variant="secondary" size="sm" onClick={() => approve([row.name])} isDisabled={!!busy} isLoading={busy === row.name} data-testid={`csr-approve-${row.name}`}>
                              {t('cluster.csr.approve')}
                            </Button>
                          )}
                        </Td>
                      </Tr>
                      <Tr isExpanded={open}>
                        <Td colSpan={8}>
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
            )}
          </StackItem>
          {list?.expected && join && (
            <StackItem>
              <Content component="h3">{t('cluster.join.title')}</Content>
              <ProgressStepper aria-label={t('cluster.join.title')} data-testid="join-progress">
                {(['clientApproved', 'nodeRegistered', 'servingApproved', 'nodeReady'] as const).map((step, i, all) => {
                  const done = join[step];
                  const current = !done && all.slice(0, i).every((s) => join[s]);
                  return (
                    <ProgressStep key={step} id={`join-${step}`} titleId={`join-${step}-title`} variant={done ? 'success' : current ? 'info' : 'pending'} isCurrent={current} data-testid={`join-${step}`} data-done={done}>
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
          )}
          <StackItem>
            <Content component="h3">{t('cluster.csr.commands')}</Content>
            <CommandBlock
              id="csr-commands"
              text={['oc get csr', approveNamedCommand(planNames) ?? '', expectedName ? `oc get node ${expectedName} -w` : 'oc get nodes -w'].filter(Boolean).join('\n')}
            />
          </StackItem>
        </Stack>
      </CardBody>
    </Card>
  );
}
