import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionGroup, Button, Card, CardBody, CardTitle, Content, Form, FormGroup, Grid, GridItem, Label, TextInput } from '@patternfly/react-core';
import { Alert } from '../pf/translated';
import { Table, Thead, Tr, Th, Tbody, Td } from '@patternfly/react-table';
import type { Job } from '../../../shared/api/domains/jobs';
import { vcpuCount } from '../../../shared/cluster/resources';
import { useContractMutation } from '../../api/query';
import { ErrorAlert } from '../ErrorAlert';
import { HelpLink } from '../HelpLink';

const STATUS_COLOR = { pass: 'green', warn: 'orange', fail: 'red', skipped: 'grey', offline: 'blue' } as const;

/** DNS, ports, clock skew and the worker's resources (with the vCPU formula), each with its fix. */
export function PreflightCard({ job }: { job: Job }) {
  const { t } = useTranslation();
  const [domain, setDomain] = useState('');
  const [workerIp, setWorkerIp] = useState('');
  const [res, setRes] = useState({ threadsPerCore: 2, coresPerSocket: 2, sockets: 1, memoryGiB: 16, diskGB: 120 });
  const preflight = useContractMutation('cluster.preflight');
  const result = preflight.data;
  const busy = preflight.isPending;
  const run = () => preflight.mutate({ jobId: job.id, ...(domain.trim() ? { clusterDomain: domain.trim() } : {}), ...(workerIp.trim() ? { workerIp: workerIp.trim() } : {}), resources: res });
  const num = (key: keyof typeof res, label: string) => (
    <GridItem span={4}>
      <FormGroup label={label} fieldId={`pf-${key}`}>
        <TextInput id={`pf-${key}`} type="number" min={0} value={res[key]} onChange={(_e, v) => setRes((r) => ({ ...r, [key]: Math.max(0, Number(v) || 0) }))} data-testid={`preflight-${key}`} />
      </FormGroup>
    </GridItem>
  );

  return (
    <Card data-testid="preflight-card">
      <CardTitle>
        {t('cluster.preflight.title')} <HelpLink topic="page.preflight" />
      </CardTitle>
      <CardBody>
        <Content component="p">{t('cluster.preflight.intro')}</Content>
        {preflight.error ? <ErrorAlert error={preflight.error} onClose={() => preflight.reset()} /> : null}
        <Form onSubmit={(e) => e.preventDefault()}>
          <Grid hasGutter>
            <GridItem span={6}>
              <FormGroup label={t('cluster.preflight.domainLabel')} fieldId="pf-domain">
                <TextInput id="pf-domain" value={domain} onChange={(_e, v) => setDomain(v)} placeholder={t('cluster.preflight.domainHelp')} />
              </FormGroup>
            </GridItem>
            <GridItem span={6}>
              <FormGroup label={t('cluster.preflight.workerIpLabel')} fieldId="pf-ip">
                <TextInput id="pf-ip" value={workerIp} onChange={(_e, v) => setWorkerIp(v)} />
              </FormGroup>
            </GridItem>
          </Grid>
          <Content component="h4">{t('cluster.preflight.calculator')}</Content>
          <Grid hasGutter>
            {num('threadsPerCore', t('cluster.preflight.threads'))}
            {num('coresPerSocket', t('cluster.preflight.cores'))}
            {num('sockets', t('cluster.preflight.sockets'))}
            {num('memoryGiB', t('cluster.preflight.memory'))}
            {num('diskGB', t('cluster.preflight.disk'))}
          </Grid>
          <Content component="p" data-testid="preflight-vcpu">
            {t('cluster.preflight.vcpuFormula', { threads: res.threadsPerCore, cores: res.coresPerSocket, sockets: res.sockets, vcpu: vcpuCount(res) })}
          </Content>
          <ActionGroup>
            <Button variant="primary" onClick={run} isLoading={busy} isDisabled={busy || res.threadsPerCore < 1 || res.coresPerSocket < 1 || res.sockets < 1} data-testid="preflight-run">
              {busy ? t('cluster.preflight.running') : t('cluster.preflight.run')}
            </Button>
          </ActionGroup>
        </Form>
        {result && !result.online && <Alert variant="info" isInline title={t('cluster.preflight.offlineBanner')} data-testid="preflight-offline" />}
        {result && (
          <Table variant="compact" aria-label={t('cluster.preflight.title')} data-testid="preflight-results">
            <Thead>
              <Tr>
                <Th width={10}>{t('cluster.preflight.status.pass')}</Th>
                <Th>{t('cluster.preflight.title')}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {result.checks.map((c) => (
                <Tr key={c.id} data-testid={`preflight-${c.id}`} data-status={c.status}>
                  <Td>
                    <Label color={STATUS_COLOR[c.status]}>{t(`cluster.preflight.status.${c.status}`)}</Label>
                  </Td>
                  <Td>
                    <div>{t(`cluster.preflight.results.${c.key}`, c.params)}</div>
                    {c.fixKey && c.status !== 'pass' && <div className="pf-v6-u-font-size-sm pf-v6-u-text-color-subtle">{t(`cluster.preflight.fixes.${c.fixKey}`)}</div>}
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </CardBody>
    </Card>
  );
}
