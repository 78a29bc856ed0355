import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionGroup, Button, Card, CardBody, CardTitle, CodeBlock, CodeBlockCode, FormGroup, Label, TextInput } from '@patternfly/react-core';
import { Alert } from '../../components/pf/translated';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useApi, useApiEvent } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CsrPanel } from '../../components/cluster/CsrPanel';
import type { MonitorSnapshot } from '../../../shared/api/domains/nodeimage';
import { clusterOf } from './state';
import type { NodeImageStepProps } from './NodeImageFlow';

const REFRESH_MS = 10_000;
const COLOR = { up: 'green', down: 'grey', unknown: 'grey' } as const;

/** What `oc adm node-image monitor` shows, read natively, then the CSR panel that approves what passes the identity checks. */
export function JoinStep({ job }: NodeImageStepProps) {
  const { t } = useTranslation();
  const api = useApi();
  const planned = (clusterOf(job)?.worker?.addresses ?? []).filter((a) => !a.includes('/'));
  const [ips, setIps] = useState(planned.join(', '));
  const [snapshot, setSnapshot] = useState<MonitorSnapshot>();
  const [error, setError] = useState<unknown>(null);
  const list = ips.split(/[\s,]+/).filter(Boolean);
  const key = list.join(',');

  const refresh = useCallback(
    () =>
      api.call('nodeimage.monitor', { jobId: job.id, ips: key ? key.split(',') : [] }).then(
        (s) => {
          setSnapshot(s);
          setError(null);
        },
        (err: unknown) => setError(err),
      ),
    [api, job.id, key],
  );
  // Polled like oc's monitor (it checks every few seconds), and at once when a CSR changes.
  useEffect(() => {
    const first = setTimeout(() => void refresh(), 0);
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [refresh]);
  useApiEvent('csr.changed', (p) => p.jobId === job.id && void refresh());

  return (
    <div data-testid="nodeimage-join-step">
      <Alert variant="info" isInline title={t('nodeimage.join.intro')} />
      <Card isCompact style={{ marginTop: 16 }} data-testid="ni-monitor">
        <CardTitle>{t('nodeimage.join.monitorTitle')}</CardTitle>
        <CardBody>
          <FormGroup label={t('nodeimage.join.ips')} fieldId="ni-monitor-ips">
            <TextInput id="ni-monitor-ips" value={ips} onChange={(_e, v) => setIps(v)} placeholder="192.168.111.83" data-testid="ni-monitor-ips" />
          </FormGroup>
          {list.length === 0 && <Alert variant="info" isInline isPlain title={t('nodeimage.join.noIps')} />}
          {snapshot && snapshot.nodes.length > 0 && <MonitorTable snapshot={snapshot} />}
          <ErrorAlert error={error} />
          <ActionGroup>
            <Button variant="secondary" onClick={() => void refresh()} data-testid="ni-monitor-refresh">
              {t('nodeimage.join.refresh')}
            </Button>
          </ActionGroup>
        </CardBody>
      </Card>
      <div style={{ marginTop: 16 }}>
        <CsrPanel job={job} />
      </div>
      <ActionGroup style={{ marginTop: 16 }}>
        <Button variant="secondary" onClick={() => void api.call('jobs.update', { id: job.id, status: 'done' })} isDisabled={job.status !== 'active'} data-testid="ni-done">
          {t('nodeimage.join.markDone')}
        </Button>
      </ActionGroup>
    </div>
  );
}

function MonitorTable({ snapshot }: { snapshot: MonitorSnapshot }) {
  const { t } = useTranslation();
  const lines = snapshot.nodes.flatMap((n) => n.lines);
  const state = (s: 'up' | 'down' | 'unknown') => <Label color={COLOR[s]}>{t(`nodeimage.join.state.${s}`)}</Label>;
  const yes = (v: boolean) => <Label color={v ? 'green' : 'grey'}>{v ? '✓' : '–'}</Label>;
  return (
    <>
      <Table variant="compact" aria-label={t('nodeimage.join.monitorTitle')}>
        <Thead>
          <Tr>
            <Th>IP</Th>
            <Th>{t('nodeimage.join.agentApi')}</Th>
            <Th>{t('nodeimage.join.kubelet')}</Th>
            <Th>{t('nodeimage.join.joined')}</Th>
            <Th>{t('nodeimage.join.ready')}</Th>
          </Tr>
        </Thead>
        <Tbody>
          {snapshot.nodes.map((n) => (
            <Tr key={n.ip} data-testid={`ni-monitor-${n.ip}`} data-ready={String(n.ready)} data-joined={String(n.joined)}>
              <Td>{n.ip}</Td>
              <Td>{state(n.agentApi)}</Td>
              <Td>{state(n.kubelet)}</Td>
              <Td>{yes(n.joined)}</Td>
              <Td>{yes(n.ready)}</Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      <p style={{ marginTop: 8 }}>{t('nodeimage.join.ocLines')}</p>
      <CodeBlock data-testid="ni-monitor-lines">
        <CodeBlockCode>{lines.length ? lines.join('\n') : t('nodeimage.join.noLines')}</CodeBlockCode>
      </CodeBlock>
    </>
  );
}
