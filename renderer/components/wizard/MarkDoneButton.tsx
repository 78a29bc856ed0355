import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ModalBody, ModalFooter, ModalHeader } from '@patternfly/react-core';
import { Modal } from '../pf/translated';
import type { Job } from '../../../shared/api/domains/jobs';
import { useContractMutation } from '../../api/query';
import { ErrorAlert } from '../ErrorAlert';

/**
 * "Mark job done", on every flow, always behind a confirmation: finishing a job closes its wizard
 * and moves it to the hand-off, so a stray click must not do it. A finished job can be reopened.
 */
export function MarkDoneButton({ job, isPrimary, summary }: { job: Job; isPrimary: boolean; summary?: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const done = job.status === 'done';
  const update = useContractMutation('jobs.update', { invalidates: ['jobs.get', 'jobs.list'], onSuccess: () => setOpen(false) });
  return (
    <>
      <Button variant={isPrimary ? 'primary' : 'link'} onClick={() => setOpen(true)} isDisabled={done} data-testid="wizard-mark-done" data-wizard-default>
        {done ? t('app.wizard.markedDone') : t('app.wizard.markDone')}
      </Button>
      <Modal variant="small" isOpen={open} onClose={() => setOpen(false)} aria-labelledby="mark-done-title" data-testid="mark-done-modal">
        <ModalHeader title={t('app.wizard.confirmTitle', { title: job.title })} labelId="mark-done-title" />
        <ModalBody>
          <p>{summary ?? t('app.wizard.confirmBody')}</p>
          <ErrorAlert error={update.error} />
        </ModalBody>
        <ModalFooter>
          <Button variant="primary" onClick={() => update.mutate({ id: job.id, status: 'done' })} isLoading={update.isPending} isDisabled={update.isPending} data-testid="mark-done-confirm">
            {t('app.wizard.confirm')}
          </Button>
          <Button variant="link" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </Button>
        </ModalFooter>
      </Modal>
    </>
  );
}
