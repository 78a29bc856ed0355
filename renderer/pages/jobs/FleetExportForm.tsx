import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionGroup, Button, ExpandableSection, Form, FormGroup, FormHelperText, Grid, GridItem, HelperText, List, ListItem, TextArea, TextInput } from '@patternfly/react-core';
import { Alert, ClipboardCopy, HelperTextItem } from '../../components/pf/translated';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FieldIssues, hasErrorAt } from '../../flows/manual/IssueList';
import { validateFleetOptions, type FleetOptions } from '../../../shared/handoff/fleet-options';
import type { MethodOutput } from '../../../shared/api/contract';
import type { Job } from '../../../shared/api/domains/jobs';
import type { Language } from '../../../shared/i18n';

type Field = Exclude<keyof FleetOptions, 'sshPublicKey'>;
const FIELDS: { key: Field; help?: string }[] = [
  { key: 'nodeName' },
  { key: 'bootMacAddress' },
  { key: 'bmcAddress', help: 'handoff.export.bmcAddressHelp' },
  { key: 'bmcCredentialsName' },
  { key: 'namespace', help: 'handoff.export.namespaceHelp' },
  { key: 'clusterName' },
  { key: 'infraEnvName' },
  { key: 'pullSecretName' },
  { key: 'templateNamespace' },
];

/**
 * The fleet export: options prefilled from the job and checked as they are typed (each problem at
 * its field), then the folder written in the job (jobs/<id>/export) with its files and what was left out.
 */
export function FleetExportForm({ job, lang }: { job: Job; lang: Language }) {
  const { t } = useTranslation();
  const api = useApi();
  const [options, setOptions] = useState<FleetOptions | null>(null);
  const [result, setResult] = useState<MethodOutput<'handoff.exportFleet'> | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api.call('handoff.fleetDefaults', { jobId: job.id }).then(setOptions, setError);
  }, [api, job.id]);
  const issues = useMemo(() => (options ? validateFleetOptions(options) : []), [options]);

  const set = (key: keyof FleetOptions) => (_e: unknown, value: string) => setOptions((o) => (o ? { ...o, [key]: value } : o));
  const run = async () => {
    if (!options || issues.length > 0) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      setResult(await api.call('handoff.exportFleet', { jobId: job.id, lang, options }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const openFolder = async () => {
    const r = await api.call('handoff.openFolder', { jobId: job.id, what: 'export' }).catch((err: unknown) => (setError(err), null));
    if (r && !r.opened) setNotice(t('handoff.card.folderShown', { path: r.path }));
  };

  return (
    <ExpandableSection toggleText={t('handoff.export.title')} data-testid="handoff-export" style={{ marginTop: 16 }}>
      <p className="pf-v6-u-mb-sm">{t('handoff.export.intro')}</p>
      {options && (
        <Form onSubmit={(e) => e.preventDefault()}>
          <Grid hasGutter md={6}>
            {FIELDS.map(({ key, help }) => (
              <GridItem key={key}>
                <FormGroup label={t(`handoff.export.${key}`)} fieldId={`fleet-${key}`}>
                  <TextInput id={`fleet-${key}`} value={options[key]} onChange={set(key)} validated={hasErrorAt(issues, key) ? 'error' : 'default'} data-testid={`fleet-${key}`} />
                  {help && !hasErrorAt(issues, key) && (
                    <FormHelperText>
                      <HelperText>
                        <HelperTextItem>{t(help)}</HelperTextItem>
                      </HelperText>
                    </FormHelperText>
                  )}
                  <FieldIssues issues={issues} path={key} />
                </FormGroup>
              </GridItem>
            ))}
          </Grid>
          <FormGroup label={t('handoff.export.sshPublicKey')} fieldId="fleet-sshPublicKey">
            <TextArea
              id="fleet-sshPublicKey"
              value={options.sshPublicKey}
              onChange={set('sshPublicKey')}
              rows={2}
              validated={hasErrorAt(issues, 'sshPublicKey') ? 'error' : 'default'}
              data-testid="fleet-sshPublicKey"
            />
            <FieldIssues issues={issues} path="sshPublicKey" />
          </FormGroup>
          <ActionGroup>
            <Button variant="secondary" onClick={() => void run()} isLoading={busy} isDisabled={busy || issues.length > 0} data-testid="fleet-export-run">
              {t('handoff.export.run')}
            </Button>
          </ActionGroup>
        </Form>
      )}
      {result && <ExportResult result={result} onOpenFolder={() => void openFolder()} />}
      {notice && <Alert variant="info" isInline isPlain title={notice} data-testid="fleet-notice" />}
      <ErrorAlert error={error} />
    </ExpandableSection>
  );
}

/** What was written: the folder (copyable, Open folder), each file with its purpose, and what was left out and why. */
function ExportResult({ result, onOpenFolder }: { result: MethodOutput<'handoff.exportFleet'>; onOpenFolder: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      variant="success"
      isInline
      title={t('handoff.export.exported', { count: result.files.length, folder: result.folder })}
      data-testid="fleet-export-done"
      actionLinks={
        <Button variant="link" isInline onClick={onOpenFolder} data-testid="fleet-open-folder">
          {t('handoff.card.openFolder')}
        </Button>
      }
    >
      <ClipboardCopy isReadOnly hoverTip={t('common.copy')} clickTip={t('common.copied')} data-testid="fleet-export-folder">
        {result.folder}
      </ClipboardCopy>
      <List isPlain data-testid="fleet-export-files">
        {result.files.map((f) => (
          <ListItem key={f.path}>
            <code>{f.path}</code>: {t(`handoff.fleet.files.${f.purpose}`)}
            {f.applied ? t('handoff.export.applied') : ''}
          </ListItem>
        ))}
      </List>
      {result.skipped.length > 0 && (
        <>
          <strong>{t('handoff.export.skippedTitle')}</strong>
          <List data-testid="fleet-export-skipped">
            {result.skipped.map((s) => (
              <ListItem key={s.key}>{t(`handoff.fleet.skipped.${s.key}`, s.params ?? {})}</ListItem>
            ))}
          </List>
        </>
      )}
    </Alert>
  );
}
