import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionGroup, Button, Flex, FlexItem, Form, FormGroup, FormHelperText, HelperText, TextInput } from '@patternfly/react-core';
import { HelperTextItem } from '../pf/translated';
import type { ExpectedWorker as Worker } from '../../../shared/api/domains/cluster';
import { VerbatimText } from '../VerbatimText';

type Edit = { nodeName: string; addresses: string };

/**
 * Which worker this job adds: the node name and addresses the CSR checks expect. A saved worker is
 * one line (the form takes a third of a 768 px window; folded, the requests and their Approve buttons
 * are in view when the step opens); "Change" opens the form on a copy of it.
 *
 * While the form holds the technician's typing, nothing from outside replaces it: not the first
 * read (the fields are read-only until it answers, or the saved name would land under the cursor),
 * not a worker saved meanwhile from another window. It folds only when the list shows what was saved.
 */
export function ExpectedWorker(props: {
  saved: Worker | undefined;
  /** The first read of the saved worker has not answered yet. */
  loading: boolean;
  saving: boolean;
  /** Saves the worker; resolves with the worker the list now shows (undefined when it could not be read). */
  save: (worker: Worker) => Promise<Worker | undefined>;
}) {
  const { saved, loading, saving, save } = props;
  const [edit, setEdit] = useState<Edit>();
  // Where keyboard focus goes after the form opens or folds (the button pressed has just unmounted).
  const [focus, setFocus] = useState<'form' | 'summary'>();
  const formOpen = !saved || edit !== undefined;

  const open = () => {
    setEdit({ nodeName: saved?.nodeName ?? '', addresses: saved?.addresses.join(', ') ?? '' });
    setFocus('form');
  };
  const fold = () => {
    setEdit(undefined);
    setFocus('summary');
  };
  const current = edit ?? { nodeName: saved?.nodeName ?? '', addresses: saved?.addresses.join(', ') ?? '' };
  const onSave = () => {
    const worker = { nodeName: current.nodeName.trim(), addresses: splitAddresses(current.addresses) };
    void save(worker).then((shown) => {
      if (shown?.nodeName === worker.nodeName) fold();
    });
  };

  if (!formOpen) return <ExpectedWorkerSummary worker={saved} onChange={open} focusOnMount={focus === 'summary'} />;
  return (
    <ExpectedWorkerForm
      value={current}
      onEdit={(patch) => setEdit({ ...current, ...patch })}
      onSave={onSave}
      onCancel={saved ? fold : undefined}
      saving={saving}
      loading={loading}
      focusOnMount={focus === 'form'}
    />
  );
}

function splitAddresses(text: string): string[] {
  return text
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
}

function ExpectedWorkerForm(props: {
  value: Edit;
  onEdit: (patch: Partial<Edit>) => void;
  onSave: () => void;
  /** Back to the saved worker, edits dropped (only when one is saved). */
  onCancel: (() => void) | undefined;
  saving: boolean;
  loading: boolean;
  focusOnMount: boolean;
}) {
  const { t } = useTranslation();
  const { value, onEdit, onSave, onCancel, saving, loading, focusOnMount } = props;
  const nameRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focusOnMount) nameRef.current?.focus();
  }, [focusOnMount]);
  const locked = loading || saving;
  return (
    <Form isHorizontal onSubmit={(e) => e.preventDefault()}>
      <FormGroup label={t('cluster.csr.nodeNameLabel')} fieldId="csr-node-name" isRequired>
        <TextInput ref={nameRef} id="csr-node-name" value={value.nodeName} onChange={(_e, v) => onEdit({ nodeName: v })} isDisabled={locked} data-testid="csr-node-name" />
        <FormHelperText>
          <HelperText>
            <HelperTextItem>{t('cluster.csr.nodeNameHelp')}</HelperTextItem>
          </HelperText>
        </FormHelperText>
      </FormGroup>
      <FormGroup label={t('cluster.csr.addressesLabel')} fieldId="csr-addresses">
        <TextInput
          id="csr-addresses"
          value={value.addresses}
          onChange={(_e, v) => onEdit({ addresses: v })}
          isDisabled={locked}
          data-testid="csr-addresses"
          placeholder="192.168.50.21, 192.168.50.0/24"
        />
        <FormHelperText>
          <HelperText>
            <HelperTextItem>{t('cluster.csr.addressesHelp')}</HelperTextItem>
          </HelperText>
        </FormHelperText>
      </FormGroup>
      <ActionGroup>
        <Button variant="secondary" onClick={onSave} isDisabled={!value.nodeName.trim() || locked} isLoading={saving} data-testid="csr-save-worker">
          {t('cluster.csr.saveWorker')}
        </Button>
        {onCancel && (
          <Button variant="link" onClick={onCancel} isDisabled={saving} data-testid="csr-cancel-worker">
            {t('common.cancel')}
          </Button>
        )}
      </ActionGroup>
    </Form>
  );
}

function ExpectedWorkerSummary({ worker, onChange, focusOnMount }: { worker: Worker; onChange: () => void; focusOnMount: boolean }) {
  const { t } = useTranslation();
  const changeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focusOnMount) changeRef.current?.focus();
  }, [focusOnMount]);
  const addresses = worker.addresses.join(', ');
  return (
    <Flex alignItems={{ default: 'alignItemsBaseline' }} spaceItems={{ default: 'spaceItemsMd' }} data-testid="csr-worker-summary">
      <FlexItem>
        <strong>{t('cluster.csr.workerTitle')}</strong>
      </FlexItem>
      <FlexItem data-testid="csr-worker-summary-name" data-verbatim>
        {worker.nodeName}
      </FlexItem>
      <FlexItem data-testid="csr-worker-summary-addresses">
        {addresses ? <VerbatimText text={t('cluster.csr.summaryAddresses', { addresses })} values={{ addresses }} /> : t('cluster.csr.summaryNoAddresses')}
      </FlexItem>
      <FlexItem>
        <Button ref={changeRef} variant="link" isInline onClick={onChange} aria-label={t('cluster.csr.changeWorkerLabel')} data-testid="csr-change-worker">
          {t('cluster.csr.changeWorker')}
        </Button>
      </FlexItem>
    </Flex>
  );
}
