import { useTranslation } from 'react-i18next';
import { Checkbox, Content, ExpandableSection, FormGroup, TextArea } from '@patternfly/react-core';
import { NetworkForm, isInlineIssue, modelOf, type NetworkFormValue } from '../../components/network/NetworkForm';
import { FieldMessages } from '../../components/wizard/FieldMessages';
import { CommandBlock } from '../../components/CommandBlock';
import { IssueList } from '../manual/IssueList';
import { toNmstateYaml } from '../../../shared/network/nmstate';
import { isDhcpOnly } from '../../../shared/network/model';
import { nmstateMessages } from './iso-validation';
import { formNetworkIssues, type NetMode } from './static-network';

interface Props {
  mode: NetMode;
  onMode: (m: NetMode) => void;
  network: NetworkFormValue;
  onNetwork: (v: NetworkFormValue) => void;
  yaml: string;
  onYaml: (v: string) => void;
}

/**
 * The discovery ISO's network, entered as on the manual path (one form, checked at each field) and
 * sent as the nmstate YAML made from it; pasting YAML as it is stays available as an advanced option.
 */
export function StaticNetworkSection({ mode, onMode, network, onNetwork, yaml, onYaml }: Props) {
  const { t } = useTranslation();
  const model = modelOf(network);
  const issues = formNetworkIssues(model);
  const yamlErrors = nmstateMessages(yaml);
  return (
    <ExpandableSection toggleText={t('assisted.iso.staticNetwork')} isIndented data-testid="assisted-network-section">
      <Content component="small">{t('assisted.iso.networkIntro')}</Content>
      {mode === 'form' ? (
        <>
          <NetworkForm value={network} onChange={onNetwork} issues={issues} idPrefix="assisted-net" macRequired />
          <IssueList issues={issues.filter((i) => !isInlineIssue(network, i))} testId="assisted-net-issues" />
          {!isDhcpOnly(model) && (
            <ExpandableSection toggleText={t('assisted.iso.generatedYaml')} data-testid="assisted-net-preview">
              <CommandBlock id="assisted-nmstate-generated" text={toNmstateYaml(model)} testId="assisted-nmstate-generated" />
            </ExpandableSection>
          )}
        </>
      ) : (
        <FormGroup label={t('assisted.iso.yamlLabel')} fieldId="assisted-nmstate">
          <TextArea
            id="assisted-nmstate"
            data-testid="assisted-nmstate"
            value={yaml}
            onChange={(_e, v) => onYaml(v)}
            validated={yamlErrors.length ? 'error' : 'default'}
            rows={8}
            style={{ fontFamily: 'monospace' }}
          />
          <FieldMessages messages={yamlErrors} help={t('assisted.iso.staticNetworkHelp')} testId="assisted-nmstate-help" />
        </FormGroup>
      )}
      <Checkbox
        id="assisted-net-yaml-mode"
        data-testid="assisted-net-yaml-mode"
        label={t('assisted.iso.useYaml')}
        isChecked={mode === 'yaml'}
        onChange={(_e, on) => onMode(on ? 'yaml' : 'form')}
        style={{ marginTop: 8 }}
      />
    </ExpandableSection>
  );
}
