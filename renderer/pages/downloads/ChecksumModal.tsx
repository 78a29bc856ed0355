import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Form, FormGroup, FormHelperText, HelperText, ModalBody, ModalFooter, ModalHeader, TextInput } from '@patternfly/react-core';
import { Modal, HelperTextItem } from '../../components/pf/translated';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { CachedArtifact } from '../../../shared/api/domains/artifacts';

const SHA256 = /^[0-9a-fA-F]{64}$/;

/**
 * The technician supplies the published SHA-256 of a cached file that was not checked against one:
 * a match marks it verified; a mismatch quarantines it (the error names both hashes).
 */
export function ChecksumModal({ artifact, onDone, onClose }: { artifact: CachedArtifact; onDone: (verified: CachedArtifact) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [sha, setSha] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const value = sha.trim();
  const valid = SHA256.test(value);
  const check = async () => {
    setBusy(true);
    setError(null);
    try {
      onDone(await api.call('artifacts.verifyChecksum', { id: artifact.id, sha256: value }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal isOpen variant="medium" onClose={onClose} aria-labelledby="checksum-title" data-testid="checksum-modal">
      <ModalHeader title={t('artifacts.checksum.title', { name: artifact.name })} labelId="checksum-title" />
      <ModalBody>
        <ErrorAlert error={error} />
        <Form
          onSubmit={(e) => {
            e.preventDefault();
            if (valid && !busy) void check();
          }}
        >
          <FormGroup label={t('artifacts.checksum.label')} fieldId="checksum-sha" isRequired>
            <TextInput id="checksum-sha" value={sha} onChange={(_e, v) => setSha(v)} validated={value && !valid ? 'error' : 'default'} data-testid="checksum-sha" />
            <FormHelperText>
              <HelperText>
                <HelperTextItem variant={value && !valid ? 'error' : 'default'} data-testid="checksum-help">
                  {value && !valid ? t('artifacts.url.invalidSha') : t('artifacts.checksum.help')}
                </HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>
        </Form>
      </ModalBody>
      <ModalFooter>
        <Button variant="primary" onClick={() => void check()} isDisabled={!valid || busy} isLoading={busy} data-testid="checksum-check">
          {t('artifacts.checksum.check')}
        </Button>
        <Button variant="link" onClick={onClose}>
          {t('common.cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
}
