import { WizardAction, WizardNext } from '../../components/wizard/wizard-context';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Button,
  Content,
  ExpandableSection,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  InputGroup,
  InputGroupItem,
  MenuToggle,
  Radio,
  Select,
  SelectList,
  SelectOption,
  TextArea,
  TextInput,
} from '@patternfly/react-core';
import { modelOf, networkFormValue, type NetworkFormValue } from '../../components/network/NetworkForm';
import { useAutosave } from '../../components/wizard/use-autosave';
import { isoDraft, useDraftSave, withoutProxyCredentials } from './drafts';
import { networkBlocks, staticNetworkInput, type NetMode } from './static-network';
import { StaticNetworkSection } from './StaticNetworkSection';
import { HelperTextItem } from '../../components/pf/translated';
import { useApi } from '../../api/context';
import { useContractMutation, useContractQuery } from '../../api/query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { checkSshPublicKey } from '../../../shared/assisted/cluster';
import type { StepProps } from './AssistedFlow';
import { useAction } from './useAssisted';
import { FieldMessages } from '../../components/wizard/FieldMessages';
import { ntpMessages } from './iso-validation';

/** Step "Generate discovery ISO": pull secret file, SSH key, image type, proxy, NTP, static network. */
export function IsoStep({ job, state, onState, onNext }: StepProps) {
  const { t } = useTranslation();
  const api = useApi();
  const saved = state.data.infraEnv;
  // What was typed last (saved as typed) comes first, then what was sent.
  const draft = useMemo(() => isoDraft(job), [job]);
  const [pullSecretPath, setPullSecretPath] = useState(draft.pullSecretPath ?? saved?.pullSecretPath ?? '');
  const secret = useContractMutation('assisted.checkPullSecret');
  const secretCheck = secret.data;
  const [sshKey, setSshKey] = useState(draft.sshKey ?? saved?.sshPublicKey ?? '');
  const keys = useContractQuery('assisted.sshKeys', undefined).data ?? [];
  const [keysOpen, setKeysOpen] = useState(false);
  const [imageType, setImageType] = useState<'full-iso' | 'minimal-iso'>(draft.imageType ?? saved?.imageType ?? 'full-iso');
  const [httpProxy, setHttpProxy] = useState(draft.httpProxy ?? saved?.httpProxy ?? '');
  const [httpsProxy, setHttpsProxy] = useState(draft.httpsProxy ?? saved?.httpsProxy ?? '');
  const [noProxy, setNoProxy] = useState(draft.noProxy ?? saved?.noProxy ?? '');
  const [ntp, setNtp] = useState(draft.ntp ?? saved?.ntpSources ?? '');
  const [netMode, setNetMode] = useState<NetMode>(draft.netMode ?? (saved?.networkYaml && !draft.network ? 'yaml' : 'form'));
  const [network, setNetwork] = useState<NetworkFormValue>(() => networkFormValue(draft.network));
  const [nmstate, setNmstate] = useState(draft.nmstate ?? saved?.networkYaml ?? '');
  const model = useMemo(() => modelOf(network), [network]);
  const saveDraft = useDraftSave(job, 'iso');
  const autosave = useAutosave(withoutProxyCredentials({ pullSecretPath, sshKey, imageType, httpProxy, httpsProxy, noProxy, ntp, netMode, network: model, nmstate }), saveDraft);

  const checkSecret = () => secret.mutate({ path: pullSecretPath.trim() });
  const ssh = sshKey.trim() ? checkSshPublicKey(sshKey) : undefined;
  const ntpErrors = ntpMessages(ntp);
  const netBlocks = networkBlocks(netMode, model, nmstate);

  const generate = useAction(
    useCallback(
      () =>
        api.call('assisted.saveInfraEnv', {
          id: job.id,
          pullSecretPath: pullSecretPath.trim(),
          imageType,
          ...(sshKey.trim() ? { sshPublicKey: sshKey.trim() } : {}),
          ...(httpProxy.trim() ? { httpProxy: httpProxy.trim() } : {}),
          ...(httpsProxy.trim() ? { httpsProxy: httpsProxy.trim() } : {}),
          ...(noProxy.trim() ? { noProxy: noProxy.trim() } : {}),
          ...(ntp.trim() ? { ntpSources: ntp.trim() } : {}),
          ...staticNetworkInput(netMode, model, nmstate),
        }),
      [api, job.id, pullSecretPath, imageType, sshKey, httpProxy, httpsProxy, noProxy, ntp, netMode, model, nmstate],
    ),
    onState,
  );

  return (
    <>
      <Content component="p">{t('assisted.iso.intro')}</Content>
      <Form
        maxWidth="720px"
        // The action is the footer's Generate button (its disabled rules apply); Enter never bypasses them.
        onSubmit={(e) => e.preventDefault()}
      >
        <FormGroup label={t('assisted.iso.pullSecret')} fieldId="assisted-pull-secret" isRequired>
          <InputGroup>
            <InputGroupItem isFill>
              <TextInput
                id="assisted-pull-secret"
                data-testid="assisted-pull-secret"
                value={pullSecretPath}
                placeholder="/home/tech/Downloads/pull-secret.txt"
                onChange={(_e, v) => {
                  setPullSecretPath(v);
                  secret.reset();
                }}
              />
            </InputGroupItem>
            <InputGroupItem>
              <Button variant="control" onClick={checkSecret} isDisabled={!pullSecretPath.trim()} data-testid="assisted-check-pull-secret">
                {t('assisted.iso.checkPullSecret')}
              </Button>
            </InputGroupItem>
          </InputGroup>
          <FormHelperText>
            <HelperText>
              {secretCheck?.ok && (
                <HelperTextItem variant="success" data-testid="assisted-pull-secret-ok">
                  {t('assisted.iso.pullSecretOk', { registries: secretCheck.registries.join(', ') })}
                </HelperTextItem>
              )}
              {secretCheck && !secretCheck.ok && <HelperTextItem variant="error">{t(`assisted.pullSecret.${secretCheck.problem ?? 'notJson'}`)}</HelperTextItem>}
              {!secretCheck && <HelperTextItem>{t('assisted.iso.pullSecretHelp')}</HelperTextItem>}
            </HelperText>
          </FormHelperText>
          <ErrorAlert error={secret.error} />
        </FormGroup>

        <FormGroup label={t('assisted.iso.sshKey')} fieldId="assisted-ssh-key">
          <TextArea id="assisted-ssh-key" data-testid="assisted-ssh-key" value={sshKey} onChange={(_e, v) => setSshKey(v)} rows={2} resizeOrientation="vertical" />
          <Select
            isOpen={keysOpen}
            onOpenChange={setKeysOpen}
            onSelect={(_e, v) => {
              setSshKey(String(v));
              setKeysOpen(false);
            }}
            toggle={(ref) => (
              <MenuToggle ref={ref} onClick={() => setKeysOpen((o) => !o)} isExpanded={keysOpen} isDisabled={!keys.length} data-testid="assisted-pick-ssh-key" style={{ marginTop: 8 }}>
                {keys.length ? t('assisted.iso.pickSshKey') : t('assisted.iso.noSshKeys')}
              </MenuToggle>
            )}
          >
            <SelectList>
              {keys.map((k) => (
                <SelectOption key={k.path} value={k.key} description={`${k.type} ${k.comment ?? ''}`}>
                  {k.path}
                </SelectOption>
              ))}
            </SelectList>
          </Select>
          <FormHelperText>
            <HelperText>
              {ssh && !ssh.ok ? <HelperTextItem variant="error">{t(`assisted.ssh.${ssh.problem ?? 'invalid'}`)}</HelperTextItem> : <HelperTextItem>{t('assisted.iso.sshKeyHelp')}</HelperTextItem>}
            </HelperText>
          </FormHelperText>
        </FormGroup>

        <FormGroup label={t('assisted.iso.imageType')} role="radiogroup" fieldId="assisted-image-type" isStack>
          <Radio
            id="assisted-full-iso"
            name="image-type"
            label={t('assisted.iso.fullIso')}
            isChecked={imageType === 'full-iso'}
            onChange={() => setImageType('full-iso')}
            data-testid="assisted-full-iso"
          />
          <Radio
            id="assisted-minimal-iso"
            name="image-type"
            label={t('assisted.iso.minimalIso')}
            isChecked={imageType === 'minimal-iso'}
            onChange={() => setImageType('minimal-iso')}
            data-testid="assisted-minimal-iso"
          />
        </FormGroup>

        <ExpandableSection toggleText={t('assisted.iso.proxy')} isIndented>
          <FormGroup label={t('assisted.iso.httpProxy')} fieldId="assisted-http-proxy">
            <TextInput id="assisted-http-proxy" value={httpProxy} onChange={(_e, v) => setHttpProxy(v)} placeholder="http://proxy.example.com:3128" />
          </FormGroup>
          <FormGroup label={t('assisted.iso.httpsProxy')} fieldId="assisted-https-proxy">
            <TextInput id="assisted-https-proxy" value={httpsProxy} onChange={(_e, v) => setHttpsProxy(v)} />
          </FormGroup>
          <FormGroup label={t('assisted.iso.noProxy')} fieldId="assisted-no-proxy">
            <TextInput id="assisted-no-proxy" value={noProxy} onChange={(_e, v) => setNoProxy(v)} placeholder=".example.com,10.0.0.0/8" />
          </FormGroup>
        </ExpandableSection>
        <ExpandableSection toggleText={t('assisted.iso.ntp')} isIndented>
          <FormGroup label={t('assisted.iso.ntp')} fieldId="assisted-ntp">
            <TextInput
              id="assisted-ntp"
              data-testid="assisted-ntp"
              value={ntp}
              onChange={(_e, v) => setNtp(v)}
              validated={ntpErrors.length ? 'error' : 'default'}
              placeholder="ntp1.example.com,10.0.0.1"
            />
            <FieldMessages messages={ntpErrors} help={t('assisted.iso.ntpHelp')} testId="assisted-ntp-help" />
          </FormGroup>
        </ExpandableSection>
        <StaticNetworkSection mode={netMode} onMode={setNetMode} network={network} onNetwork={setNetwork} yaml={nmstate} onYaml={setNmstate} />

        <ErrorAlert error={generate.error} />
        <ErrorAlert error={autosave.error} />
        {/* The step's one action sits in the wizard footer, in view at 1366x768 however long the form is. */}
        <WizardAction
          isPrimary={!saved}
          onClick={() => void generate.go()}
          isLoading={generate.busy}
          isDisabled={generate.busy || !pullSecretPath.trim() || (ssh !== undefined && !ssh.ok) || ntpErrors.length > 0 || netBlocks}
          testId="assisted-generate"
        >
          {generate.busy ? t('assisted.iso.generating') : t('assisted.iso.generate')}
        </WizardAction>
        {saved && (
          <WizardNext onClick={() => onNext('download')} testId="assisted-next-download">
            {t('common.next')}
          </WizardNext>
        )}
      </Form>
      {saved && (
        <Content component="p" data-testid="assisted-infra-env" style={{ marginTop: 16 }}>
          {t('assisted.iso.generated', { id: saved.id, type: saved.imageType })}
        </Content>
      )}
    </>
  );
}
