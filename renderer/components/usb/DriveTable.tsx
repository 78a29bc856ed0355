import { useEffect, useEffectEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Content, Label, Radio, Switch, Toolbar, ToolbarContent, ToolbarItem } from '@patternfly/react-core';
import { LabelGroup } from '../pf/translated';
import { Table, Thead, Tr, Th, Tbody, Td } from '@patternfly/react-table';
import { SyncIcon } from '@patternfly/react-icons';
import { useApi, useApiEvent } from '../../api/context';
import { ErrorAlert } from '../ErrorAlert';
import type { DriveInfo } from '../../../shared/usb/drive-rules';
import { driveLabel } from './drive-label';
import { formatBinary, formatDecimal } from '../../../shared/usb/format';

/**
 * Step 2: removable drives with what identifies them (vendor, model, size, serial, by-id). Drives
 * that can't be written are hidden unless asked for, and then say why. Updates on hot-plug.
 */
export function DriveTable({ imagePath, busyDevices, selected, onSelect }: { imagePath: string; busyDevices: string[]; selected?: DriveInfo; onSelect: (drive: DriveInfo | undefined) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [drives, setDrives] = useState<DriveInfo[] | null>(null);
  const [showAll, setShowAll] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  const [tick, setTick] = useState(0);
  const refresh = () => {
    setLoading(true);
    setTick((n) => n + 1);
  };
  const onLoaded = useEffectEvent((list: DriveInfo[]) => {
    setDrives(list);
    setError(null);
    setLoading(false);
    // a selected stick that was pulled (or changed) is deselected rather than silently kept
    if (selected && !list.some((d) => d.device === selected.device && d.size === selected.size && d.serial === selected.serial && d.eligible)) onSelect(undefined);
  });
  useEffect(() => {
    let alive = true;
    api.call('usb.listDrives', { imagePath }).then(
      ({ drives: list }) => alive && onLoaded(list),
      (err: unknown) => {
        if (!alive) return;
        setError(err);
        setLoading(false);
      },
    );
    return () => {
      alive = false;
    };
  }, [api, imagePath, tick]);
  useApiEvent('usb.drivesChanged', () => setTick((n) => n + 1));

  const visible = (drives ?? []).filter((d) => showAll || d.eligible);
  return (
    <>
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <Button variant="secondary" icon={<SyncIcon />} onClick={refresh} isLoading={loading} data-testid="usb-refresh">
              {t('usb.drive.refresh')}
            </Button>
          </ToolbarItem>
          <ToolbarItem>
            <Switch id="usb-show-all" label={t('usb.drive.showAll')} isChecked={showAll} onChange={(_e, v) => setShowAll(v)} data-testid="usb-show-all" />
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      <ErrorAlert error={error} />
      {drives && visible.length === 0 ? (
        <Content component="p" data-testid="usb-no-drives">
          {t('usb.drive.none')}
        </Content>
      ) : (
        <Table aria-label={t('usb.steps.drive')} variant="compact" data-testid="usb-drive-table">
          <Thead>
            <Tr>
              <Th screenReaderText={t('usb.drive.columns.status')} />
              <Th>{t('usb.drive.columns.name')}</Th>
              <Th>{t('usb.drive.columns.size')}</Th>
              <Th>{t('usb.drive.columns.serial')}</Th>
              <Th>{t('usb.drive.columns.byId')}</Th>
              <Th>{t('usb.drive.columns.status')}</Th>
            </Tr>
          </Thead>
          <Tbody>
            {visible.map((drive, rowIndex) => {
              const busy = busyDevices.includes(drive.device);
              const selectable = drive.eligible && !busy;
              return (
                <Tr key={drive.device} data-testid={`usb-drive-${drive.device}`} data-eligible={drive.eligible}>
                  {/* PatternFly's row select names its radio "Select row 0" in English with no way to change it. */}
                  <Td className="pf-v6-c-table__check">
                    <Radio
                      id={`usb-select-${rowIndex}`}
                      name="usb-drive"
                      isChecked={selected?.device === drive.device}
                      isDisabled={!selectable}
                      onChange={() => onSelect(drive)}
                      aria-label={t('usb.drive.select', { name: driveLabel(drive, t) })}
                    />
                  </Td>
                  {/* The device path sits under the name: as its own column it pushed the status past a wizard's step at 1366 px. */}
                  <Td dataLabel={t('usb.drive.columns.name')}>
                    <strong>{driveLabel(drive, t)}</strong>
                    {/* A drive without vendor and model is already named by its device path. */}
                    {driveLabel(drive, t) !== drive.device && (
                      <div>
                        <code>{drive.device}</code>
                      </div>
                    )}
                    {drive.labels.length > 0 && <div>{t('usb.drive.labels', { labels: drive.labels.join(', ') })}</div>}
                  </Td>
                  {/* "8.0 GB" over "(7.5 GiB)" when the step is narrow; neither half breaks. */}
                  <Td dataLabel={t('usb.drive.columns.size')}>
                    <span className="pf-v6-u-text-nowrap">{formatDecimal(drive.size)}</span> <span className="pf-v6-u-text-nowrap">({formatBinary(drive.size)})</span>
                  </Td>
                  <Td dataLabel={t('usb.drive.columns.serial')} data-verbatim>
                    {drive.serial ?? '—'}
                  </Td>
                  <Td dataLabel={t('usb.drive.columns.byId')} modifier="truncate" title={drive.byId ?? drive.loopBackingFile}>
                    <code>{drive.byId?.replace('/dev/disk/by-id/', '') ?? drive.loopBackingFile?.split('/').pop() ?? '—'}</code>
                  </Td>
                  <Td dataLabel={t('usb.drive.columns.status')}>
                    <LabelGroup numLabels={4}>
                      {busy && <Label color="blue">{t('usb.write.busyElsewhere')}</Label>}
                      {drive.eligible ? (
                        <Label color="green">{t('usb.drive.ok')}</Label>
                      ) : (
                        drive.problems.map((p) => (
                          <Label key={p} color="red" data-testid={`usb-problem-${p}`}>
                            {t(`usb.drive.problems.${p}`)}
                          </Label>
                        ))
                      )}
                      {drive.warnings.map((w) => (
                        <Label key={w} color="orange">
                          {t(`usb.drive.warnings.${w}`)}
                        </Label>
                      ))}
                    </LabelGroup>
                  </Td>
                </Tr>
              );
            })}
          </Tbody>
        </Table>
      )}
    </>
  );
}
