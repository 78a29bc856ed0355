import { useTranslation } from 'react-i18next';
import { Content, List, ListItem, Stack } from '@patternfly/react-core';
import { CommandBlock } from '../CommandBlock';
import { manualCsrCommands, manualCsrExpectations } from '../../../shared/csr/approval-advice';

/**
 * CSR approval for a technician without the cluster's kubeconfig in the app: list, inspect one
 * request, apply the identity checklist by eye, approve that one request by name. There is
 * deliberately no "approve all pending" command (see shared/csr/approval-advice.ts).
 */
export function ManualCsrAdvice({ nodeName, idPrefix }: { nodeName: string; idPrefix: string }) {
  const { t } = useTranslation();
  const cmds = manualCsrCommands(nodeName);
  const facts = manualCsrExpectations(nodeName);
  return (
    <Stack hasGutter data-testid={`${idPrefix}-manual-csr`}>
      <Content component="p">{t('cluster.manualAdvice.intro', { node: nodeName })}</Content>
      <Content component="p">{t('cluster.manualAdvice.list')}</Content>
      <CommandBlock id={`${idPrefix}-csr-list`} text={cmds.list} testId={`${idPrefix}-csr-list`} target="laptop" />
      <Content component="p">{t('cluster.manualAdvice.describe')}</Content>
      <CommandBlock id={`${idPrefix}-csr-describe`} text={cmds.describe} testId={`${idPrefix}-csr-describe`} target="laptop" />
      <Content component="p">{t('cluster.manualAdvice.checklistTitle')}</Content>
      <List data-testid={`${idPrefix}-csr-checklist`}>
        <ListItem>{t('cluster.manualAdvice.clientRule', { requestor: facts.clientRequestor, signer: facts.clientSigner, nodeUser: facts.nodeUser })}</ListItem>
        <ListItem>{t('cluster.manualAdvice.servingRule', { signer: facts.servingSigner, nodeUser: facts.nodeUser })}</ListItem>
        <ListItem>{t('cluster.manualAdvice.timeRule')}</ListItem>
      </List>
      <Content component="p">{t('cluster.manualAdvice.approve')}</Content>
      <CommandBlock id={`${idPrefix}-csr-approve`} text={cmds.approveOne} testId={`${idPrefix}-csr-approve`} target="laptop" />
      <Content component="p">{t('cluster.manualAdvice.watch')}</Content>
      <CommandBlock id={`${idPrefix}-node-watch`} text={cmds.watch} testId={`${idPrefix}-node-watch`} target="laptop" />
    </Stack>
  );
}
