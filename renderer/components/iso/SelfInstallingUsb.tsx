import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Checkbox, Content, ExpandableSection, Form, FormGroup, FormHelperText, HelperText, Progress, Radio, Stack, StackItem, TextInput, Title } from '@patternfly/react-core';
import { Alert, HelperTextItem } from '../pf/translated';
import { useApi } from '../../api/context';
import { useQueryClient } from '@tanstack/react-query';
import { ErrorAlert } from '../ErrorAlert';
import { BuiltIsoResult } from './BuiltIsoResult';
import { SelfInstallSummary } from './SelfInstallSummary';
import { SelfInstallCard } from './SelfInstallCard';
import { UsbWriter } from '../usb/UsbWriter';
import { manualStateSchema } from '../../../shared/api/domains/manual';
import { isoJobDataSchema, type IsoWriteResult } from '../../../shared/api/domains/iso';
import type { Job } from '../../../shared/api/domains/jobs';
import type { SelfInstallWriteInput } from '../../../shared/api/domains/usb';
import { SKIP_REBOOT_KARG, type AfterInstall } from '../../../shared/iso/live-config';
import { newOperationId, useIsoProgress } from './useIsoProgress';
import { isUnverified } from '../../../shared/artifacts/trust';

const NODE_IGNITION = 'new-worker.ign';
const AFTER: AfterInstall[] = ['poweroff', 'shell', 'reboot'];
const afterKey = { poweroff: 'iso.usb.afterPoweroff', shell: 'iso.usb.afterShell', reboot: 'iso.usb.afterReboot' } as const;

/** A self-installing stick written straight from the source ISO, as the technician confirmed it */
interface StickPlan {
  /** The form as it was when confirmed */
  key: string;
  sourcePath: string;
  sourceSha256?: string;
  selfInstall: SelfInstallWriteInput;
}

interface Generated {
  nodeIgnition?: string;
  keyfiles: { fileName: string; content: string }[];
  nodeIgnitionUrl?: string;
}

/**
 * "Make a self-installing USB": shows exactly what goes on the stick (target disk, host name,
 * network, kernel arguments) and warns that it wipes the target disk of any server it boots. By
 * default the USB writer writes the source ISO straight to the stick with this configuration in
 * its embed areas (no 1 GiB copy); "save as a file" builds the ISO copy in the cache (PXE, BMC
 * virtual media) with progress and then offers it to the writer.
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
  const [target, setTarget] = useState<'stick' | 'file'>('stick');
  // folded while the wizard's install disk and the cache's ISO are used as they are; the technician can always open it
  const [editing, setEditing] = useState<boolean | undefined>(undefined);
  const [cachedSource, setCachedSource] = useState<string | undefined>();
  const [stickPlan, setStickPlan] = useState<StickPlan | undefined>();
  const queryClient = useQueryClient();
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
          setCachedSource(iso.path);
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

  const selfInstall = (nodeIgnition: string) => ({
    spec: { destDevice: destDevice.trim(), destIgnition: nodeIgnition, keyfiles: generated?.keyfiles ?? [], afterInstall, destKargsAppend: manual.appendKargs ?? [] },
    force,
  });
  // what the stick gets is frozen when the technician moves on to it: the form is locked until "Change"
  // (a write in progress keeps running in the background and shows again when the stick is chosen again);
  // the generated files may still change elsewhere, which also starts over
  const planKey = JSON.stringify([target, sourcePath.trim(), sourceSha, selfInstall(generated?.nodeIgnition ?? '')]);
  const stick = stickPlan?.key === planKey ? stickPlan : undefined;
  const locked = Boolean(stick);

  // the writer opens below the form: bring it into view
  const stickCard = useRef<HTMLDivElement>(null);
  const stickKey = stick?.key;
  useEffect(() => {
    if (stickKey) stickCard.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [stickKey]);

  const toStick = () => {
    if (!generated?.nodeIgnition) return;
    setResult(undefined);
    setStickPlan({ key: planKey, sourcePath: sourcePath.trim(), ...(sourceSha ? { sourceSha256: sourceSha } : {}), selfInstall: selfInstall(generated.nodeIgnition) });
  };

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
        ...selfInstall(generated.nodeIgnition),
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
        <Form onSubmit={(e) => e.preventDefault()}>
          <FormGroup label={t('iso.usb.target')} role="radiogroup" fieldId="iso-target" isInline>
            <Radio
              id="iso-target-stick"
              name="iso-target"
              label={t('iso.usb.targetStick')}
              isChecked={target === 'stick'}
              onChange={() => setTarget('stick')}
              isDisabled={locked}
              data-testid="iso-target-stick"
            />
            <Radio
              id="iso-target-file"
              name="iso-target"
              label={t('iso.usb.targetFile')}
              isChecked={target === 'file'}
              onChange={() => setTarget('file')}
              isDisabled={locked}
              data-testid="iso-target-file"
            />
            <FormHelperText>
              <HelperText>
                <HelperTextItem>{target === 'stick' ? t('iso.usb.targetStickHelp') : t('iso.usb.targetFileHelp')}</HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>
          <div>
            {locked ? (
              <Button variant="secondary" onClick={() => setStickPlan(undefined)} data-testid="iso-change-plan">
                {t('iso.usb.changePlan')}
              </Button>
            ) : target === 'stick' ? (
              <Button onClick={toStick} isDisabled={missing.length > 0 || !generated || !sourcePath.trim()} data-testid="iso-to-stick">
                {t('iso.usb.toStick')}
              </Button>
            ) : (
              <Button onClick={() => void build()} isDisabled={busy || missing.length > 0 || !generated || !sourcePath.trim()} isLoading={busy} data-testid="iso-build">
                {busy ? t('iso.usb.building') : t('iso.usb.build')}
              </Button>
            )}
          </div>
        </Form>
      </StackItem>
      <StackItem>
        <SelfInstallSummary
          device={device}
          hostname={manual.hostname}
          keyfiles={generated?.keyfiles ?? []}
          liveKargs={liveKargs}
          appendKargs={manual.appendKargs ?? []}
          servedFrom={manual.delivery === 'served' ? generated?.nodeIgnitionUrl : undefined}
        />
      </StackItem>
      <StackItem>
        <Form onSubmit={(e) => e.preventDefault()}>
          <ExpandableSection
            toggleText={t('iso.usb.change')}
            isExpanded={editing ?? !(destDevice.trim() && destDevice === manual.installDevice && sourcePath && sourcePath === cachedSource)}
            onToggle={(_e, open) => setEditing(open)}
            data-testid="iso-change"
          >
            <Stack hasGutter>
              <FormGroup label={t('iso.usb.destDevice')} fieldId="iso-dest-device" isRequired>
                <TextInput id="iso-dest-device" value={destDevice} onChange={(_e, v) => setDestDevice(v)} isDisabled={locked} data-testid="iso-dest-device" />
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
                  isDisabled={locked}
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
                  <Radio
                    key={a}
                    id={`iso-after-${a}`}
                    name="iso-after"
                    label={t(afterKey[a])}
                    isChecked={afterInstall === a}
                    onChange={() => setAfterInstall(a)}
                    isDisabled={locked}
                    data-testid={`iso-after-${a}`}
                  />
                ))}
              </FormGroup>
              {afterInstall === 'reboot' && <Alert variant="warning" isInline isPlain title={t('iso.usb.rebootWarning')} data-testid="iso-reboot-warning" />}
              <Checkbox id="iso-force" label={t('iso.usb.replace')} isChecked={force} onChange={(_e, v) => setForce(v)} isDisabled={locked} />
            </Stack>
          </ExpandableSection>
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
          <BuiltIsoResult result={result} afterInstall={afterInstall} jobId={job.id} />
        </StackItem>
      )}
      {stick && (
        <StackItem>
          <SelfInstallCard title={t('iso.usb.stickTitle')} afterInstall={afterInstall} testId="iso-stick" cardRef={stickCard}>
            <StackItem>
              <UsbWriter imagePath={stick.sourcePath} {...(stick.sourceSha256 ? { expectedSha256: stick.sourceSha256 } : {})} jobId={job.id} selfInstall={stick.selfInstall} />
            </StackItem>
          </SelfInstallCard>
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
