import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Checkbox, ExpandableSection, Flex, Form, FormGroup, FormHelperText, FormSelect, FormSelectOption, HelperText, Radio, TextArea, TextInput, Title } from '@patternfly/react-core';
import { Alert, HelperTextItem } from '../../components/pf/translated';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CommandBlock } from '../../components/CommandBlock';
import type { GenerateInput } from '../../../shared/api/domains/manual';
import { validateInstallInput } from '../../../shared/coreos-installer';
import { FieldIssues, IssueList, hasErrorAt } from './IssueList';
import type { Issue } from '../../../shared/network/issue';
import { ServerPanel } from './ServerPanel';
import type { StepProps } from './ManualFlow';
import { WizardAction } from '../../components/wizard/wizard-context';
import { formatSize } from '../../../shared/format/size';

type LocalAddress = { interface: string; address: string; family: 4 | 6; internal: boolean; cidr?: string };

/** Where the node gets its files, the target disk, then Generate: preview, copy, save, serve. */
export function FilesStep({ job, state, generated, onGenerated }: StepProps) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [addresses, setAddresses] = useState<LocalAddress[]>([]);
  const [host, setHost] = useState(state.server?.host ?? '');
  const [port, setPort] = useState(String(state.server?.port ?? 8080));
  const [delivery, setDelivery] = useState<'served' | 'inline'>(state.delivery ?? 'served');
  const [device, setDevice] = useState(state.installDevice ?? '');
  const [kargs, setKargs] = useState((state.appendKargs ?? []).join('\n'));
  const [style, setStyle] = useState<'add' | 'modify'>(state.nmcliStyle ?? 'add');
  const [nmsc, setNmsc] = useState(false);
  const [nmscNamespace, setNmscNamespace] = useState('');
  const [nmscLabel, setNmscLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [exportDir, setExportDir] = useState('');
  const [exported, setExported] = useState<number | null>(null);

  const refresh = useCallback(() => {
    api.call('manual.localAddresses', undefined).then(setAddresses, setError);
  }, [api]);
  useEffect(refresh, [refresh]);

  const kargList = kargs
    .split('\n')
    .map((k) => k.trim())
    .filter(Boolean);
  const portNumber = Number(port);
  const portOk = Number.isInteger(portNumber) && portNumber >= 1 && portNumber <= 65535;
  const issues = useMemo(
    () =>
      validateInstallInput({
        device,
        ignitionUrl: `http://${host.includes(':') ? `[${host}]` : host || 'host'}:${portOk ? portNumber : 1}/new-worker.ign`,
        ignitionSha512: '0'.repeat(128),
        appendKargs: kargList,
      }),
    [device, host, portOk, portNumber, kargList],
  );
  const ready = host !== '' && portOk && device.trim() !== '' && !issues.some((i) => i.severity !== 'warning') && (!nmsc || nmscNamespace.trim() !== '');

  const generate = async () => {
    if (!state.hostname || !state.network) return;
    setBusy(true);
    setError(null);
    try {
      const labels = Object.fromEntries(
        nmscLabel
          .split(/[\s,]+/)
          .filter(Boolean)
          .map((l) => (l.includes('=') ? [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] : [l, ''])),
      );
      const input: GenerateInput = {
        hostname: state.hostname,
        network: state.network,
        delivery,
        server: { host, port: portNumber },
        installDevice: device.trim(),
        appendKargs: kargList,
        nmcliStyle: style,
        ...(nmsc ? { nmStateConfig: { namespace: nmscNamespace.trim(), labels } } : {}),
      };
      onGenerated(await api.call('manual.generate', { jobId: job.id, input }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="manual-files-step">
      <Form onSubmit={(e) => e.preventDefault()}>
        <Title headingLevel="h4">{t('manual.wizard.files.serverTitle')}</Title>
        <Flex alignItems={{ default: 'alignItemsFlexEnd' }}>
          <FormGroup label={t('manual.wizard.files.server')} fieldId="manual-server-host" isRequired style={{ minWidth: 320 }}>
            <FormSelect id="manual-server-host" value={host} onChange={(_e, v) => setHost(v)} data-testid="manual-server-host">
              <FormSelectOption value="" label={t('manual.wizard.files.pickAddress')} isPlaceholder />
              {addresses.map((a) => (
                <FormSelectOption
                  key={`${a.interface}-${a.address}`}
                  value={a.address}
                  label={`${a.address} (${a.interface}${a.internal ? `, ${t('manual.wizard.files.loopback')}` : a.cidr ? `, ${a.cidr}` : ''})`}
                />
              ))}
            </FormSelect>
          </FormGroup>
          <FormGroup label={t('manual.wizard.files.port')} fieldId="manual-server-port" isRequired>
            <TextInput id="manual-server-port" value={port} onChange={(_e, v) => setPort(v)} validated={portOk ? 'default' : 'error'} style={{ width: 100 }} data-testid="manual-server-port" />
          </FormGroup>
          <Button variant="link" onClick={refresh}>
            {t('manual.wizard.files.refresh')}
          </Button>
        </Flex>
        <FormHelperText>
          <HelperText>
            <HelperTextItem>{t('manual.wizard.files.serverHelp')}</HelperTextItem>
          </HelperText>
        </FormHelperText>
        <FormGroup role="radiogroup" fieldId="manual-delivery" label={t('manual.wizard.files.delivery')}>
          <Radio id="manual-delivery-served" name="manual-delivery" label={t('manual.wizard.files.served')} isChecked={delivery === 'served'} onChange={() => setDelivery('served')} />
          <Radio
            id="manual-delivery-inline"
            name="manual-delivery"
            label={t('manual.wizard.files.inline')}
            isChecked={delivery === 'inline'}
            onChange={() => setDelivery('inline')}
            data-testid="manual-delivery-inline"
          />
        </FormGroup>
        <FormGroup label={t('manual.wizard.files.device')} fieldId="manual-device" isRequired>
          <TextInput
            id="manual-device"
            value={device}
            onChange={(_e, v) => setDevice(v)}
            placeholder="/dev/disk/by-id/…"
            validated={hasErrorAt(issues, 'device') ? 'error' : 'default'}
            data-testid="manual-device"
          />
          {!issues.some((i) => i.path === 'device') && (
            <FormHelperText>
              <HelperText>
                <HelperTextItem>{t('manual.wizard.files.deviceHelp')}</HelperTextItem>
              </HelperText>
            </FormHelperText>
          )}
          {device.trim() !== '' && <FieldIssues issues={issues} path="device" />}
        </FormGroup>
        <FormGroup label={t('manual.wizard.files.kargs')} fieldId="manual-kargs">
          <TextArea id="manual-kargs" value={kargs} onChange={(_e, v) => setKargs(v)} rows={2} resizeOrientation="vertical" />
          <FieldIssues issues={issues} path="appendKargs" />
        </FormGroup>
        <FormGroup role="radiogroup" fieldId="manual-style" label={t('manual.wizard.files.nmcliStyle')}>
          <Radio id="manual-style-add" name="manual-style" label={t('manual.wizard.files.styleAdd')} isChecked={style === 'add'} onChange={() => setStyle('add')} />
          <Radio id="manual-style-modify" name="manual-style" label={t('manual.wizard.files.styleModify')} isChecked={style === 'modify'} onChange={() => setStyle('modify')} />
        </FormGroup>
        <Checkbox
          id="manual-nmsc"
          label={t('manual.wizard.files.nmStateConfig')}
          description={t('manual.wizard.files.nmStateConfigHelp')}
          isChecked={nmsc}
          onChange={(_e, v) => setNmsc(v)}
          data-testid="manual-nmsc"
        />
        {nmsc && (
          <Flex>
            <FormGroup label={t('manual.wizard.files.nmscNamespace')} fieldId="manual-nmsc-ns" isRequired>
              <TextInput id="manual-nmsc-ns" value={nmscNamespace} onChange={(_e, v) => setNmscNamespace(v)} data-testid="manual-nmsc-ns" />
            </FormGroup>
            <FormGroup label={t('manual.wizard.files.nmscLabels')} fieldId="manual-nmsc-labels" style={{ minWidth: 320 }}>
              <TextInput id="manual-nmsc-labels" value={nmscLabel} onChange={(_e, v) => setNmscLabel(v)} placeholder="infraenvs.agent-install.openshift.io=sno1" data-testid="manual-nmsc-labels" />
            </FormGroup>
          </Flex>
        )}
        <ErrorAlert error={error} />
        {Array.isArray((error as { details?: unknown } | null)?.details) && <IssueList issues={(error as { details: Issue[] }).details} testId="manual-generate-issues" />}
        <WizardAction isPrimary={!generated} onClick={() => void generate()} isLoading={busy} isDisabled={busy || !ready} testId="manual-generate">
          {busy ? t('manual.wizard.files.generating') : t('manual.wizard.files.generate')}
        </WizardAction>
      </Form>

      {generated && (
        <div style={{ marginTop: 24, overflowWrap: 'anywhere' }} data-testid="manual-generated">
          <Alert variant="success" isInline isPlain title={t('manual.wizard.files.generatedAt', { at: new Date(generated.generatedAt).toLocaleString(i18n.language), folder: generated.folder })} />
          <Table aria-label={t('manual.wizard.steps.files')} variant="compact">
            <Thead>
              <Tr>
                <Th>{t('manual.wizard.files.name')}</Th>
                <Th>{t('manual.wizard.files.purpose')}</Th>
                <Th>{t('manual.wizard.files.size')}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {generated.files.map((f) => (
                <Tr key={f.name} data-testid={`manual-file-${f.name}`}>
                  <Td>
                    <code>{f.name}</code>
                  </Td>
                  <Td modifier="breakWord">{t(f.purpose)}</Td>
                  <Td>{formatSize(f.size)}</Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
          {generated.files.map((f) => (
            <ExpandableSection key={f.name} toggleText={t('manual.wizard.files.preview', { name: f.name })} data-testid={`manual-preview-${f.name}`}>
              <CommandBlock id={`manual-file-${f.name.replace(/[^a-z0-9]/gi, '-')}`} text={f.content} />
              <p style={{ marginTop: 4 }}>
                <small>
                  {t('manual.wizard.files.hashLabel', { name: f.name })} <code style={{ wordBreak: 'break-all' }}>{f.sha512}</code>
                </small>
              </p>
            </ExpandableSection>
          ))}
          <Flex alignItems={{ default: 'alignItemsFlexEnd' }} style={{ marginTop: 16 }}>
            <FormGroup label={t('manual.wizard.files.exportFolder')} fieldId="manual-export" style={{ minWidth: 360 }}>
              <TextInput id="manual-export" value={exportDir} onChange={(_e, v) => setExportDir(v)} data-testid="manual-export-dir" />
            </FormGroup>
            <Button
              variant="secondary"
              isDisabled={!exportDir.trim()}
              onClick={() => void api.call('manual.exportFiles', { jobId: job.id, folder: exportDir.trim() }).then((r) => setExported(r.written.length), setError)}
              data-testid="manual-export"
            >
              {t('manual.wizard.files.export')}
            </Button>
          </Flex>
          {exported !== null && <Alert variant="success" isInline isPlain title={t('manual.wizard.files.exported', { count: exported })} />}
          <ServerPanel jobId={job.id} />
        </div>
      )}
    </div>
  );
}
