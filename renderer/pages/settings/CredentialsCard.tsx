import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ActionGroup,
  Button,
  Card,
  CardBody,
  CardTitle,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  TextInput,
  ToggleGroup,
  ToggleGroupItem,
} from '@patternfly/react-core';
import { Alert, HelperTextItem } from '../../components/pf/translated';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ServiceText } from '../../components/ServiceText';
import { useContractMutation, useContractQuery } from '../../api/query';
import { links } from '../../../shared/external-links';
import type { CredentialsStatus } from '../../../shared/api/domains/credentials';

/** Paste the OCM offline token (or a service account), test access, forget. The secret never comes back to the page. */
export function CredentialsCard() {
  const { t } = useTranslation();
  const api = useApi();
  const statusQuery = useContractQuery('credentials.status', undefined);
  const practice = useContractQuery('app.info', undefined).data?.practiceMode ?? false;
  const [mode, setMode] = useState<'offlineToken' | 'serviceAccount'>('offlineToken');
  const [token, setToken] = useState('');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [notice, setNotice] = useState<string | null>(null);

  const afterSave = (next: CredentialsStatus) => {
    setToken('');
    setClientSecret('');
    testAccess.reset();
    setNotice(next.storage === 'keychain' ? t('credentials.saved') : t('credentials.savedMemory'));
  };
  const invalidates = ['credentials.status'] as const;
  const saveToken = useContractMutation('credentials.saveOfflineToken', { invalidates, onSuccess: afterSave });
  const saveAccount = useContractMutation('credentials.saveServiceAccount', { invalidates, onSuccess: afterSave });
  const testAccess = useContractMutation('credentials.testAccess');
  const forgetIt = useContractMutation('credentials.forget', {
    invalidates,
    onSuccess: () => {
      testAccess.reset();
      setNotice(t('credentials.forgotten'));
    },
  });
  const mutations = [saveToken, saveAccount, testAccess, forgetIt];
  const busy = mutations.some((m) => m.isPending);
  // One action at a time: starting one clears what the last one said.
  const begin = () => {
    setNotice(null);
    mutations.forEach((m) => m.reset());
  };
  const error = statusQuery.error ?? mutations.find((m) => m.error)?.error ?? null;
  const status = statusQuery.data ?? null;
  const access = testAccess.data ?? null;

  const save = () => {
    begin();
    if (mode === 'offlineToken') saveToken.mutate({ token });
    else saveAccount.mutate({ clientId, clientSecret });
  };
  const test = () => {
    begin();
    testAccess.mutate(undefined);
  };
  const forget = () => {
    if (!window.confirm(t('credentials.forgetConfirm'))) return;
    begin();
    forgetIt.mutate(undefined);
  };

  return (
    <Card data-testid="credentials-card">
      <CardTitle>{t('credentials.title')}</CardTitle>
      <CardBody>
        <Content component="p">{t('credentials.intro')}</Content>
        <Content component="p">
          <a href={links.offlineToken} target="_blank" rel="noreferrer" onClick={(e) => openExternal(e, links.offlineToken, api)}>
            {t('credentials.getToken')}
          </a>
        </Content>
        {status && (
          <Alert
            variant={status.kind === 'none' ? 'info' : 'success'}
            isInline
            isPlain
            data-testid="credentials-status"
            data-kind={status.kind}
            title={
              status.kind === 'offlineToken'
                ? t('credentials.stored.offlineToken', { hint: status.hint ?? '' })
                : status.kind === 'serviceAccount'
                  ? t('credentials.stored.serviceAccount', { clientId: status.clientId ?? '' })
                  : t('credentials.stored.none')
            }
          >
            {status.storage === 'keychain' ? t('credentials.storage.keychain') : null}
          </Alert>
        )}
        {status?.storage === 'memory' && (
          <Alert variant="warning" isInline title={t('credentials.storage.memory')} data-testid="memory-warning">
            {/* The OS keychain's own error text is English and technical: behind the toggle, for support. */}
            <ServiceText explanation={t('credentials.storage.memoryFix')} original={status.keychainProblem} />
          </Alert>
        )}
        <ErrorAlert error={error} onClose={begin} />
        {notice && <Alert variant="success" isInline isPlain title={notice} data-testid="credentials-notice" />}
        <Form
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <ToggleGroup aria-label={t('credentials.title')}>
            <ToggleGroupItem text={t('credentials.kindOfflineToken')} isSelected={mode === 'offlineToken'} onChange={() => setMode('offlineToken')} />
            <ToggleGroupItem text={t('credentials.kindServiceAccount')} isSelected={mode === 'serviceAccount'} onChange={() => setMode('serviceAccount')} />
          </ToggleGroup>
          {mode === 'offlineToken' ? (
            <FormGroup
              label={t('credentials.tokenLabel')}
              fieldId="offline-token"
              labelHelp={
                practice ? (
                  <Button variant="link" isInline onClick={() => setToken(practiceToken())} data-testid="practice-token">
                    {t('credentials.practiceToken')}
                  </Button>
                ) : undefined
              }
            >
              <TextInput id="offline-token" type="password" autoComplete="off" value={token} onChange={(_e, v) => setToken(v)} data-testid="offline-token" />
              <FormHelperText>
                <HelperText>
                  <HelperTextItem>{t('credentials.tokenHelp')}</HelperTextItem>
                </HelperText>
              </FormHelperText>
            </FormGroup>
          ) : (
            <>
              <FormGroup label={t('credentials.clientIdLabel')} fieldId="client-id">
                <TextInput id="client-id" autoComplete="off" value={clientId} onChange={(_e, v) => setClientId(v)} />
              </FormGroup>
              <FormGroup label={t('credentials.clientSecretLabel')} fieldId="client-secret">
                <TextInput id="client-secret" type="password" autoComplete="off" value={clientSecret} onChange={(_e, v) => setClientSecret(v)} />
              </FormGroup>
            </>
          )}
          <ActionGroup>
            <Button type="submit" isDisabled={busy || (mode === 'offlineToken' ? !token.trim() : !clientId.trim() || !clientSecret.trim())} data-testid="save-credentials">
              {t('credentials.save')}
            </Button>
            <Button variant="secondary" onClick={test} isDisabled={busy || status?.kind === 'none'} isLoading={busy} data-testid="test-access">
              {busy ? t('credentials.testing') : t('credentials.testAccess')}
            </Button>
            <Button variant="danger" onClick={forget} isDisabled={busy || status?.kind === 'none'} data-testid="forget-credentials">
              {t('credentials.forget')}
            </Button>
          </ActionGroup>
        </Form>
        {access && (
          <div data-testid="access-ok">
            <Alert variant="success" isInline title={t('credentials.accessOk', { release: access.releaseTag ?? '' })} />
            <DescriptionList isCompact aria-label={t('credentials.componentVersions')}>
              {Object.entries(access.versions).map(([name, image]) => (
                <DescriptionListGroup key={name}>
                  <DescriptionListTerm>{name}</DescriptionListTerm>
                  <DescriptionListDescription className="sfk-mono">{image}</DescriptionListDescription>
                </DescriptionListGroup>
              ))}
            </DescriptionList>
          </div>
        )}
      </CardBody>
    </Card>
  );
}

/** Practice mode's simulated SSO accepts any well-formed token; this one is obviously not real. */
function practiceToken(): string {
  const part = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ typ: 'Offline', sub: 'practice' })}.practice`;
}

function openExternal(event: React.MouseEvent, url: string, api: ReturnType<typeof useApi>): void {
  // In Electron the window never navigates away: the main process opens the system browser.
  if (window.sfk) {
    event.preventDefault();
    void api.call('app.openExternal', { url });
  }
}
