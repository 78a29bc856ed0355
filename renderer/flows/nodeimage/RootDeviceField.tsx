import { useTranslation } from 'react-i18next';
import { FormGroup, FormHelperText, FormSelect, FormSelectOption, HelperText, TextInput } from '@patternfly/react-core';
import { HelperTextItem } from '../../components/pf/translated';
import type { RootDeviceChoice } from '../../../shared/nodeimage/root-device';
import type { Issue } from '../../../shared/network/issue';
import { FieldIssues, hasErrorAt } from '../manual/IssueList';

const KINDS = ['path', 'serial', 'id', 'none'] as const;

/** The disk RHCOS goes on: chosen by by-path name, serial or a by-id wwn link, each turned into the hint the installer accepts. */
export function RootDeviceField({ value, onChange, issues }: { value: RootDeviceChoice; onChange: (v: RootDeviceChoice) => void; issues: Issue[] }) {
  const { t } = useTranslation();
  const error = hasErrorAt(issues, 'rootDevice');
  return (
    <FormGroup label={t('nodeimage.host.rootTitle')} fieldId="ni-root-by" isRequired>
      <FormSelect
        id="ni-root-by"
        value={value.by}
        onChange={(_e, by) => onChange(by === 'none' ? { by: 'none' } : { by: by as 'path' | 'id' | 'serial', value: 'value' in value ? value.value : '' })}
        data-testid="ni-root-by"
      >
        {KINDS.map((k) => (
          <FormSelectOption key={k} value={k} label={t(`nodeimage.host.rootBy.${k}`)} />
        ))}
      </FormSelect>
      {value.by !== 'none' && (
        <TextInput
          id="ni-root-value"
          aria-label={t('nodeimage.host.rootValue')}
          value={value.value}
          onChange={(_e, v) => onChange({ ...value, value: v })}
          validated={error ? 'error' : 'default'}
          style={{ marginTop: 8 }}
          data-testid="ni-root-value"
        />
      )}
      {!error && (
        <FormHelperText>
          <HelperText>
            <HelperTextItem>{t(`nodeimage.host.rootHelp.${value.by}`)}</HelperTextItem>
          </HelperText>
        </FormHelperText>
      )}
      <FieldIssues issues={issues} path="rootDevice" />
    </FormGroup>
  );
}
