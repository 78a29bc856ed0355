import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Button,
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  EmptyState,
  EmptyStateBody,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  InputGroup,
  InputGroupItem,
  Label,
  Spinner,
  Stack,
  TextInput,
} from '@patternfly/react-core';
import { ClipboardCopy, HelperTextItem } from '../../components/pf/translated';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatBytes, type HostView } from '../../../shared/assisted/host-display';
import { validateDay2Hostname, suggestHostname } from '../../../shared/assisted/hostname';
import { canSetHostname, hostPhase } from '../../../shared/assisted/status';
import type { AssistedState } from '../../../shared/api/domains/assisted';
import type { StepProps } from './AssistedFlow';
import { statusInfoText, statusLabel } from './labels';
import { ServiceText } from '../../components/ServiceText';
import { Validations } from './Validations';

export function statusColor(status: string): 'green' | 'red' | 'orange' | 'blue' | 'grey' | 'purple' {
  switch (hostPhase(status)) {
    case 'rebooted':
    case 'ready':
      return 'green';
    case 'failed':
      return 'red';
    case 'blocked':
    case 'needsTechnician':
      return 'orange';
    case 'installing':
    case 'discovering':
      return 'blue';
    case 'unknown':
      return 'purple';
    default:
      return 'grey';
  }
}

/** Step "Host discovery": each host as the technician recognises it, host name, validations. */
export function HostsStep({ job, state, onState, onNext }: StepProps) {
  const { t } = useTranslation();
  if (!state.hosts.length) {
    return (
      <EmptyState titleText={t('assisted.hosts.waiting')} icon={Spinner} headingLevel="h4" data-testid="assisted-waiting-hosts">
        <EmptyStateBody>{t('assisted.hosts.intro')}</EmptyStateBody>
      </EmptyState>
    );
  }
  return (
    <Stack hasGutter>
      <Content component="p">{t('assisted.hosts.intro')}</Content>
      {state.nodeNames.length > 0 && <Content component="small">{t('assisted.hosts.nodeNames', { names: state.nodeNames.join(', ') })}</Content>}
      {state.hosts.map((h) => (
        <HostCard key={h.id} jobId={job.id} host={h} state={state} onState={onState} onInstall={() => onNext('install')} />
      ))}
    </Stack>
  );
}

function HostCard({ jobId, host, state, onState, onInstall }: { jobId: string; host: HostView; state: AssistedState; onState: (s: AssistedState) => void; onInstall: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const others = state.hosts.filter((o) => o.id !== host.id).map((o) => o.displayName);
  const needsName = host.displayName.startsWith('localhost') || host.displayName === host.id;
  const [name, setName] = useState(needsName ? suggestHostname([...others, ...state.nodeNames]) : host.displayName);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const issue = validateDay2Hostname(name, { otherHosts: others, nodeNames: state.nodeNames })[0];
  const selected = state.data.selectedHostId === host.id;

  const saveName = async () => {
    setBusy(true);
    setError(null);
    try {
      onState(await api.call('assisted.setHostname', { id: jobId, hostId: host.id, name: name.trim() }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const select = async () => {
    onState(await api.call('assisted.selectHost', { id: jobId, hostId: host.id }));
    onInstall();
  };

  return (
    <Card isSelected={selected} data-testid={`host-${host.id}`}>
      <CardHeader>
        <CardTitle>
          <span data-testid="host-name">{host.displayName}</span>{' '}
          <Label color={statusColor(host.status)} data-testid="host-status" data-status={host.status}>
            {statusLabel(t, host.status)}
          </Label>
        </CardTitle>
      </CardHeader>
      <CardBody>
        <Content component="small" style={{ display: 'block', marginBottom: 8 }}>
          <ServiceText explanation={statusInfoText(t, host.status)} original={host.statusInfo} />
        </Content>
        <DescriptionList isCompact isHorizontal columnModifier={{ default: '2Col' }}>
          <Item term={t('assisted.hosts.macs')} testId="host-macs">
            {host.macs.map((m) => (
              <ClipboardCopy key={m} isReadOnly variant="inline-compact" hoverTip={t('common.copy')} clickTip={t('common.copied')}>
                {m}
              </ClipboardCopy>
            ))}
          </Item>
          <Item term={t('assisted.hosts.ips')}>{host.ips.join(', ') || '—'}</Item>
          <Item term={t('assisted.hosts.serial')} testId="host-serial">
            {host.serial ?? '—'}
          </Item>
          <Item term={t('assisted.hosts.vendor')} verbatim>
            {[host.vendor, host.model].filter(Boolean).join(' ') || '—'}
          </Item>
          <Item term={t('assisted.hosts.cpu')}>{host.cpuCores ?? '—'}</Item>
          <Item term={t('assisted.hosts.memory')}>{formatBytes(host.memoryBytes)}</Item>
          <Item term={t('assisted.hosts.disks')} verbatim>
            {host.disks.map((d) => `${d.name} ${formatBytes(d.sizeBytes)}${d.type ? ` ${d.type}` : ''}`).join(', ') || '—'}
          </Item>
          <Item term="ID">
            <ClipboardCopy isReadOnly variant="inline-compact" hoverTip={t('common.copy')} clickTip={t('common.copied')}>
              {host.id}
            </ClipboardCopy>
          </Item>
        </DescriptionList>

        {canSetHostname(host.status) && (
          <Form
            style={{ marginTop: 16 }}
            onSubmit={(e) => {
              e.preventDefault();
              void saveName();
            }}
          >
            <FormGroup label={t('assisted.hosts.hostnameLabel')} fieldId={`hostname-${host.id}`}>
              <InputGroup>
                <InputGroupItem isFill>
                  <TextInput id={`hostname-${host.id}`} data-testid="host-hostname-input" value={name} onChange={(_e, v) => setName(v)} validated={issue ? 'error' : 'default'} />
                </InputGroupItem>
                <InputGroupItem>
                  <Button type="submit" variant="control" isLoading={busy} isDisabled={busy || Boolean(issue) || name.trim() === host.displayName} data-testid="host-hostname-save">
                    {t('assisted.hosts.saveHostname')}
                  </Button>
                </InputGroupItem>
              </InputGroup>
              <FormHelperText>
                <HelperText>
                  {issue ? (
                    <HelperTextItem variant="error">{t(`assisted.hostname.${issue.key}`, issue.params ?? {})}</HelperTextItem>
                  ) : (
                    <HelperTextItem>{t('assisted.hosts.hostnameHelp')}</HelperTextItem>
                  )}
                </HelperText>
              </FormHelperText>
            </FormGroup>
            <ErrorAlert error={error} />
          </Form>
        )}

        <Content component="h4" style={{ marginTop: 16 }}>
          {t('assisted.hosts.validations')}
        </Content>
        <Validations json={host.validationsInfo} hostId={host.id} />

        <div style={{ marginTop: 16 }}>
          {/* Selecting only picks the host; installing is the Installation step's one action. */}
          <Button onClick={() => void select()} variant="secondary" data-testid="host-select">
            {selected ? t('assisted.hosts.selected') : t('assisted.hosts.select')}
          </Button>
        </div>
      </CardBody>
    </Card>
  );
}

/** `verbatim`: the value is the machine's own report (model string, disk names), shown as the host sent it. */
function Item({ term, children, testId, verbatim }: { term: string; children: React.ReactNode; testId?: string; verbatim?: boolean }) {
  return (
    <DescriptionListGroup>
      <DescriptionListTerm>{term}</DescriptionListTerm>
      <DescriptionListDescription data-testid={testId} {...(verbatim ? { 'data-verbatim': true } : {})}>
        {children}
      </DescriptionListDescription>
    </DescriptionListGroup>
  );
}
