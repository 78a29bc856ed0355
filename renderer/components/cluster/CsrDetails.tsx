import { useTranslation } from 'react-i18next';
import { DescriptionList, DescriptionListDescription, DescriptionListGroup, DescriptionListTerm, List, ListItem, Stack, StackItem } from '@patternfly/react-core';
import { Alert } from '../pf/translated';
import { CheckCircleIcon, ExclamationTriangleIcon, TimesCircleIcon } from '@patternfly/react-icons';
import type { CsrRow } from '../../../shared/api/domains/cluster';
import { VerbatimText } from '../VerbatimText';

export function checkText(t: (k: string, p?: Record<string, unknown>) => string, c: { id: string; outcome: string; params?: Record<string, string | number> | undefined }): string {
  return t(`cluster.checks.${c.id}.${c.outcome}`, c.params ?? {});
}

/** One CSR's parsed request and the checklist behind its verdict. */
export function CsrDetails({ row }: { row: CsrRow }) {
  const { t } = useTranslation();
  const r = row.request;
  // Values are the request's own fields (subject, names, key, usages), shown as the cluster holds them.
  const item = (term: string, value: string, verbatim = true) => (
    <DescriptionListGroup>
      <DescriptionListTerm>{term}</DescriptionListTerm>
      <DescriptionListDescription {...(verbatim ? { 'data-verbatim': true } : {})}>{value || '—'}</DescriptionListDescription>
    </DescriptionListGroup>
  );
  return (
    <Stack hasGutter data-testid={`csr-details-${row.name}`}>
      <StackItem>
        {/* Signer and requestor (what `oc get csr` prints beside the name) are there even when the request cannot be parsed. */}
        <DescriptionList isCompact isHorizontal>
          {item(t('cluster.csr.columns.signer'), row.signerName)}
          {item(t('cluster.csr.columns.requestor'), row.requestor)}
          {r.ok && (
            <>
              {item(t('cluster.csr.subject'), r.subject)}
              {item(t('cluster.csr.dnsNames'), r.dnsNames.join(', '))}
              {item(t('cluster.csr.ipAddresses'), r.ipAddresses.join(', '))}
              {item(t('cluster.csr.key'), r.key)}
              {item(t('cluster.csr.signature'), r.signatureValid ? t('cluster.csr.signatureOk') : t('cluster.csr.signatureBad'), false)}
              {item(t('cluster.csr.groups'), row.groups.join(', '))}
              {item(t('cluster.csr.usages'), row.usages.join(', '))}
            </>
          )}
        </DescriptionList>
      </StackItem>
      {!r.ok && (
        <StackItem>
          <Alert variant="danger" isInline isPlain title={<VerbatimText text={t('cluster.csr.parseError', { reason: r.reason })} values={{ reason: r.reason }} />} />
        </StackItem>
      )}
      <StackItem>
        <List isPlain>
          {row.checks.map((c, i) => (
            <ListItem
              key={`${c.id}-${i}`}
              icon={
                c.outcome === 'ok' ? (
                  <CheckCircleIcon color="var(--pf-t--global--icon--color--status--success--default)" />
                ) : c.outcome === 'warn' ? (
                  <ExclamationTriangleIcon color="var(--pf-t--global--icon--color--status--warning--default)" />
                ) : (
                  <TimesCircleIcon color="var(--pf-t--global--icon--color--status--danger--default)" />
                )
              }
            >
              <VerbatimText text={checkText((k, p) => t(k, p ?? {}), c)} values={c.params} />
            </ListItem>
          ))}
        </List>
      </StackItem>
    </Stack>
  );
}
