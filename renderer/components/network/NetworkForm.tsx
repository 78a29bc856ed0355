import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ExpandableSection, FormGroup, FormHelperText, FormSelect, FormSelectOption, Grid, GridItem, HelperText, List, ListItem, Radio, TextArea, TextInput } from '@patternfly/react-core';
import { Alert, HelperTextItem } from '../pf/translated';
import type { Issue } from '../../../shared/network/issue';
import type { SimpleNetworkForm } from '../../../shared/network/simple-form';
import type { ParsedNetwork } from '../../../shared/network/nmstate-parse';
import { importNetworkYaml, type ImportError } from '../../../shared/network/import';
import { FieldIssues, hasErrorAt } from '../../flows/manual/IssueList';
import { formPaths, type NetworkFormValue } from './network-form-model';

export { isInlineIssue, modelOf, networkFormValue, type NetworkFormValue } from './network-form-model';

interface Props {
  value: NetworkFormValue;
  onChange: (v: NetworkFormValue) => void;
  /** Issues to show (already filtered by "touched"), with model paths */
  issues: Issue[];
  /** Prefix of ids and test ids, e.g. "manual-net" */
  idPrefix: string;
  /** The MAC is required (node-image identifies the host by it) */
  macRequired?: boolean;
  /** A host name found in the imported YAML (a ZTP node entry has one) */
  onHostName?: (name: string) => void;
}

/**
 * One node's network as the technician enters it: the simple form (one NIC by name and MAC, DHCP
 * or static, VLAN, DNS, MTU) or any nmstate document pasted in (bonds, bridges, several NICs;
 * NMStateConfig, SiteConfig and nodes-config.yaml are read too). Used by the manual and the
 * node-image paths; the model is what both generate from.
 */
export function NetworkForm({ value, onChange, issues, idPrefix, macRequired = false, onHostName }: Props) {
  const { t } = useTranslation();
  const paths = formPaths(value.form);
  const set = (key: keyof SimpleNetworkForm) => (_e: unknown, v: string) => onChange({ ...value, form: { ...value.form, [key]: v } });
  const field = (key: keyof SimpleNetworkForm, label: string, help?: string, required = false) => {
    const path = paths[key] ?? '-';
    return (
      <FormGroup label={label} fieldId={`${idPrefix}-${key}`} isRequired={required}>
        <TextInput id={`${idPrefix}-${key}`} value={value.form[key]} onChange={set(key)} validated={hasErrorAt(issues, path) ? 'error' : 'default'} data-testid={`${idPrefix}-${key}`} />
        {help && !hasErrorAt(issues, path) && (
          <FormHelperText>
            <HelperText>
              <HelperTextItem>{help}</HelperTextItem>
            </HelperText>
          </FormHelperText>
        )}
        <FieldIssues issues={issues} path={path} />
      </FormGroup>
    );
  };

  const setMode = (mode: 'dhcp' | 'static') => onChange({ ...value, form: { ...value.form, mode } });
  const { form, imported } = value;

  return (
    <>
      {imported ? (
        <Alert
          variant="info"
          isInline
          title={t('manual.wizard.network.imported', { label: imported.label })}
          data-testid={`${idPrefix}-imported`}
          actionLinks={
            <Button variant="link" isInline onClick={() => onChange({ form })}>
              {t('manual.wizard.network.clearImport')}
            </Button>
          }
        >
          {t('manual.wizard.network.importedModel', { count: imported.model.interfaces.length })}
        </Alert>
      ) : (
        <>
          <FormGroup role="radiogroup" fieldId={`${idPrefix}-mode`} label={t('manual.wizard.network.addressing')} isInline>
            <Radio
              id={`${idPrefix}-dhcp`}
              name={`${idPrefix}-mode`}
              label={t('manual.wizard.network.dhcp')}
              isChecked={form.mode === 'dhcp'}
              onChange={() => setMode('dhcp')}
              data-testid={`${idPrefix}-dhcp`}
            />
            <Radio
              id={`${idPrefix}-static`}
              name={`${idPrefix}-mode`}
              label={t('manual.wizard.network.static')}
              isChecked={form.mode === 'static'}
              onChange={() => setMode('static')}
              data-testid={`${idPrefix}-static`}
            />
          </FormGroup>
          <Grid hasGutter md={6}>
            <GridItem>{field('iface', t('manual.wizard.network.iface'), t('manual.wizard.network.ifaceHelp'), true)}</GridItem>
            <GridItem>
              {field('mac', macRequired ? t('manual.wizard.network.macRequired') : t('manual.wizard.network.mac'), macRequired ? t('nodeimage.host.macHelp') : undefined, macRequired)}
            </GridItem>
            {form.mode === 'static' && (
              <>
                <GridItem>{field('address', t('manual.wizard.network.address'), t('manual.wizard.network.addressHelp'), true)}</GridItem>
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

      <ImportSection
        idPrefix={idPrefix}
        onImport={(c) => {
          onChange({ ...value, imported: { model: c.model, label: c.label, issues: c.issues } });
          if (c.hostName) onHostName?.(c.hostName);
        }}
      />
    </>
  );
}

/**
 * Paste nmstate, an NMStateConfig, a SiteConfig or ClusterInstance (or one of its node entries) or a
 * nodes-config.yaml. A document may hold several nodes: the technician picks one. Errors name the
 * field of the YAML that is wrong, never quote it.
 */
function ImportSection({ idPrefix, onImport }: { idPrefix: string; onImport: (picked: ParsedNetwork) => void }) {
  const { t } = useTranslation();
  const [yaml, setYaml] = useState('');
  const [errors, setErrors] = useState<ImportError[]>([]);
  const [candidates, setCandidates] = useState<ParsedNetwork[]>([]);
  const [picked, setPicked] = useState(0);
  const apply = () => {
    const result = importNetworkYaml(yaml);
    setErrors(result.errors);
    setCandidates(result.candidates);
    setPicked(0);
    if (result.candidates[0]) onImport(result.candidates[0]);
  };
  return (
    <ExpandableSection toggleText={t('manual.wizard.network.importTitle')} data-testid={`${idPrefix}-import`}>
      <FormGroup fieldId={`${idPrefix}-yaml`} label={t('manual.wizard.network.importHelp')}>
        <TextArea id={`${idPrefix}-yaml`} value={yaml} onChange={(_e, v) => setYaml(v)} rows={10} resizeOrientation="vertical" style={{ fontFamily: 'monospace' }} data-testid={`${idPrefix}-yaml`} />
      </FormGroup>
      {errors.length > 0 && (
        <Alert variant="danger" isInline title={t('handoff.import.errorsTitle')} data-testid={`${idPrefix}-import-errors`}>
          <List>
            {errors.map((e, n) => (
              <ListItem key={n} data-path={e.path}>
                {e.path && <code>{e.path}</code>} {t(`handoff.import.${e.key}`, e.params ?? {})}
              </ListItem>
            ))}
          </List>
        </Alert>
      )}
      <Button variant="secondary" onClick={apply} isDisabled={!yaml.trim()} data-testid={`${idPrefix}-yaml-apply`} style={{ marginTop: 8 }}>
        {t('manual.wizard.network.importApply')}
      </Button>
      {candidates.length > 1 && (
        <FormGroup label={t('handoff.import.pick')} fieldId={`${idPrefix}-pick`} style={{ marginTop: 8 }}>
          <FormSelect
            id={`${idPrefix}-pick`}
            value={String(picked)}
            onChange={(_e, v) => {
              setPicked(Number(v));
              onImport(candidates[Number(v)]!);
            }}
            data-testid={`${idPrefix}-pick`}
          >
            {candidates.map((c, i) => (
              <FormSelectOption key={i} value={String(i)} label={c.label} />
            ))}
          </FormSelect>
        </FormGroup>
      )}
    </ExpandableSection>
  );
}
