import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Button,
  Card,
  CardBody,
  CardTitle,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  Label,
  ModalBody,
  ModalFooter,
  ModalHeader,
  PageSection,
  Stack,
  StackItem,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { Alert, Modal, HelperTextItem } from '../../components/pf/translated';
import { useApi, useApiEvent } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CommandBlock } from '../../components/CommandBlock';
import { SelfInstallingUsb } from '../../components/iso/SelfInstallingUsb';
import type { IsoInspectionResult } from '../../../shared/api/domains/iso';
import type { Job } from '../../../shared/api/domains/jobs';
import { formatSize } from '../../../shared/format/size';
import { TitleWithHelp } from '../../components/TitleWithHelp';

/** #/iso: inspect any live ISO (embedded Ignition, keyfiles, kargs) and reset it; #/iso/job/<id>: the self-installing USB step for a job. */
export function IsoPage({ segments }: { segments: string[] }) {
  // segments[0] is the page id itself.
  if (segments[1] === 'job' && segments[2]) return <JobUsbPage id={segments[2]} />;
  return <InspectPage />;
}

function JobUsbPage({ id }: { id: string }) {
  const api = useApi();
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    api.call('jobs.get', { id }).then(setJob, setError);
  }, [api, id]);
  useEffect(load, [load]);
  useApiEvent('jobs.changed', (e) => {
    if (e.id === id && !e.removed) load();
  });
  return (
    <PageSection>
      <ErrorAlert error={error} />
      {job && (
        <>
          <Title headingLevel="h2" data-user-text>
            {job.title}
          </Title>
          <SelfInstallingUsb job={job} />
        </>
      )}
    </PageSection>
  );
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function InspectPage() {
  const { t } = useTranslation();
  const api = useApi();
  const [path, setPath] = useState('');
  const [info, setInfo] = useState<IsoInspectionResult | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [removed, setRemoved] = useState(false);

  const inspect = async (p = path) => {
    setBusy(true);
    setError(null);
    setRemoved(false);
    try {
      setInfo(await api.call('iso.inspect', { path: p.trim() }));
    } catch (err) {
      setInfo(undefined);
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!info) return;
    setConfirming(false);
    setBusy(true);
    setError(null);
    try {
      const r = await api.call('iso.remove', { path: info.path, output: { mode: 'inPlace' } });
      setInfo({ ...r.inspection });
      setRemoved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageSection>
      <Stack hasGutter>
        <StackItem>
          <TitleWithHelp headingLevel="h1" topic="page.iso">
            {t('iso.page.title')}
          </TitleWithHelp>
          <Content component="p">{t('iso.page.intro')}</Content>
        </StackItem>
        <StackItem>
          <Form
            onSubmit={(e) => {
              e.preventDefault();
              void inspect();
            }}
          >
            <FormGroup label={t('iso.page.path')} fieldId="iso-path" isRequired>
              <TextInput id="iso-path" value={path} onChange={(_e, v) => setPath(v)} data-testid="iso-path" />
              <FormHelperText>
                <HelperText>
                  <HelperTextItem>{t('iso.page.pathHelp')}</HelperTextItem>
                </HelperText>
              </FormHelperText>
            </FormGroup>
            <div>
              <Button type="submit" isDisabled={!path.trim() || busy} isLoading={busy} data-testid="iso-inspect">
                {t('iso.page.inspect')}
              </Button>
            </div>
          </Form>
        </StackItem>
        <StackItem>
          <ErrorAlert error={error} />
        </StackItem>
        {removed && (
          <StackItem>
            <Alert variant="success" isInline title={t('iso.page.removed')} data-testid="iso-removed" />
          </StackItem>
        )}
        {info && (
          <StackItem>
            <Card data-testid="iso-inspection">
              <CardTitle>{info.path}</CardTitle>
              <CardBody>
                <Stack hasGutter>
                  <StackItem>
                    <DescriptionList isHorizontal>
                      <DescriptionListGroup>
                        <DescriptionListTerm>{t('iso.page.volume')}</DescriptionListTerm>
                        <DescriptionListDescription>{info.volumeId}</DescriptionListDescription>
                      </DescriptionListGroup>
                      <DescriptionListGroup>
                        <DescriptionListTerm>{t('iso.page.state')}</DescriptionListTerm>
                        <DescriptionListDescription data-testid="iso-state">
                          {info.pristine ? <Label color="green">{t('iso.page.pristine')}</Label> : <Label color="orange">{t('iso.page.customized')}</Label>}
                          {info.minimal && <Label color="grey">{t('iso.page.minimal')}</Label>}
                        </DescriptionListDescription>
                      </DescriptionListGroup>
                      <DescriptionListGroup>
                        <DescriptionListTerm>{t('iso.page.area')}</DescriptionListTerm>
                        <DescriptionListDescription>{t('iso.page.areaUsage', { used: info.initrd.used, capacity: info.initrd.capacity, file: info.initrd.file })}</DescriptionListDescription>
                      </DescriptionListGroup>
                      {info.initrd.formats.length > 0 && (
                        <DescriptionListGroup>
                          <DescriptionListTerm>{t('iso.page.compression')}</DescriptionListTerm>
                          <DescriptionListDescription>
                            {info.initrd.formats.join(', ')}
                            {info.initrd.xzChecks.length > 0 ? ` (${info.initrd.xzChecks.join(', ')})` : ''}
                          </DescriptionListDescription>
                        </DescriptionListGroup>
                      )}
                      {info.initrd.members.length > 0 && (
                        <DescriptionListGroup>
                          <DescriptionListTerm>{t('iso.page.members')}</DescriptionListTerm>
                          <DescriptionListDescription data-testid="iso-members">{info.initrd.members.map((m) => `${m.path} (${formatSize(m.size)})`).join(', ')}</DescriptionListDescription>
                        </DescriptionListGroup>
                      )}
                      <DescriptionListGroup>
                        <DescriptionListTerm>{t('iso.page.features')}</DescriptionListTerm>
                        <DescriptionListDescription>
                          {[info.features.installerConfig && 'installer-config', info.features.liveInitrdNetwork && 'live-initrd-network'].filter(Boolean).join(', ') || '—'}
                        </DescriptionListDescription>
                      </DescriptionListGroup>
                    </DescriptionList>
                  </StackItem>
                  <StackItem>
                    <Title headingLevel="h3">{t('iso.page.kargsCurrent')}</Title>
                    {info.kargs ? <CommandBlock id="iso-kargs" text={info.kargs.current} testId="iso-kargs" /> : <Content component="p">{t('iso.page.noKargs')}</Content>}
                    {info.kargs && info.kargs.current !== info.kargs.default && (
                      <>
                        <Content component="small">{t('iso.page.kargsDefault')}</Content>
                        <CommandBlock id="iso-kargs-default" text={info.kargs.default} />
                      </>
                    )}
                  </StackItem>
                  <StackItem>
                    <Title headingLevel="h3">{t('iso.page.liveIgnition')}</Title>
                    {info.initrd.ignition ? (
                      <CommandBlock id="iso-ignition" text={prettyJson(info.initrd.ignition)} testId="iso-ignition" />
                    ) : (
                      <Content component="p" data-testid="iso-no-ignition">
                        {t('iso.page.noIgnition')}
                      </Content>
                    )}
                  </StackItem>
                  {info.initrd.keyfiles.length > 0 && (
                    <StackItem>
                      <Title headingLevel="h3">{t('iso.page.keyfiles')}</Title>
                      {info.initrd.keyfiles.map((k) => (
                        <div key={k.fileName}>
                          <Content component="small">{k.fileName}</Content>
                          <CommandBlock id={`iso-keyfile-${k.fileName.replace(/[^A-Za-z0-9]/g, '-')}`} text={k.content} />
                        </div>
                      ))}
                    </StackItem>
                  )}
                  {!info.pristine && (
                    <StackItem>
                      <Button variant="danger" onClick={() => setConfirming(true)} isDisabled={busy} data-testid="iso-remove">
                        {t('iso.page.remove')}
                      </Button>
                    </StackItem>
                  )}
                </Stack>
              </CardBody>
            </Card>
          </StackItem>
        )}
      </Stack>
      <Modal variant="small" isOpen={confirming} onClose={() => setConfirming(false)} aria-labelledby="iso-remove-title">
        <ModalHeader title={t('iso.page.remove')} labelId="iso-remove-title" titleIconVariant="warning" />
        <ModalBody>{t('iso.page.removeConfirm', { path: info?.path ?? '' })}</ModalBody>
        <ModalFooter>
          <Button variant="danger" onClick={() => void remove()} data-testid="iso-remove-confirm">
            {t('iso.page.removeOk')}
          </Button>
          <Button variant="link" onClick={() => setConfirming(false)}>
            {t('iso.page.cancel')}
          </Button>
        </ModalFooter>
      </Modal>
    </PageSection>
  );
}
