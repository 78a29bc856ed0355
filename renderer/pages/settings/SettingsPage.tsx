import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionGroup, Button, Card, CardBody, CardTitle, Form, FormGroup, FormHelperText, FormSelect, FormSelectOption, HelperText, PageSection, TextInput } from '@patternfly/react-core';
import { Alert, HelperTextItem } from '../../components/pf/translated';
import { useContractMutation, useContractQuery } from '../../api/query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CredentialsCard } from './CredentialsCard';
import { PracticeCredentialsCard } from '../../components/practice/PracticeCredentialsCard';
import { pickLanguage } from '../../../shared/i18n';
import { systemLanguages } from '../../system-languages';
import type { Settings } from '../../../shared/api/domains/app';
import { TitleWithHelp } from '../../components/TitleWithHelp';

type TextKey = 'apiUrl' | 'ssoUrl' | 'cacheDir';

export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useContractQuery('settings.get', undefined, { invalidateOn: ['settings.changed'] });
  const overrides = useContractQuery('settings.overrides', undefined, { invalidateOn: ['settings.changed'] });
  const info = useContractQuery('app.info', undefined);
  const damaged = useContractQuery('settings.damaged', undefined);
  // What is typed and not saved yet; everything else shows what is stored (re-read after a save or a change elsewhere).
  const [draft, setDraft] = useState<Partial<Settings>>({});
  const update = useContractMutation('settings.update', { invalidates: ['settings.get', 'settings.overrides', 'app.info'], onSuccess: () => setDraft({}) });
  const form: Settings | null = settings.data ? { ...settings.data, ...draft } : null;

  const overridden = new Map((overrides.data ?? []).map((o) => [o.key, o.saved]));
  const save = (patch: Partial<Settings>) => {
    // A field in use for this session only (practice mode) is not the technician's to save.
    const own = Object.fromEntries(Object.entries(patch).filter(([key]) => !overridden.has(key as keyof Settings)));
    update.mutate(own);
  };
  const systemLanguage = pickLanguage(systemLanguages(info.data ?? null));

  const textField = (key: TextKey, fieldId: string, help: string) => {
    const saved = overridden.get(key);
    return (
      <FormGroup label={t(`settings.${key}`)} fieldId={fieldId}>
        <TextInput
          id={fieldId}
          value={form?.[key] ?? ''}
          readOnlyVariant={saved !== undefined ? 'default' : undefined}
          onChange={(_e, v) => setDraft({ ...draft, [key]: v })}
          data-testid={`settings-${key}`}
        />
        <FormHelperText>
          <HelperText>
            <HelperTextItem>{help}</HelperTextItem>
            {saved !== undefined && (
              <HelperTextItem variant="warning" data-testid={`settings-${key}-overridden`}>
                {t('settings.overridden', { saved: saved || t('settings.savedEmpty') })}
              </HelperTextItem>
            )}
          </HelperText>
        </FormHelperText>
      </FormGroup>
    );
  };

  return (
    <PageSection>
      <TitleWithHelp headingLevel="h2" topic="page.settings">
        {t('settings.title')}
      </TitleWithHelp>
      {damaged.data && (
        <Alert variant="warning" isInline title={t('settings.damaged.title')} data-testid="settings-damaged">
          {/* two paragraphs: no Latin space after a Chinese full stop */}
          <p>{t(`settings.damaged.problem.${damaged.data.problem}`)}</p>
          {damaged.data.keptAs && <p>{t('settings.damaged.keptAs', { path: damaged.data.keptAs })}</p>}
        </Alert>
      )}
      <ErrorAlert error={settings.error ?? info.error} />
      <CredentialsCard />
      <PracticeCredentialsCard practiceMode={info.data?.practiceMode ?? false} />
      {form && (
        <Card>
          <CardTitle component="h2">{t('settings.general')}</CardTitle>
          <CardBody>
            <ErrorAlert error={update.error} onClose={() => update.reset()} />
            {/* Shown once the stored settings were read back after the save, so what it confirms is what a reload shows. */}
            {update.isSuccess && !settings.isFetching && <Alert variant="success" isInline isPlain title={t('settings.saved')} data-testid="settings-saved" />}
            <Form
              onSubmit={(e) => {
                e.preventDefault();
                save({ apiUrl: form.apiUrl, ssoUrl: form.ssoUrl, cacheDir: form.cacheDir });
              }}
            >
              <FormGroup label={t('settings.language')} fieldId="language">
                <FormSelect id="language" value={form.language} onChange={(_e, v) => save({ language: v as Settings['language'] })} data-testid="language-select">
                  <FormSelectOption value="auto" label={t('settings.languageAuto', { lang: systemLanguage === 'zh-CN' ? '简体中文' : 'English' })} />
                  <FormSelectOption value="en" label="English" />
                  <FormSelectOption value="zh-CN" label="简体中文" />
                </FormSelect>
              </FormGroup>
              {textField('apiUrl', 'api-url', t('settings.apiUrlHelp'))}
              {textField('ssoUrl', 'sso-url', t('settings.ssoUrlHelp'))}
              {textField('cacheDir', 'cache-dir', t('settings.cacheDirHelp', { path: info.data ? `${info.data.dataDir}/cache` : '' }))}
              <ActionGroup>
                <Button type="submit" isLoading={update.isPending} isDisabled={update.isPending} data-testid="settings-save">
                  {t('common.save')}
                </Button>
              </ActionGroup>
            </Form>
          </CardBody>
        </Card>
      )}
    </PageSection>
  );
}
