import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Form, FormGroup, FormHelperText, HelperText, TextInput } from '@patternfly/react-core';
import { useContractMutation } from '../../api/query';
import { HelperTextItem } from '../../components/pf/translated';
import { ErrorAlert } from '../../components/ErrorAlert';
import { validateHostname } from '../../../shared/hostname';
import { validateNetwork } from '../../../shared/network/model';
import { blocking, type Issue } from '../../../shared/network/issue';
import { NetworkForm, isInlineIssue, modelOf, networkFormValue, type NetworkFormValue } from '../../components/network/NetworkForm';
import { FieldIssues, IssueList, hasErrorAt } from './IssueList';
import type { StepProps } from './ManualFlow';
import { WizardNext } from '../../components/wizard/wizard-context';
import { useAutosave } from '../../components/wizard/use-autosave';
import { clusterDomain } from '../cluster-domain';

/** Host name and network, validated as the technician types; richer networks come in as nmstate YAML. */
export function NetworkStep({ job, state, onNext }: StepProps) {
  const { t } = useTranslation();
  const [hostname, setHostname] = useState(state.hostname ?? '');
  const [network, setNetwork] = useState<NetworkFormValue>(() => networkFormValue(state.network));
  const [touched, setTouched] = useState(Boolean(state.network));
  const model = modelOf(network);
  const domain = clusterDomain(job);
  const issues: Issue[] = useMemo(
    () => [...validateHostname(hostname, 'hostname', domain), ...(network.imported?.issues ?? []), ...validateNetwork(model)],
    [hostname, model, network.imported, domain],
  );
  // What is typed is saved as it is typed (the step is not marked done until it validates: see state.ts).
  const draft = useContractMutation('manual.saveState');
  const autosave = useAutosave({ hostname, network: model }, (patch) => draft.mutateAsync({ jobId: job.id, patch }));
  const shown = touched ? issues : [];
  // Issues of a visible field show under it; the rest (and all of an imported network) in the list.
  const shownInline = (i: Issue) => i.path === 'hostname' || isInlineIssue(network, i);

  const saveStep = useContractMutation('manual.saveState', { onSuccess: () => onNext('files') });
  const save = () => {
    setTouched(true);
    if (blocking(issues).length === 0) saveStep.mutate({ jobId: job.id, patch: { hostname, network: model }, step: 'files' });
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
              <HelperTextItem>{t('app.wizard.hostNameHelp', { example: `worker-1.${domain ?? 'sno1.example.com'}` })}</HelperTextItem>
            </HelperText>
          </FormHelperText>
        )}
        <FieldIssues issues={shown} path="hostname" />
      </FormGroup>

      <NetworkForm
        value={network}
        onChange={(v) => {
          setTouched(true);
          setNetwork(v);
        }}
        issues={shown}
        idPrefix="manual-net"
        onHostName={(name) => {
          if (!hostname.trim()) setHostname(name);
        }}
      />

      <IssueList issues={shown.filter((i) => !shownInline(i))} testId="manual-net-issues" />
      <ErrorAlert error={saveStep.error} />
      <ErrorAlert error={autosave.error} />
      <WizardNext onClick={save} isLoading={saveStep.isPending} isDisabled={saveStep.isPending || (touched && blocking(issues).length > 0)} testId="manual-net-save">
        {t('manual.wizard.next')}
      </WizardNext>
    </Form>
  );
}
