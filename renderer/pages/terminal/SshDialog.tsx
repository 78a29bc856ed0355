import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionGroup, Button, Form, FormGroup, FormHelperText, HelperText, ModalBody, ModalHeader, NumberInput, TextInput } from '@patternfly/react-core';
import { Alert, Modal, HelperTextItem } from '../../components/pf/translated';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isValidSshHost, type SshTarget } from '../../../shared/terminal/ssh-target';

export interface SshDefaults {
  host?: string | undefined;
  user: string;
  port: number;
  keyPath?: string | undefined;
}

/** Asks for the node to reach: `core@<ip>` with the job's key; ssh itself then shows its host-key prompt. */
export function SshDialog({ defaults, onConnect, onClose }: { defaults: SshDefaults; onConnect(target: SshTarget): Promise<void>; onClose(): void }) {
  const { t } = useTranslation();
  const [host, setHost] = useState(defaults.host ?? '');
  const [user, setUser] = useState(defaults.user);
  const [port, setPort] = useState(defaults.port);
  const [keyPath, setKeyPath] = useState(defaults.keyPath ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const hostValid = host.trim() === '' || isValidSshHost(host.trim());

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConnect({ host: host.trim(), user: user.trim() || 'core', port, ...(keyPath.trim() ? { keyPath: keyPath.trim() } : {}) });
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal isOpen variant="small" onClose={onClose} aria-labelledby="ssh-dialog-title" data-testid="terminal-ssh-dialog">
      <ModalHeader title={t('terminal.ssh.title')} labelId="ssh-dialog-title" />
      <ModalBody>
        <Form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <FormGroup label={t('terminal.ssh.host')} isRequired fieldId="ssh-host">
            <TextInput id="ssh-host" value={host} onChange={(_e, v) => setHost(v)} validated={hostValid ? 'default' : 'error'} data-testid="terminal-ssh-host" />
            {!hostValid && (
              <FormHelperText>
                <HelperText>
                  <HelperTextItem variant="error">{t('terminal.ssh.invalidHost')}</HelperTextItem>
                </HelperText>
              </FormHelperText>
            )}
          </FormGroup>
          <FormGroup label={t('terminal.ssh.user')} fieldId="ssh-user">
            <TextInput id="ssh-user" value={user} onChange={(_e, v) => setUser(v)} data-testid="terminal-ssh-user" />
          </FormGroup>
          <FormGroup label={t('terminal.ssh.port')} fieldId="ssh-port">
            <NumberInput
              id="ssh-port"
              value={port}
              min={1}
              max={65535}
              onMinus={() => setPort((p) => Math.max(1, p - 1))}
              onPlus={() => setPort((p) => Math.min(65535, p + 1))}
              onChange={(e) => setPort(Math.min(65535, Math.max(1, Number((e.target as HTMLInputElement).value) || 22)))}
            />
          </FormGroup>
          <FormGroup label={t('terminal.ssh.keyPath')} fieldId="ssh-key">
            <TextInput id="ssh-key" value={keyPath} onChange={(_e, v) => setKeyPath(v)} data-testid="terminal-ssh-key" />
            <FormHelperText>
              <HelperText>
                <HelperTextItem>{t('terminal.ssh.keyPathHelp')}</HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>
          <Alert variant="info" isInline isPlain title={t('terminal.ssh.hostKeyNote')} />
          {error !== null && <ErrorAlert error={error} />}
          <ActionGroup>
            <Button type="submit" isDisabled={!host.trim() || !hostValid || busy} isLoading={busy} data-testid="terminal-ssh-connect">
              {t('terminal.ssh.open')}
            </Button>
            <Button variant="link" onClick={onClose}>
              {t('common.cancel')}
            </Button>
          </ActionGroup>
        </Form>
      </ModalBody>
    </Modal>
  );
}
