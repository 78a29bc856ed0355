import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionGroup, Button, Card, CardBody, CardTitle, Form, FormGroup, FormHelperText, HelperText, TextInput } from '@patternfly/react-core';
import { HelperTextItem } from '../../components/pf/translated';
import { useApi } from '../../api/context';
import { parseUrl } from '../../../shared/url';

/** Any URL the technician pastes, with an optional published sha256. */
export function UrlDownloadCard({ onError }: { onError: (err: unknown) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [url, setUrl] = useState('');
  const [sha, setSha] = useState('');
  const parsed = parseUrl(url.trim());
  const urlOk = parsed !== null && /^https?:$/.test(parsed.protocol);
  const shaOk = sha.trim() === '' || /^[0-9a-fA-F]{64}$/.test(sha.trim());
  const start = async () => {
    try {
      await api.call('artifacts.download', { url: url.trim(), kind: 'file', ...(sha.trim() ? { sha256: sha.trim() } : {}) });
      setUrl('');
      setSha('');
    } catch (err) {
      onError(err);
    }
  };
  return (
    <Card data-testid="url-download-card">
      <CardTitle>{t('artifacts.url.title')}</CardTitle>
      <CardBody>
        <Form
          onSubmit={(e) => {
            e.preventDefault();
            if (urlOk && shaOk) void start();
          }}
        >
          <FormGroup label={t('artifacts.url.url')} fieldId="dl-url" isRequired>
            <TextInput id="dl-url" type="url" value={url} onChange={(_e, v) => setUrl(v)} validated={url && !urlOk ? 'error' : 'default'} data-testid="dl-url" />
            {url && !urlOk && (
              <FormHelperText>
                <HelperText>
                  <HelperTextItem variant="error">{t('artifacts.url.invalidUrl')}</HelperTextItem>
                </HelperText>
              </FormHelperText>
            )}
          </FormGroup>
          <FormGroup label={t('artifacts.url.sha256')} fieldId="dl-sha">
            <TextInput id="dl-sha" value={sha} onChange={(_e, v) => setSha(v)} validated={shaOk ? 'default' : 'error'} data-testid="dl-sha" />
            <FormHelperText>
              <HelperText>
                <HelperTextItem variant={shaOk ? 'default' : 'error'}>{shaOk ? t('artifacts.url.sha256Help') : t('artifacts.url.invalidSha')}</HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>
          <ActionGroup>
            <Button type="submit" isDisabled={!urlOk || !shaOk} data-testid="dl-start">
              {t('artifacts.url.start')}
            </Button>
          </ActionGroup>
        </Form>
      </CardBody>
    </Card>
  );
}
