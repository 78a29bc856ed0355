import { describe, expect, it } from 'vitest';
import { applyProgress, mergeActive, outcomeOf } from '../../../renderer/pages/downloads/active-list';
import type { DownloadProgress } from '../../../shared/api/domains/artifacts';

const progress = (state: DownloadProgress['state'], extra: Partial<DownloadProgress> = {}): DownloadProgress => ({
  id: 'rhcos-iso/rhcos-live.iso',
  name: 'rhcos-live.iso',
  kind: 'rhcos-iso',
  bytes: 1024,
  total: 4096,
  rate: 0,
  state,
  sourceUrl: 'https://mirror.example/rhcos-live.iso',
  ...extra,
});
const failure = { code: 'artifacts.checksumMismatch', message: 'checksum mismatch', params: { name: 'rhcos-live.iso' } };

describe('download statuses on the Downloads page', () => {
  it('a failed download stays failed when the list is read again (the backend reports its leftover part as paused)', () => {
    let seen = applyProgress(new Map(), progress('downloading'));
    seen = applyProgress(seen, progress('failed', { error: failure }));
    // What artifacts.active answers after the failure: the .part file, as a paused download.
    const after = mergeActive(seen, [progress('paused', { bytes: 1024 })]);
    expect(after.get('rhcos-iso/rhcos-live.iso')).toMatchObject({ state: 'failed', error: failure });
    // A checksum failure leaves no part at all: the failure is still listed.
    expect(mergeActive(seen, []).get('rhcos-iso/rhcos-live.iso')?.state).toBe('failed');
  });

  it('a download started again replaces the failure', () => {
    const seen = applyProgress(new Map(), progress('failed', { error: failure }));
    expect(mergeActive(seen, [progress('downloading')]).get('rhcos-iso/rhcos-live.iso')?.state).toBe('downloading');
    expect(applyProgress(seen, progress('connecting')).get('rhcos-iso/rhcos-live.iso')?.state).toBe('connecting');
  });

  it('only a finished download without an error is a success; a failure never is', () => {
    expect(outcomeOf(progress('done'))).toBe('success');
    expect(outcomeOf(progress('failed', { error: failure }))).toBe('danger');
    expect(outcomeOf({ state: 'done', error: failure })).toBe('danger');
    expect(outcomeOf(progress('cancelled'))).toBe('warning');
    expect(outcomeOf(progress('verifying'))).toBe('running');
  });
});
