import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionGroup, Button, Card, CardBody, CardTitle, Form, FormGroup, FormHelperText, HelperText, TextInput } from '@patternfly/react-core';
import { Alert, HelperTextItem } from '../../components/pf/translated';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { ArtifactsSettings } from '../../../shared/api/domains/artifacts';

/** Mirror base URL, optional local RHCOS folder and extra CA bundle for downloads. */
export function SourcesCard() {
  const { t } = useTranslation();
  const api = useApi();
  const [form, setForm] = useState<ArtifactsSettings | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    api.call('artifacts.getSettings').then(setForm, setError);
  }, [api]);
  if (!form) return <ErrorAlert error={error} />;
  const field = (key: keyof ArtifactsSettings, label: string, help: string) => (
    <FormGroup label={label} fieldId={`src-${key}`}>
      <TextInput
        id={`src-${key}`}
        value={form[key]}
        onChange={(_e, v) => {
          setSaved(false);
          setForm({ ...form, [key]: v });
        }}
        data-testid={`src-${key}`}
      />
      <FormHelperText>
        <HelperText>
          <HelperTextItem>{help}</HelperTextItem>
        </HelperText>
      </FormHelperText>
    </FormGroup>
  );
  return (
    <Card data-testid="sources-card">
      <CardTitle>{t('artifacts.settings.title')}</CardTitle>
      <CardBody>
        <Form
          onSubmit={(e) => {
            e.preventDefault();
            setError(null);
            api.call('artifacts.updateSettings', { mirrorBaseUrl: form.mirrorBaseUrl.trim(), rhcosBaseUrl: form.rhcosBaseUrl.trim(), caBundlePath: form.caBundlePath.trim() }).then((next) => {
              setForm(next);
              setSaved(true);
            }, setError);
          }}
        >
          {field('mirrorBaseUrl', t('artifacts.settings.mirrorBaseUrl'), t('artifacts.settings.mirrorHelp'))}
          {field('rhcosBaseUrl', t('artifacts.settings.rhcosBaseUrl'), t('artifacts.settings.rhcosHelp'))}
          {field('caBundlePath', t('artifacts.settings.caBundlePath'), t('artifacts.settings.caHelp'))}
          <ErrorAlert error={error} onClose={() => setError(null)} />
          {saved && <Alert variant="success" isInline isPlain title={t('artifacts.settings.saved')} />}
          <ActionGroup>
            <Button type="submit" data-testid="src-save">
              {t('common.save')}
            </Button>
          </ActionGroup>
        </Form>
      </CardBody>
    </Card>
  );
}
