import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionGroup, Button, Content, Form, FormGroup, FormHelperText, HelperText, Radio, TextInput, ToggleGroup, ToggleGroupItem } from '@patternfly/react-core';
import { HelperTextItem } from '../pf/translated';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../ErrorAlert';
import type { UsbImage } from '../../../shared/api/domains/usb';
import { formatSize } from '../../../shared/usb/format';
import { UnverifiedLabel } from '../UnverifiedLabel';

/** Step 1: an ISO from the download cache (unverified ones marked; confirmed again before writing), or any file by path. */
export function ImageChooser({ onChosen }: { onChosen: (image: UsbImage) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [cached, setCached] = useState<UsbImage[] | null>(null);
  const [mode, setMode] = useState<'cache' | 'file'>('cache');
  const [path, setPath] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.call('usb.listImages').then(
      ({ images }) => {
        setCached(images);
        if (images.length === 0) setMode('file');
      },
      (err: unknown) => {
        setCached([]);
        setMode('file');
        setError(err);
      },
    );
  }, [api]);

  const chooseFile = async () => {
    setBusy(true);
    setError(null);
    try {
      onChosen(await api.call('usb.inspectImage', { path: path.trim() }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ToggleGroup aria-label={t('usb.steps.image')}>
        <ToggleGroupItem text={t('usb.image.fromCache')} buttonId="usb-image-cache" isSelected={mode === 'cache'} onChange={() => setMode('cache')} data-testid="usb-image-mode-cache" />
        <ToggleGroupItem text={t('usb.image.fromFile')} buttonId="usb-image-file" isSelected={mode === 'file'} onChange={() => setMode('file')} data-testid="usb-image-mode-file" />
      </ToggleGroup>
      <ErrorAlert error={error} onClose={() => setError(null)} />
      {mode === 'cache' ? (
        cached && cached.length === 0 ? (
          <Content component="p">{t('usb.image.noCache')}</Content>
        ) : (
          <div data-testid="usb-cached-images">
            {(cached ?? []).map((image) => (
              <Radio
                key={image.path}
                id={`usb-image-${image.path}`}
                name="usb-image"
                label={
                  <>
                    {`${image.name}${image.version ? ` (${image.version}${image.arch ? `, ${image.arch}` : ''})` : ''}`}{' '}
                    {image.unverified && <UnverifiedLabel text={t('usb.image.unverified')} tip={t('usb.image.unverifiedTip')} />}
                  </>
                }
                data-unverified={Boolean(image.unverified)}
                description={`${formatSize(image.size)} · ${image.path}`}
                onChange={() => onChosen(image)}
                isChecked={false}
              />
            ))}
          </div>
        )
      ) : (
        <Form onSubmit={(e) => e.preventDefault()}>
          <FormGroup label={t('usb.image.pathLabel')} fieldId="usb-image-path" isRequired>
            <TextInput id="usb-image-path" value={path} onChange={(_e, v) => setPath(v)} data-testid="usb-image-path" />
            <FormHelperText>
              <HelperText>
                <HelperTextItem>{t('usb.image.pathHelp')}</HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>
          <ActionGroup>
            <Button variant="primary" onClick={() => void chooseFile()} isDisabled={!path.trim().startsWith('/') || busy} isLoading={busy} data-testid="usb-image-use">
              {t('usb.image.check')}
            </Button>
          </ActionGroup>
        </Form>
      )}
    </>
  );
}
