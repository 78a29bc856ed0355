import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ActionGroup,
  Alert,
  Button,
  ExpandableSection,
  Form,
  FormGroup,
  FormHelperText,
  Grid,
  GridItem,
  HelperText,
  HelperTextItem,
  Radio,
  TextArea,
  TextInput,
} from '@patternfly/react-core';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { validateHostname } from '../../../shared/hostname';
import { validateNetwork, type NetworkModel } from '../../../shared/network/model';
import { blocking, type Issue } from '../../../shared/network/issue';
import { emptyForm, formToModel, modelToForm, type SimpleNetworkForm } from '../../../shared/network/simple-form';
import { parseNetworkYaml } from '../../../shared/network/nmstate-parse';
import { ParseError, parseProblemParams } from '../../../shared/parse/parse-problem';
import { FieldIssues, IssueList, hasErrorAt } from './IssueList';
import type { StepProps } from './ManualFlow';

/** Paths of the simple form's fields in the model (for placing issues next to the field). */
function formPaths(form: SimpleNetworkForm) {
  const carrier = form.vlanId.trim() ? 1 : 0;
  return {
    iface: 'interfaces.0.name',
    mac: 'interfaces.0.macAddress',
    mtu: `interfaces.${carrier}.mtu`,
    address: `interfaces.${carrier}.ipv4.addresses`,
    gateway: `interfaces.${carrier}.ipv4.gateway`,
    address6: `interfaces.${carrier}.ipv6.addresses`,
    gateway6: `interfaces.${carrier}.ipv6.gateway`,
    vlanId: 'interfaces.1.vlan',
    dns: 'dns.servers',
    search: 'dns.search',
  };
}

/** Host name and network, validated as the technician types; richer networks come in as nmstate YAML. */
export function NetworkStep({ job, state, onNext }: StepProps) {
  const { t } = useTranslation();
  const api = useApi();
  const savedForm = state.network ? modelToForm(state.network) : undefined;
  const [hostname, setHostname] = useState(state.hostname ?? '');
  const [form, setForm] = useState<SimpleNetworkForm>(savedForm ?? emptyForm());
  const [imported, setImported] = useState<{ model: NetworkModel; label: string } | undefined>(state.network && !savedForm ? { model: state.network, label: 'nmstate' } : undefined);
  const [yaml, setYaml] = useState('');
  const [yamlError, setYamlError] = useState<string | null>(null);
  const [touched, setTouched] = useState(Boolean(state.network));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const model = imported ? imported.model : formToModel(form);
  const issues: Issue[] = useMemo(() => [...validateHostname(hostname), ...validateNetwork(model)], [hostname, model]);
  const shown = touched ? issues : [];
  const paths = formPaths(form);
  // Issues of a visible field show under it; the rest (and all of an imported network) in the list.
  const shownInline = (i: Issue) => i.path === 'hostname' || (!imported && Object.values(paths).some((p) => i.path === p || Boolean(i.path?.startsWith(`${p}.`))));
  const set = (key: keyof SimpleNetworkForm) => (_e: unknown, value: string) => {
    setTouched(true);
    setForm((f) => ({ ...f, [key]: value }));
  };
  const field = (key: keyof SimpleNetworkForm, label: string, help?: string, required = false) => (
    <FormGroup label={label} fieldId={`manual-net-${key}`} isRequired={required}>
      <TextInput id={`manual-net-${key}`} value={form[key]} onChange={set(key)} validated={hasErrorAt(shown, paths[key as keyof typeof paths] ?? '-') ? 'error' : 'default'} data-testid={`manual-net-${key}`} />
      {help && !hasErrorAt(shown, paths[key as keyof typeof paths] ?? '-') && (
        <FormHelperText>
          <HelperText>
            <HelperTextItem>{help}</HelperTextItem>
          </HelperText>
        </FormHelperText>
      )}
      <FieldIssues issues={shown} path={paths[key as keyof typeof paths] ?? '-'} />
    </FormGroup>
  );

  const applyYaml = () => {
    try {
      const found = parseNetworkYaml(yaml);
      if (found.length === 0) throw new Error(t('manual.cli.noNetwork'));
      setImported({ model: found[0]!.model, label: found[0]!.label });
      setYamlError(null);
      setTouched(true);
    } catch (err) {
      // A parse problem is told as where and what (the parser's own message would quote the YAML).
      const reason = err instanceof ParseError ? t(`common.parse.${err.problem.kind}`, parseProblemParams(err.problem)) : err instanceof Error ? err.message : String(err);
      setYamlError(t('manual.wizard.network.importFailed', { reason }));
    }
  };

  const save = async () => {
    setTouched(true);
    if (blocking(issues).length > 0) return;
    setSaving(true);
    setError(null);
    try {
      await api.call('manual.saveState', { jobId: job.id, patch: { hostname, network: model }, step: 'files' });
      onNext('files');
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form onSubmit={(e) => e.preventDefault()} data-testid="manual-network-step">
      <FormGroup label={t('manual.wizard.network.hostname')} fieldId="manual-hostname" isRequired>
        <TextInput
          id="manual-hostname"
          value={hostname}
          onChange={(_e, v) => {
            setTouched(true);
            setHostname(v);
          }}
          validated={hasErrorAt(shown, 'hostname') ? 'error' : 'default'}
          data-testid="manual-hostname"
        />
        {!hasErrorAt(shown, 'hostname') && (
          <FormHelperText>
            <HelperText>
              <HelperTextItem>{t('manual.wizard.network.hostnameHelp')}</HelperTextItem>
            </HelperText>
          </FormHelperText>
        )}
        <FieldIssues issues={shown} path="hostname" />
      </FormGroup>

      {imported ? (
        <Alert
          variant="info"
          isInline
          title={t('manual.wizard.network.imported', { label: imported.label })}
          data-testid="manual-net-imported"
          actionLinks={
            <Button variant="link" isInline onClick={() => setImported(undefined)}>
              {t('manual.wizard.network.clearImport')}
            </Button>
          }
        >
          {t('manual.wizard.network.importedModel', { count: imported.model.interfaces.length })}
        </Alert>
      ) : (
        <>
          <FormGroup role="radiogroup" fieldId="manual-net-mode" label={t('manual.wizard.network.addressing')} isInline>
            <Radio id="manual-net-dhcp" name="manual-net-mode" label={t('manual.wizard.network.dhcp')} isChecked={form.mode === 'dhcp'} onChange={() => setForm((f) => ({ ...f, mode: 'dhcp' }))} data-testid="manual-net-dhcp" />
            <Radio id="manual-net-static" name="manual-net-mode" label={t('manual.wizard.network.static')} isChecked={form.mode === 'static'} onChange={() => setForm((f) => ({ ...f, mode: 'static' }))} data-testid="manual-net-static" />
          </FormGroup>
          <Grid hasGutter md={6}>
            <GridItem>{field('iface', t('manual.wizard.network.iface'), t('manual.wizard.network.ifaceHelp'), true)}</GridItem>
            <GridItem>{field('mac', t('manual.wizard.network.mac'))}</GridItem>
            {form.mode === 'static' && (
              <>
                <GridItem>{field('address', t('manual.wizard.network.address'), '10.1.101.50/24', true)}</GridItem>
                <GridItem>{field('gateway', t('manual.wizard.network.gateway'))}</GridItem>
                <GridItem>{field('dns', t('manual.wizard.network.dns'), t('manual.wizard.network.dnsHelp'))}</GridItem>
                <GridItem>{field('search', t('manual.wizard.network.search'))}</GridItem>
                <GridItem>{field('address6', t('manual.wizard.network.ipv6'))}</GridItem>
                <GridItem>{field('gateway6', t('manual.wizard.network.gateway6'))}</GridItem>
              </>
            )}
            <GridItem>{field('mtu', t('manual.wizard.network.mtu'), t('manual.wizard.network.mtuHelp'))}</GridItem>
            <GridItem>{field('vlanId', t('manual.wizard.network.vlan'), t('manual.wizard.network.vlanHelp'))}</GridItem>
          </Grid>
        </>
      )}

      <ExpandableSection toggleText={t('manual.wizard.network.importTitle')} data-testid="manual-net-import">
        <FormGroup fieldId="manual-net-yaml" label={t('manual.wizard.network.importHelp')}>
          <TextArea id="manual-net-yaml" value={yaml} onChange={(_e, v) => setYaml(v)} rows={10} resizeOrientation="vertical" style={{ fontFamily: 'monospace' }} data-testid="manual-net-yaml" />
        </FormGroup>
        {yamlError && <Alert variant="danger" isInline isPlain title={yamlError} />}
        <Button variant="secondary" onClick={applyYaml} isDisabled={!yaml.trim()} data-testid="manual-net-yaml-apply" style={{ marginTop: 8 }}>
          {t('manual.wizard.network.importApply')}
        </Button>
      </ExpandableSection>

      <IssueList issues={shown.filter((i) => !shownInline(i))} testId="manual-net-issues" />
      <ErrorAlert error={error} />
      <ActionGroup>
        <Button onClick={() => void save()} isLoading={saving} isDisabled={saving || (touched && blocking(issues).length > 0)} data-testid="manual-net-save">
          {t('manual.wizard.next')}
        </Button>
      </ActionGroup>
    </Form>
  );
}
