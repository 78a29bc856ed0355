import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Button,
  Card,
  CardBody,
  CardTitle,
  Checkbox,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  Progress,
  Radio,
  Stack,
  StackItem,
  TextInput,
  Title,
} from '@patternfly/react-core';
import { Alert, HelperTextItem } from '../pf/translated';
import { useApi } from '../../api/context';
import { useContractQuery } from '../../api/query';
import { useQueryClient } from '@tanstack/react-query';
import { ErrorAlert } from '../ErrorAlert';
import { CommandBlock } from '../CommandBlock';
import { UsbWriter } from '../usb/UsbWriter';
import { manualStateSchema } from '../../../shared/api/domains/manual';
import { isoJobDataSchema, type IsoWriteResult } from '../../../shared/api/domains/iso';
import type { Job } from '../../../shared/api/domains/jobs';
import { SKIP_REBOOT_KARG, type AfterInstall } from '../../../shared/iso/live-config';
import { newOperationId, useIsoProgress } from './useIsoProgress';
import { isUnverified } from '../../../shared/artifacts/trust';

const NODE_IGNITION = 'new-worker.ign';
const AFTER: AfterInstall[] = ['poweroff', 'shell', 'reboot'];
const afterKey = { poweroff: 'iso.usb.afterPoweroff', shell: 'iso.usb.afterShell', reboot: 'iso.usb.afterReboot' } as const;

interface Generated {
  nodeIgnition?: string;
  keyfiles: { fileName: string; content: string }[];
  nodeIgnitionUrl?: string;
}

/**
 * "Make a self-installing USB": shows exactly what goes on the stick (target disk, host name,
 * network, kernel arguments), warns that it wipes the target disk of any server it boots, builds
 * the ISO copy in the cache with progress, then hands it to the USB writer.
 */
export function SelfInstallingUsb({ job }: { job: Job }) {
  const { t } = useTranslation();
  const api = useApi();
  const manual = useMemo(() => {
    const parsed = manualStateSchema.safeParse(job.data.manual ?? {});
    return parsed.success ? parsed.data : {};
  }, [job.data.manual]);
  const builds = useMemo(() => isoJobDataSchema.safeParse(job.data.iso ?? {}).data?.builds ?? [], [job.data.iso]);

  const [generated, setGenerated] = useState<Generated | null>(null);
  const [sourcePath, setSourcePath] = useState('');
  const [sourceSha, setSourceSha] = useState<string | undefined>();
  const [destDevice, setDestDevice] = useState(manual.installDevice ?? '');
  const [afterInstall, setAfterInstall] = useState<AfterInstall>('poweroff');
  const [force, setForce] = useState(false);
  const [operationId, setOperationId] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<IsoWriteResult | undefined>();
  const queryClient = useQueryClient();
  // A copy's sha256 is computed on first need (issue #16): here, for the stick writer below.
  const lazyOutputSha = useContractQuery('iso.outputChecksum', { path: result?.outputPath ?? '-', jobId: job.id }, { enabled: result?.mode === 'copy' && !result.outputSha256 });
  const outputSha256 = result?.outputSha256 ?? lazyOutputSha.data?.sha256;
  const [error, setError] = useState<unknown>(null);
  const progress = useIsoProgress(operationId);

  useEffect(() => {
    let live = true;
    api.call('manual.generated', { jobId: job.id }).then(
      (g) => {
        if (!live) return;
        const files = g?.files ?? [];
        const node = files.find((f) => f.name === NODE_IGNITION);
        setGenerated({
          ...(node ? { nodeIgnition: node.content } : {}),
          keyfiles: files.filter((f) => f.name.endsWith('.nmconnection')).map((f) => ({ fileName: f.name, content: f.content })),
          ...(g?.nodeIgnitionUrl ? { nodeIgnitionUrl: g.nodeIgnitionUrl } : {}),
        });
      },
      () => live && setGenerated({ keyfiles: [] }),
    );
    // Offer the newest RHCOS live ISO from the cache, with its verified checksum (never an unverified one).
    api.call('artifacts.list').then(
      ({ artifacts }) => {
        const iso = artifacts.filter((a) => a.kind === 'rhcos-iso' && !isUnverified(a)).sort((a, b) => b.verifiedAt.localeCompare(a.verifiedAt))[0];
        if (live && iso) {
          setSourcePath((p) => p || iso.path);
          setSourceSha(iso.sha256);
        }
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [api, job.id]);

  const missing = [!manual.hostname && t('iso.usb.missingHostname'), !destDevice.trim() && t('iso.usb.missingDevice'), generated && !generated.nodeIgnition && t('iso.usb.missingIgnition')].filter(
    Boolean,
  ) as string[];
  const liveKargs = afterInstall === 'reboot' ? [] : [SKIP_REBOOT_KARG];
  const device = destDevice.trim() || '/dev/…';

  const build = async () => {
    if (!generated?.nodeIgnition) return;
    const id = newOperationId();
    setOperationId(id);
    setBusy(true);
    setError(null);
    setResult(undefined);
    // a rebuild may reuse the output path: its sha256 is a new one
    queryClient.removeQueries({ queryKey: ['iso.outputChecksum'] });
    try {
      const r = await api.call('iso.customize', {
        sourcePath: sourcePath.trim(),
        output: { mode: 'copy' },
        spec: {
          destDevice: destDevice.trim(),
          destIgnition: generated.nodeIgnition,
          keyfiles: generated.keyfiles,
          afterInstall,
          destKargsAppend: manual.appendKargs ?? [],
        },
        force,
        jobId: job.id,
        operationId: id,
        ...(sourceSha && sourcePath ? { expectedSourceSha256: sourceSha } : {}),
      });
      setResult(r);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const percent = progress && progress.total > 0 ? Math.round((progress.bytes / progress.total) * 100) : 0;
  return (
    <Stack hasGutter data-testid="self-installing-usb">
      <StackItem>
        <Title headingLevel="h3">{t('iso.usb.title')}</Title>
        <Content component="p">{t('iso.usb.intro')}</Content>
      </StackItem>
      <StackItem>
        <Alert variant="danger" isInline title={t('iso.usb.warningTitle')} data-testid="iso-wipe-warning">
          {t('iso.usb.warningBody', { device })}
        </Alert>
      </StackItem>
      {missing.length > 0 && (
        <StackItem>
          <Alert variant="info" isInline title={t('iso.usb.missing', { steps: missing.join(', ') })} data-testid="iso-missing" />
        </StackItem>
      )}
      <StackItem>
        <Card>
          <CardTitle>{t('iso.usb.summaryTitle')}</CardTitle>
          <CardBody>
            <DescriptionList isHorizontal data-testid="iso-summary">
              <DescriptionListGroup>
                <DescriptionListTerm>{t('iso.usb.destDevice')}</DescriptionListTerm>
                <DescriptionListDescription data-testid="iso-summary-device">{device}</DescriptionListDescription>
              </DescriptionListGroup>
              <DescriptionListGroup>
                <DescriptionListTerm>{t('iso.usb.hostname')}</DescriptionListTerm>
                <DescriptionListDescription data-testid="iso-summary-hostname">{manual.hostname ?? '—'}</DescriptionListDescription>
              </DescriptionListGroup>
              <DescriptionListGroup>
                <DescriptionListTerm>{t('iso.usb.network')}</DescriptionListTerm>
                <DescriptionListDescription data-testid="iso-summary-network">
                  {generated && generated.keyfiles.length > 0
                    ? t('iso.usb.networkFiles', { count: generated.keyfiles.length, names: generated.keyfiles.map((k) => k.fileName).join(', ') })
                    : t('iso.usb.networkDhcp')}
                </DescriptionListDescription>
              </DescriptionListGroup>
              <DescriptionListGroup>
                <DescriptionListTerm>{t('iso.usb.kargs')}</DescriptionListTerm>
                <DescriptionListDescription data-testid="iso-summary-kargs">
                  <code>{['…', ...liveKargs].join(' ')}</code>
                  {(manual.appendKargs ?? []).length > 0 && (
                    <div>
                      <code>{(manual.appendKargs ?? []).join(' ')}</code>
                    </div>
                  )}
                </DescriptionListDescription>
              </DescriptionListGroup>
              <DescriptionListGroup>
                <DescriptionListTerm>{t('iso.usb.ignition')}</DescriptionListTerm>
                <DescriptionListDescription>
                  {manual.delivery === 'served' && generated?.nodeIgnitionUrl ? t('iso.usb.ignitionServed', { url: generated.nodeIgnitionUrl }) : t('iso.usb.ignitionInline')}
                </DescriptionListDescription>
              </DescriptionListGroup>
            </DescriptionList>
          </CardBody>
        </Card>
      </StackItem>
      <StackItem>
        <Form onSubmit={(e) => e.preventDefault()}>
          <FormGroup label={t('iso.usb.destDevice')} fieldId="iso-dest-device" isRequired>
            <TextInput id="iso-dest-device" value={destDevice} onChange={(_e, v) => setDestDevice(v)} data-testid="iso-dest-device" />
            <FormHelperText>
              <HelperText>
                <HelperTextItem>{t('iso.usb.destDeviceHelp')}</HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>
          <FormGroup label={t('iso.usb.sourceIso')} fieldId="iso-source" isRequired>
            <TextInput
              id="iso-source"
              value={sourcePath}
              onChange={(_e, v) => {
                setSourcePath(v);
                setSourceSha(undefined);
              }}
              data-testid="iso-source"
            />
            <FormHelperText>
              <HelperText>
                <HelperTextItem>{t('iso.usb.sourceIsoHelp')}</HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>
          <FormGroup label={t('iso.usb.afterInstall')} role="radiogroup" fieldId="iso-after" isStack>
            {AFTER.map((a) => (
              <Radio key={a} id={`iso-after-${a}`} name="iso-after" label={t(afterKey[a])} isChecked={afterInstall === a} onChange={() => setAfterInstall(a)} data-testid={`iso-after-${a}`} />
            ))}
          </FormGroup>
          {afterInstall === 'reboot' && <Alert variant="warning" isInline isPlain title={t('iso.usb.rebootWarning')} data-testid="iso-reboot-warning" />}
          <Checkbox id="iso-force" label={t('iso.usb.replace')} isChecked={force} onChange={(_e, v) => setForce(v)} />
          <div>
            <Button onClick={() => void build()} isDisabled={busy || missing.length > 0 || !generated || !sourcePath.trim()} isLoading={busy} data-testid="iso-build">
              {busy ? t('iso.usb.building') : t('iso.usb.build')}
            </Button>
          </div>
        </Form>
      </StackItem>
      {busy && (
        <StackItem>
          <Progress
            value={progress?.phase === 'copying' ? percent : progress?.phase === 'done' ? 100 : undefined}
            title={progress ? t(`iso.usb.phase.${progress.phase}`, { percent }) : t('iso.usb.building')}
            aria-label={t('iso.usb.building')}
            data-testid="iso-progress"
          />
        </StackItem>
      )}
      <StackItem>
        <ErrorAlert error={error} />
      </StackItem>
      {result && (
        <StackItem>
          <Card data-testid="iso-result">
            <CardTitle>{t('iso.usb.built')}</CardTitle>
            <CardBody>
              <Stack hasGutter>
                <StackItem>
                  <Alert variant="info" isInline isPlain title={afterInstall === 'reboot' ? t('iso.usb.rebootWarning') : t('iso.usb.pullStick')} />
                </StackItem>
                <StackItem>
                  <Content component="small">{t('iso.usb.output')}</Content>
                  <CommandBlock id="iso-output-path" text={result.outputPath} testId="iso-output-path" />
                </StackItem>
                {result.sourceSha256 && (
                  <StackItem>
                    <Content component="small">{t('iso.usb.sourceSha')}</Content>
                    <CommandBlock id="iso-source-sha" text={result.sourceSha256} />
                  </StackItem>
                )}
                {outputSha256 && (
                  <StackItem>
                    <Content component="small">{t('iso.usb.outputSha')}</Content>
                    <CommandBlock id="iso-output-sha" text={outputSha256} testId="iso-output-sha" />
                  </StackItem>
                )}
                {lazyOutputSha.error && <ErrorAlert error={lazyOutputSha.error} />}
                <StackItem>
                  <Title headingLevel="h4">{t('iso.usb.writeNow')}</Title>
                  {/* a copy is written only once its checked sha256 is known: the stick is then compared with it */}
                  {(result.mode !== 'copy' || outputSha256) && <UsbWriter imagePath={result.outputPath} {...(outputSha256 ? { expectedSha256: outputSha256 } : {})} jobId={job.id} />}
                </StackItem>
              </Stack>
            </CardBody>
          </Card>
        </StackItem>
      )}
      {builds.length > 0 && (
        <StackItem>
          <Content component="small">{t('iso.usb.previous')}</Content>
          <ul data-testid="iso-previous">
            {builds
              .slice()
              .reverse()
              .map((b) => (
                <li key={b.at}>
                  <code>{b.outputPath}</code> — {b.destDevice} — {b.at}
                </li>
              ))}
          </ul>
        </StackItem>
      )}
    </Stack>
  );
}
