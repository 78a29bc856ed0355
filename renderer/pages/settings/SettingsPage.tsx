import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionGroup, Alert, Button, Card, CardBody, CardTitle, Form, FormGroup, FormHelperText, FormSelect, FormSelectOption, HelperText, HelperTextItem, PageSection, TextInput, Title } from '@patternfly/react-core';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CredentialsCard } from './CredentialsCard';
import { PracticeCredentialsCard } from '../../components/practice/PracticeCredentialsCard';
import { pickLanguage } from '../../../shared/i18n';
import { systemLanguages } from '../../system-languages';
import type { AppInfo, Settings } from '../../../shared/api/domains/app';
import type { DamagedFile } from '../../../shared/api/domains/damaged-file';

export function SettingsPage() {
  const { t } = useTranslation();
  const api = useApi();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [damaged, setDamaged] = useState<DamagedFile | null>(null);

  useEffect(() => {
    api.call('settings.get').then(setSettings, setError);
    api.call('app.info').then(setInfo, setError);
    api.call('settings.damaged').then(setDamaged, setError);
  }, [api]);

  const save = async (patch: Partial<Settings>) => {
    setError(null);
    setSaved(false);
    try {
      setSettings(await api.call('settings.update', patch));
      setSaved(true);
    } catch (err) {
      setError(err);
    }
  };

  const systemLanguage = pickLanguage(systemLanguages(info));
  return (
    <PageSection>
      <Title headingLevel="h2">{t('settings.title')}</Title>
      {damaged && (
        <Alert variant="warning" isInline title={t('settings.damaged.title')} data-testid="settings-damaged">
          {/* two paragraphs: no Latin space after a Chinese full stop */}
          <p>{t(`settings.damaged.problem.${damaged.problem}`)}</p>
          {damaged.keptAs && <p>{t('settings.damaged.keptAs', { path: damaged.keptAs })}</p>}
        </Alert>
      )}
      <CredentialsCard />
      <PracticeCredentialsCard practiceMode={info?.practiceMode ?? false} />
      {settings && (
        <Card>
          <CardTitle>{t('settings.general')}</CardTitle>
          <CardBody>
            <ErrorAlert error={error} onClose={() => setError(null)} />
            {saved && <Alert variant="success" isInline isPlain title={t('settings.saved')} />}
            <Form
              onSubmit={(e) => {
                e.preventDefault();
                void save({ apiUrl: settings.apiUrl, ssoUrl: settings.ssoUrl, cacheDir: settings.cacheDir });
              }}
            >
              <FormGroup label={t('settings.language')} fieldId="language">
                <FormSelect id="language" value={settings.language} onChange={(_e, v) => void save({ language: v as Settings['language'] })} data-testid="language-select">
                  <FormSelectOption value="auto" label={t('settings.languageAuto', { lang: systemLanguage === 'zh-CN' ? '简体中文' : 'English' })} />
                  <FormSelectOption value="en" label="English" />
                  <FormSelectOption value="zh-CN" label="简体中文" />
                </FormSelect>
              </FormGroup>
              <FormGroup label={t('settings.apiUrl')} fieldId="api-url">
                <TextInput id="api-url" value={settings.apiUrl} onChange={(_e, v) => setSettings({ ...settings, apiUrl: v })} />
                <FormHelperText>
                  <HelperText>
                    <HelperTextItem>{t('settings.apiUrlHelp')}</HelperTextItem>
                  </HelperText>
                </FormHelperText>
              </FormGroup>
              <FormGroup label={t('settings.ssoUrl')} fieldId="sso-url">
                <TextInput id="sso-url" value={settings.ssoUrl} onChange={(_e, v) => setSettings({ ...settings, ssoUrl: v })} />
                <FormHelperText>
                  <HelperText>
                    <HelperTextItem>{t('settings.ssoUrlHelp')}</HelperTextItem>
                  </HelperText>
                </FormHelperText>
              </FormGroup>
              <FormGroup label={t('settings.cacheDir')} fieldId="cache-dir">
                <TextInput id="cache-dir" value={settings.cacheDir} onChange={(_e, v) => setSettings({ ...settings, cacheDir: v })} />
                <FormHelperText>
                  <HelperText>
                    <HelperTextItem>{t('settings.cacheDirHelp', { path: info ? `${info.dataDir}/cache` : '' })}</HelperTextItem>
                  </HelperText>
                </FormHelperText>
              </FormGroup>
              <ActionGroup>
                <Button type="submit">{t('common.save')}</Button>
              </ActionGroup>
            </Form>
          </CardBody>
        </Card>
      )}
    </PageSection>
  );
}
