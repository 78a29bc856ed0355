import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canInstall, canReset, canSetHostname, hostPhase, knownHostStatuses, stageKey, stageStep, statusKey } from '../../../shared/assisted/status';
import { blockingFailures, explainedValidationIds, parseValidationsInfo, validationKey } from '../../../shared/assisted/validations';
import { en } from '../../../shared/i18n/en';
import { zhCN } from '../../../shared/i18n/zh-CN';

describe('host status', () => {
  it('treats added-to-existing-cluster as rebooted (not joined) and pending-user-action as needing the technician', () => {
    expect(hostPhase('added-to-existing-cluster')).toBe('rebooted');
    expect(hostPhase('installing-pending-user-action')).toBe('needsTechnician');
    expect(hostPhase('resetting-pending-user-action')).toBe('needsTechnician');
    expect(hostPhase('error')).toBe('failed');
    expect(hostPhase('insufficient')).toBe('blocked');
    expect(hostPhase('known')).toBe('ready');
  });

  it('keeps unknown statuses and stages raw instead of failing', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        if ((knownHostStatuses as readonly string[]).includes(s)) return;
        expect(hostPhase(s)).toBe('unknown');
        expect(statusKey(s)).toBeUndefined();
      }),
    );
    expect(stageKey('Teleporting')).toBeUndefined();
  });

  it('has a label in both languages for every known status and stage', () => {
    for (const s of knownHostStatuses) {
      const key = statusKey(s)!;
      expect(en.assisted.status).toHaveProperty(key);
      expect(zhCN.assisted.status).toHaveProperty(key);
    }
    for (const stage of ['Starting installation', 'Writing image to disk', 'Waiting for control plane', 'Done', 'Failed']) {
      expect(en.assisted.stage).toHaveProperty(stageKey(stage)!);
    }
  });

  it('allows actions only in the states the service accepts', () => {
    expect(canInstall('known')).toBe(true);
    expect(canInstall('insufficient')).toBe(false);
    expect(canSetHostname('insufficient')).toBe(true);
    expect(canSetHostname('installing-in-progress')).toBe(false);
    expect(canSetHostname('known-unbound')).toBe(true);
    expect(canReset('error')).toBe(true);
    expect(canReset('known')).toBe(false);
  });

  it('computes "Installing N/M" like the Assisted Installer UI', () => {
    const stages = ['a', 'b', 'c', 'd', 'e'];
    expect(stageStep(60, stages)).toEqual({ step: 3, of: 5 });
    expect(stageStep(100, stages)).toEqual({ step: 5, of: 5 });
    expect(stageStep(undefined, stages)).toBeUndefined();
    expect(stageStep(40, [])).toBeUndefined();
  });
});

describe('validations_info', () => {
  const info = JSON.stringify({
    hardware: [
      { id: 'has-inventory', status: 'success', message: 'ok' },
      { id: 'hostname-valid', status: 'failure', message: 'Hostname localhost is forbidden' },
    ],
    network: [
      { id: 'ntp-synced', status: 'failure', message: "Host couldn't synchronize with any NTP server" },
      { id: 'api-domain-name-resolved-correctly', status: 'pending', message: 'DNS validation … cannot be completed at the moment' },
      { id: 'connected', status: 'success', message: 'Host is connected' },
      { id: 'brand-new-check', status: 'failure', message: 'Something the app does not know yet' },
    ],
    operators: [{ id: 'lso-requirements-satisfied', status: 'success', message: 'lso is disabled' }],
  });

  it('groups by category with failures first, and failures first inside each group', () => {
    const groups = parseValidationsInfo(info);
    expect(groups.map((g) => [g.category, g.state])).toEqual([
      ['network', 'failed'],
      ['hardware', 'failed'],
      ['operators', 'ok'],
    ]);
    expect(groups[0]!.validations.map((v) => v.id)).toEqual(['brand-new-check', 'ntp-synced', 'api-domain-name-resolved-correctly', 'connected']);
    // ntp-synced is soft on day-2: shown, but not blocking
    expect(blockingFailures(groups).map((v) => v.id)).toEqual(['brand-new-check', 'hostname-valid']);
  });

  it('survives empty, damaged or odd input', () => {
    expect(parseValidationsInfo(undefined)).toEqual([]);
    expect(parseValidationsInfo('{not json')).toEqual([]);
    expect(parseValidationsInfo('[]')).toEqual([]);
    expect(parseValidationsInfo('{"network": "x", "hardware": [null, {"status":"failure"}]}')).toEqual([]);
    fc.assert(fc.property(fc.string(), (s) => Array.isArray(parseValidationsInfo(s))));
  });

  it('has a label, explanation and fix hint in en and zh-CN for every explained validation id', () => {
    for (const id of explainedValidationIds) {
      const key = validationKey(id)! as keyof typeof en.assisted.validation;
      for (const cat of [en.assisted.validation, zhCN.assisted.validation]) {
        const entry = cat[key];
        expect(entry, id).toBeDefined();
        expect(entry.label && entry.explain && entry.fix, id).toBeTruthy();
      }
    }
    expect(validationKey('brand-new-check')).toBeUndefined();
  });
});
