import { WizardAction, WizardNext } from '../../components/wizard/wizard-context';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionGroup, ExpandableSection, Form, FormGroup, FormHelperText, HelperText, TextArea, TextInput } from '@patternfly/react-core';
import { Alert, HelperTextItem } from '../../components/pf/translated';
import { useApi } from '../../api/context';
import { useContractMutation } from '../../api/query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CommandBlock } from '../../components/CommandBlock';
import { NetworkForm, isInlineIssue, modelOf, networkFormValue, type NetworkFormValue } from '../../components/network/NetworkForm';
import { FieldIssues, IssueList, hasErrorAt } from '../manual/IssueList';
import { blocking, type Issue } from '../../../shared/network/issue';
import { buildNodesConfig, nodesConfigYaml, type NodesConfigInput } from '../../../shared/nodeimage/nodes-config';
import { validateNodesConfig } from '../../../shared/nodeimage/validate-nodes-config';
import type { RootDeviceChoice } from '../../../shared/nodeimage/root-device';
import type { MethodOutput } from '../../../shared/api/contract';
import type { WireError } from '../../../shared/api/errors';
import { RootDeviceField } from './RootDeviceField';
import { useAutosave } from '../../components/wizard/use-autosave';
import { toFormIssues } from './issue-paths';
import type { NodeImageStepProps } from './NodeImageFlow';

type Written = MethodOutput<'nodeimage.writeConfig'>;

/**
 * The new host as nodes-config.yaml: name, network (the same form and model as the manual path)
 * and install disk, checked against the installer's rules as the technician types; saving writes
 * the file into the job's folder after the same check with the cluster's nodes.
 */
export function HostStep({ job, state, onNext }: NodeImageStepProps) {
  const { t } = useTranslation();
  const api = useApi();
  const [hostname, setHostname] = useState(state.hostname ?? '');
  const [network, setNetwork] = useState<NetworkFormValue>(() => networkFormValue(state.network));
  const [rootDevice, setRootDevice] = useState<RootDeviceChoice>(state.rootDevice ?? { by: 'path', value: '' });
  const [sshKey, setSshKey] = useState(state.sshKey ?? '');
  const [cpuArchitecture, setCpuArchitecture] = useState(state.cpuArchitecture ?? '');
  const [pullSecretPath, setPullSecretPath] = useState(state.pullSecretPath ?? '');
  const [touched, setTouched] = useState(Boolean(state.config));
  const [serverIssues, setServerIssues] = useState<Issue[]>([]);
  const [written, setWritten] = useState<Written>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const input: NodesConfigInput = useMemo(
    () => ({ hosts: [{ hostname, network: modelOf(network), rootDevice }], ...(sshKey.trim() ? { sshKey } : {}), ...(cpuArchitecture.trim() ? { cpuArchitecture } : {}) }),
    [hostname, network, rootDevice, sshKey, cpuArchitecture],
  );
  // What is typed is saved as it is typed (the config file is written only by "Save").
  const saveState = useContractMutation('nodeimage.saveState');
  const autosave = useAutosave({ hostname, network: modelOf(network), rootDevice, sshKey, cpuArchitecture, pullSecretPath }, (patch) => saveState.mutateAsync({ jobId: job.id, patch }));
  const { doc, issues } = useMemo(() => {
    const built = buildNodesConfig(input);
    const found = [...built.issues, ...validateNodesConfig(built.doc)];
    return { doc: built.doc, issues: toFormIssues([...found, ...serverIssues], !network.imported) };
  }, [input, serverIssues, network.imported]);
  const parseIssues = network.imported?.issues ?? [];
  const shown = touched ? [...issues, ...parseIssues] : [];
  const inline = (i: Issue) => ['hostname', 'rootDevice', 'sshKey', 'cpuArchitecture'].includes(i.path ?? '') || isInlineIssue(network, i);
  const touch =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      setTouched(true);
      setServerIssues([]);
      set(v);
    };

  const save = async () => {
    setTouched(true);
    if (blocking([...issues, ...parseIssues]).length > 0) return;
    setSaving(true);
    setError(null);
    try {
      await api.call('nodeimage.saveState', { jobId: job.id, patch: { hostname, network: modelOf(network), rootDevice, sshKey, cpuArchitecture, pullSecretPath } });
      setWritten(await api.call('nodeimage.writeConfig', { jobId: job.id, input }));
    } catch (err) {
      const details = (err as WireError).details as { issues?: Issue[] } | undefined;
      if ((err as WireError).code === 'nodeimage.configInvalid' && details?.issues) setServerIssues(details.issues);
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form onSubmit={(e) => e.preventDefault()} data-testid="nodeimage-host-step">
      <p>{t('nodeimage.host.intro')}</p>
      <TextField id="ni-hostname" value={hostname} onChange={touch(setHostname)} label={t('nodeimage.host.hostname')} help={t('nodeimage.host.hostnameHelp')} issues={shown} path="hostname" />
      <NetworkForm value={network} onChange={touch(setNetwork)} issues={shown} idPrefix="ni-net" macRequired />
      <RootDeviceField value={rootDevice} onChange={touch(setRootDevice)} issues={shown} />
      <ExpandableSection toggleText={t('nodeimage.host.advanced')} data-testid="ni-advanced">
        <TextField id="ni-ssh-key" value={sshKey} onChange={touch(setSshKey)} label={t('nodeimage.host.sshKey')} help={t('nodeimage.host.sshKeyHelp')} issues={shown} path="sshKey" multiline />
        <TextField
          id="ni-cpu-arch"
          value={cpuArchitecture}
          onChange={touch(setCpuArchitecture)}
          label={t('nodeimage.host.cpuArchitecture')}
          help={t('nodeimage.host.cpuArchitectureHelp')}
          issues={shown}
          path="cpuArchitecture"
        />
        <TextField id="ni-pull-secret" value={pullSecretPath} onChange={touch(setPullSecretPath)} label={t('nodeimage.host.pullSecret')} help={t('nodeimage.host.pullSecretHelp')} issues={shown} />
      </ExpandableSection>
      <ExpandableSection toggleText={t('nodeimage.host.preview')} data-testid="ni-preview">
        <CommandBlock id="ni-nodes-config" text={nodesConfigYaml(doc)} testId="ni-nodes-config" />
      </ExpandableSection>
      <IssueList issues={shown.filter((i) => !inline(i))} testId="ni-issues" />
      <ErrorAlert error={serverIssues.length > 0 ? null : error} />
      <ErrorAlert error={autosave.error} />
      {written && <WrittenConfig written={written} />}
      <ActionGroup>
        <WizardAction
          isPrimary={!written && !state.config}
          onClick={() => void save()}
          isLoading={saving}
          isDisabled={saving || (touched && blocking([...issues, ...parseIssues]).length > 0)}
          testId="ni-save"
        >
          {t('nodeimage.host.save')}
        </WizardAction>
        <WizardNext onClick={() => onNext('oc')} isDisabled={!written && !state.config} testId="ni-host-next">
          {t('nodeimage.oc.next')}
        </WizardNext>
      </ActionGroup>
    </Form>
  );
}

interface TextFieldProps {
  id: string;
  value: string;
  onChange: (v: string) => void;
  label: string;
  help: string;
  issues: Issue[];
  /** The issue path shown under this field */
  path?: string;
  multiline?: boolean;
}

function TextField({ id, value, onChange, label, help, issues, path, multiline = false }: TextFieldProps) {
  const invalid = path !== undefined && hasErrorAt(issues, path);
  return (
    <FormGroup label={label} fieldId={id}>
      {multiline ? (
        <TextArea id={id} value={value} onChange={(_e, v) => onChange(v)} rows={2} validated={invalid ? 'error' : 'default'} data-testid={id} />
      ) : (
        <TextInput id={id} value={value} onChange={(_e, v) => onChange(v)} validated={invalid ? 'error' : 'default'} data-testid={id} />
      )}
      <FormHelperText>
        <HelperText>
          <HelperTextItem>{help}</HelperTextItem>
        </HelperText>
      </FormHelperText>
      {path && <FieldIssues issues={issues} path={path} />}
    </FormGroup>
  );
}

function WrittenConfig({ written }: { written: Written }) {
  const { t } = useTranslation();
  return (
    <Alert variant="success" isInline title={t('nodeimage.host.saved', { path: written.path, sha: written.sha256.slice(0, 12) })} data-testid="ni-saved">
      <ExpandableSection toggleText={t('nodeimage.host.commands')} data-testid="ni-commands">
        <p>{t('nodeimage.host.commandCreate')}</p>
        <CommandBlock id="ni-cmd-create" text={written.commands.create} target="laptop" />
        {written.commands.singleNode && (
          <>
            <p>{t('nodeimage.host.commandSingle')}</p>
            <CommandBlock id="ni-cmd-single" text={written.commands.singleNode} target="laptop" />
          </>
        )}
        {written.commands.monitor && (
          <>
            <p>{t('nodeimage.host.commandMonitor')}</p>
            <CommandBlock id="ni-cmd-monitor" text={written.commands.monitor} target="laptop" />
          </>
        )}
      </ExpandableSection>
    </Alert>
  );
}
