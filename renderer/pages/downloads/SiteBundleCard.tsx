import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ActionGroup,
  Button,
  Card,
  CardBody,
  CardTitle,
  Content,
  Form,
  FormGroup,
  FormHelperText,
  FormSelect,
  FormSelectOption,
  HelperText,
  Progress,
  ProgressMeasureLocation,
  ProgressVariant,
  TextInput,
  ToggleGroup,
  ToggleGroupItem,
} from '@patternfly/react-core';
import { Alert, HelperTextItem } from '../../components/pf/translated';
import { useApi, useApiEvent } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { parseVersionOrChannel } from '../../../shared/artifacts/openshift-install';
import type { BundleProgress } from '../../../shared/api/domains/artifacts';
import { percentOf, progressLine } from './progress-text';
import { outcomeOf } from './active-list';

const ARCHES = ['x86_64', 'aarch64', 's390x', 'ppc64le'] as const;

/** "Prepare for a site visit": one form, one combined progress bar, pause/resume/cancel. */
export function SiteBundleCard() {
  const { t } = useTranslation();
  const api = useApi();
  const [version, setVersion] = useState('');
  const [arch, setArch] = useState<(typeof ARCHES)[number]>('x86_64');
  const [source, setSource] = useState<'installer' | 'file'>('installer');
  const [filePath, setFilePath] = useState('');
  const [bundle, setBundle] = useState<BundleProgress | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [touched, setTouched] = useState(false);

  useEffect(() => {
    api.call('artifacts.bundles').then((list) => setBundle(list.find((b) => b.state === 'running' || b.state === 'paused') ?? list.at(-1) ?? null), setError);
  }, [api]);
  useApiEvent('artifacts.bundleProgress', (p) => setBundle((cur) => (!cur || cur.bundleId === p.bundleId || cur.state !== 'running' ? p : cur)));

  const versionOk = parseVersionOrChannel(version) !== null;
  const running = bundle?.state === 'running' || bundle?.state === 'paused';
  const start = async () => {
    setTouched(true);
    if (!versionOk) return;
    setError(null);
    try {
      const { bundleId } = await api.call('artifacts.prepareSite', {
        versionOrChannel: version.trim(),
        arch,
        ...(source === 'file' ? { streamSource: { type: 'file' as const, path: filePath.trim() } } : {}),
      });
      setBundle({ bundleId, state: 'running', step: 'installer', stepIndex: 1, steps: 3, bytes: 0, rate: 0, arch, artifacts: [] });
    } catch (err) {
      setError(err);
    }
  };
  const control = (action: 'artifacts.pause' | 'artifacts.resume' | 'artifacts.cancel') => {
    if (!bundle) return;
    if (action === 'artifacts.cancel' && !window.confirm(t('artifacts.cancelConfirm'))) return;
    api.call(action, { id: bundle.bundleId }).catch(setError);
  };
  const percent = bundle ? (bundle.state === 'done' ? 100 : percentOf(bundle.bytes, bundle.total)) : undefined;

  return (
    <Card data-testid="site-bundle-card">
      <CardTitle>{t('artifacts.site.title')}</CardTitle>
      <CardBody>
        <Content component="p">{t('artifacts.site.intro')}</Content>
        <Form
          onSubmit={(e) => {
            e.preventDefault();
            void start();
          }}
        >
          <FormGroup label={t('artifacts.site.version')} fieldId="site-version" isRequired>
            <TextInput
              id="site-version"
              value={version}
              onChange={(_e, v) => setVersion(v)}
              onBlur={() => setTouched(true)}
              validated={touched && !versionOk ? 'error' : 'default'}
              placeholder="4.16.3"
              data-testid="site-version"
            />
            <FormHelperText>
              <HelperText>
                <HelperTextItem variant={touched && !versionOk ? 'error' : 'default'}>{touched && !versionOk ? t('artifacts.site.versionInvalid') : t('artifacts.site.versionHelp')}</HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>
          <FormGroup label={t('artifacts.site.arch')} fieldId="site-arch">
            <FormSelect id="site-arch" value={arch} onChange={(_e, v) => setArch(v as typeof arch)} data-testid="site-arch" aria-label={t('artifacts.site.arch')}>
              {ARCHES.map((a) => (
                <FormSelectOption key={a} value={a} label={a} />
              ))}
            </FormSelect>
            <FormHelperText>
              <HelperText>
                <HelperTextItem>{t('artifacts.site.archHelp')}</HelperTextItem>
              </HelperText>
            </FormHelperText>
          </FormGroup>
          <FormGroup label={t('artifacts.site.streamSource')} fieldId="site-source">
            <ToggleGroup aria-label={t('artifacts.site.streamSource')}>
              <ToggleGroupItem text={t('artifacts.site.sourceInstaller')} isSelected={source === 'installer'} onChange={() => setSource('installer')} />
              <ToggleGroupItem text={t('artifacts.site.sourceFile')} isSelected={source === 'file'} onChange={() => setSource('file')} data-testid="site-source-file" />
            </ToggleGroup>
          </FormGroup>
          {source === 'file' && (
            <FormGroup label={t('artifacts.site.filePath')} fieldId="site-file" isRequired>
              <TextInput id="site-file" value={filePath} onChange={(_e, v) => setFilePath(v)} data-testid="site-file" />
            </FormGroup>
          )}
          <ActionGroup>
            <Button type="submit" isDisabled={running || (source === 'file' && !filePath.trim())} data-testid="site-start">
              {t('artifacts.site.start')}
            </Button>
          </ActionGroup>
        </Form>
        <ErrorAlert error={error} onClose={() => setError(null)} />
        {bundle && (
          <div data-testid="bundle-progress" data-state={bundle.state} data-step={bundle.step}>
            <Progress
              value={percent ?? 0}
              title={t(`artifacts.site.steps.${bundle.step}`, { index: bundle.stepIndex, count: bundle.steps })}
              label={
                percent === undefined ? t(`artifacts.states.${bundle.state === 'running' ? 'downloading' : bundle.state === 'done' ? 'done' : bundle.state}`) : t('artifacts.percent', { percent })
              }
              measureLocation={ProgressMeasureLocation.outside}
              variant={{ danger: ProgressVariant.danger, success: ProgressVariant.success, warning: ProgressVariant.warning, running: undefined }[outcomeOf(bundle)]}
              helperText={bundle.state === 'running' || bundle.state === 'paused' ? progressLine(t, bundle) : undefined}
              aria-label={t('artifacts.bundleTitle')}
            />
            {running && (
              <ActionGroup>
                {bundle.state === 'running' ? (
                  <Button variant="secondary" onClick={() => control('artifacts.pause')} data-testid="bundle-pause">
                    {t('artifacts.pause')}
                  </Button>
                ) : (
                  <Button variant="primary" onClick={() => control('artifacts.resume')} data-testid="bundle-resume">
                    {t('artifacts.resume')}
                  </Button>
                )}
                <Button variant="link" isDanger onClick={() => control('artifacts.cancel')} data-testid="bundle-cancel">
                  {t('artifacts.cancel')}
                </Button>
              </ActionGroup>
            )}
            {outcomeOf(bundle) === 'success' && (
              <Alert variant="success" isInline title={t('artifacts.site.done', { version: bundle.version ?? '', release: bundle.release ?? '', arch: bundle.arch })} data-testid="bundle-done" />
            )}
            {bundle.state === 'cancelled' && <Alert variant="info" isInline isPlain title={t('artifacts.site.cancelled')} />}
            {bundle.state === 'failed' && <ErrorAlert error={bundle.error} title={t('artifacts.site.failed')} />}
          </div>
        )}
      </CardBody>
    </Card>
  );
}
