import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionList, ActionListItem, Button, Card, CardBody, CardFooter, CardTitle, Content, Label, ModalBody, ModalFooter, ModalHeader } from '@patternfly/react-core';
import { Modal } from '../../components/pf/translated';
import { useContractMutation } from '../../api/query';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { DamagedJob, Job } from '../../../shared/api/domains/jobs';

/**
 * A job whose saved file cannot be read: what is wrong, where the bad copy was kept, and the two
 * ways out (restore the last good revision, or remove the job after a confirmation).
 */
export function DamagedJobCard({ damaged, onRestored, onRemoved }: { damaged: DamagedJob; onRestored: (job: Job) => void; onRemoved: () => void }) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const { id, lastGood } = damaged;
  const invalidates = ['jobs.list', 'jobs.damaged', 'jobs.get'] as const;
  const restore = useContractMutation('jobs.restore', { invalidates, onSuccess: (job) => onRestored(job) });
  const remove = useContractMutation('jobs.remove', { invalidates, onSuccess: () => onRemoved() });
  const busy = restore.isPending || remove.isPending;
  const error = restore.error ?? remove.error;

  return (
    <Card isCompact data-testid={`damaged-job-${id}`} data-problem={damaged.problem}>
      <CardTitle>
        <Label color="red">{t('jobs.damaged.label')}</Label> <strong>{lastGood?.title ?? id}</strong> <small>{id}</small>
      </CardTitle>
      <CardBody>
        <Content component="p" data-testid="damaged-problem">
          {t(`jobs.damaged.problem.${damaged.problem}`)} {damaged.detail ? <small>{t('jobs.damaged.details', { detail: damaged.detail })}</small> : null}
        </Content>
        {damaged.keptAs && (
          <Content component="p" data-testid="damaged-kept-as">
            {t('jobs.damaged.keptAs', { path: damaged.keptAs })}
          </Content>
        )}
        <Content component="p">
          <small>{t('jobs.damaged.folder', { path: damaged.folder })}</small>
        </Content>
        <Content component="p" data-testid="damaged-last-good">
          {lastGood
            ? t('jobs.damaged.lastGood', { revision: lastGood.revision, title: lastGood.title, when: new Date(lastGood.updatedAt).toLocaleString(i18n.language) })
            : t('jobs.damaged.noLastGood')}
        </Content>
        <ErrorAlert error={error} onClose={() => [restore, remove].forEach((m) => m.reset())} />
      </CardBody>
      <CardFooter>
        <ActionList>
          {lastGood && (
            <ActionListItem>
              <Button variant="primary" onClick={() => restore.mutate({ id })} isLoading={busy} isDisabled={busy} data-testid="restore-job">
                {t('jobs.damaged.restore', { revision: lastGood.revision })}
              </Button>
            </ActionListItem>
          )}
          <ActionListItem>
            <Button variant="danger" onClick={() => setConfirming(true)} isDisabled={busy} data-testid="remove-damaged-job">
              {t('jobs.damaged.remove')}
            </Button>
          </ActionListItem>
        </ActionList>
      </CardFooter>
      {confirming && (
        <Modal isOpen variant="small" onClose={() => setConfirming(false)} aria-labelledby={`remove-${id}-title`} data-testid="confirm-remove">
          <ModalHeader title={t('jobs.damaged.removeTitle', { id })} titleIconVariant="warning" labelId={`remove-${id}-title`} />
          <ModalBody>{t('jobs.damaged.removeBody', { path: damaged.folder })}</ModalBody>
          <ModalFooter>
            <Button
              variant="danger"
              onClick={() => {
                setConfirming(false);
                remove.mutate({ id });
              }}
              data-testid="confirm-remove-job"
            >
              {t('jobs.damaged.removeConfirm')}
            </Button>
            <Button variant="link" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
          </ModalFooter>
        </Modal>
      )}
    </Card>
  );
}
