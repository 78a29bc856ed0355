import { Fragment, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ActionGroup,
  Alert,
  Button,
  Card,
  CardBody,
  CardTitle,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  Label,
  List,
  ListItem,
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
import { CheckCircleIcon, ExclamationTriangleIcon, TimesCircleIcon } from '@patternfly/react-icons';
import type { Job } from '../../../shared/api/domains/jobs';
import type { AutoApproveState, CsrRow, JoinStatus } from '../../../shared/api/domains/cluster';
import type { MethodOutput } from '../../../shared/api/contract';
import { useApi, useApiEvent } from '../../api/context';
import { ErrorAlert, describeError } from '../ErrorAlert';
import { approveNamedCommand } from '../../../shared/csr/approval-advice';
import { CommandBlock } from '../CommandBlock';
import { formatAge } from './age';
import { NodesTable } from './NodesTable';

type CsrList = MethodOutput<'csr.list'>;
const VERDICT_COLOR = { approve: 'green', reject: 'red', ignore: 'grey', wait: 'blue', done: 'grey' } as const;

/**
 * The worker's two CSRs: expected node, each CSR with its parsed request and checklist verdict,
 * approve one / all valid (client first), opt-in auto-approve, and the join progress until the node
 * is Ready with its serving certificate approved. Reusable inside the wizards.
 */
export function CsrPanel({ job }: { job: Job }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const jobId = job.id;
  const [list, setList] = useState<CsrList>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState<string>();
  const [notice, setNotice] = useState<{ variant: 'success' | 'warning'; text: string }[]>([]);
  const [auto, setAuto] = useState<AutoApproveState>();
  const [join, setJoin] = useState<JoinStatus>();
  const [expanded, setExpanded] = useState<string[]>([]);
  const [nodeNameEdit, setNodeName] = useState<string>();
  const [addressesEdit, setAddresses] = useState<string>();
  const [showAll, setShowAll] = useState(false);

  const fetchAll = useCallback(() => Promise.all([api.call('csr.list', { jobId }), api.call('cluster.joinStatus', { jobId }), api.call('csr.autoApproveState', { jobId })]), [api, jobId]);
  const apply = useCallback(([l, j, a]: Awaited<ReturnType<typeof fetchAll>>) => {
    setList(l);
    setJoin(j);
    setAuto(a);
    setError(undefined);
  }, []);
  const refresh = useCallback(async () => {
    try {
      apply(await fetchAll());
    } catch (err) {
      setError(err);
    }
  }, [fetchAll, apply]);

  useEffect(() => {
    fetchAll().then(apply, setError);
  }, [fetchAll, apply]);

  const expectedName = list?.expected?.nodeName;
  useEffect(() => {
    // The node-Ready watch runs while this panel is open; it completes the job when both conditions hold.
    if (expectedName) api.call('cluster.watchJoin', { jobId, enabled: true }).catch((err: unknown) => setError(err));
  }, [api, jobId, expectedName]);
  const nodeName = nodeNameEdit ?? expectedName ?? '';
  const addresses = addressesEdit ?? list?.expected?.addresses.join(', ') ?? '';

  useApiEvent('csr.changed', (e) => {
    if (e.jobId === jobId) void refresh();
  });
  useApiEvent('csr.autoApprove', (s) => {
    if (s.jobId === jobId) setAuto(s);
  });
  useApiEvent('cluster.joinStatus', (s) => {
    if (s.jobId === jobId) setJoin(s);
  });

  const saveWorker = async () => {
    setBusy('worker');
    try {
      await api.call('cluster.setWorker', { jobId, worker: { nodeName: nodeName.trim(), addresses: addresses.split(',').map((a) => a.trim()).filter(Boolean) } });
      await refresh();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(undefined);
    }
  };

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

  const approve = async (names?: string[]) => {
    setBusy(names ? names[0] : 'all');
    try {
      report(names ? await api.call('csr.approve', { jobId, names }) : await api.call('csr.approveAllValid', { jobId }));
      await refresh();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(undefined);
    }
  };

  const toggleAuto = async (enabled: boolean) => {
    try {
      setAuto(await api.call('csr.autoApprove', { jobId, enabled }));
    } catch (err) {
      setError(err);
    }
  };

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
              <ErrorAlert error={error} onClose={() => setError(undefined)} />
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
                <Button variant="secondary" onClick={() => void saveWorker()} isDisabled={!nodeName.trim() || busy === 'worker'} isLoading={busy === 'worker'} data-testid="csr-save-worker">
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
                onChange={(_e, v) => void toggleAuto(v)}
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
                  <Button variant="primary" onClick={() => void approve()} isDisabled={!planNames.length || !!busy} isLoading={busy === 'all'} data-testid="csr-approve-all">
                    {t('cluster.csr.approveAll')} ({planNames.length})
                  </Button>
                </ToolbarItem>
                <ToolbarItem>
                  <Button variant="secondary" onClick={() => void refresh()} data-testid="csr-refresh">
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
                            <Button variant="secondary" size="sm" onClick={() => void approve([row.name])} isDisabled={!!busy} isLoading={busy === row.name} data-testid={`csr-approve-${row.name}`}>
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

function checkText(t: (k: string, p?: Record<string, unknown>) => string, c: { id: string; outcome: string; params?: Record<string, string | number> | undefined }): string {
  return t(`cluster.checks.${c.id}.${c.outcome}`, c.params ?? {});
}

function CsrDetails({ row }: { row: CsrRow }) {
  const { t } = useTranslation();
  const r = row.request;
  const item = (term: string, value: string) => (
    <DescriptionListGroup>
      <DescriptionListTerm>{term}</DescriptionListTerm>
      <DescriptionListDescription>{value || '—'}</DescriptionListDescription>
    </DescriptionListGroup>
  );
  return (
    <Stack hasGutter data-testid={`csr-details-${row.name}`}>
      <StackItem>
        {r.ok ? (
          <DescriptionList isCompact isHorizontal>
            {item(t('cluster.csr.subject'), r.subject)}
            {item(t('cluster.csr.dnsNames'), r.dnsNames.join(', '))}
            {item(t('cluster.csr.ipAddresses'), r.ipAddresses.join(', '))}
            {item(t('cluster.csr.key'), r.key)}
            {item(t('cluster.csr.signature'), r.signatureValid ? t('cluster.csr.signatureOk') : t('cluster.csr.signatureBad'))}
            {item(t('cluster.csr.groups'), row.groups.join(', '))}
            {item(t('cluster.csr.usages'), row.usages.join(', '))}
          </DescriptionList>
        ) : (
          <Alert variant="danger" isInline isPlain title={t('cluster.csr.parseError', { reason: r.reason })} />
        )}
      </StackItem>
      <StackItem>
        <List isPlain>
          {row.checks.map((c, i) => (
            <ListItem key={`${c.id}-${i}`} icon={c.outcome === 'ok' ? <CheckCircleIcon color="var(--pf-t--global--icon--color--status--success--default)" /> : c.outcome === 'warn' ? <ExclamationTriangleIcon color="var(--pf-t--global--icon--color--status--warning--default)" /> : <TimesCircleIcon color="var(--pf-t--global--icon--color--status--danger--default)" />}>
              <Fragment>{checkText((k, p) => t(k, p ?? {}), c)}</Fragment>
            </ListItem>
          ))}
        </List>
      </StackItem>
    </Stack>
  );
}
