import { describe, expect, it } from 'vitest';
import { isUnverified } from '../../../shared/artifacts/trust';
import { matchKnownChecksums } from '../../../electron/services/artifacts/late-checksum';
import type { CachedArtifact } from '../../../shared/api/domains/artifacts';
import { redact } from '../../../shared/redact';

const entry = (over: Partial<CachedArtifact>): CachedArtifact => ({
  id: 'file/x.iso',
  kind: 'file',
  name: 'x.iso',
  path: '/cache/file/x.iso',
  size: 1,
  sha256: 'a'.repeat(64),
  checkedAgainstPublished: false,
  sizeChecked: false,
  sourceUrl: 'https://mirror.example.com/x.iso',
  verifiedAt: '2026-01-01T00:00:00.000Z',
  jobs: [],
  ...over,
});

describe('unverified artifacts', () => {
  it('a file is unverified only when neither its size nor a published checksum was checked', () => {
    expect(isUnverified({ checkedAgainstPublished: false, sizeChecked: false })).toBe(true);
    expect(isUnverified({ checkedAgainstPublished: false, sizeChecked: true })).toBe(false);
    expect(isUnverified({ checkedAgainstPublished: true, sizeChecked: false })).toBe(false);
  });

  it('a checksum that becomes known applies to unchecked files from the same URL, or RHCOS ISOs of the same name', () => {
    const sha = 'B'.repeat(64);
    const byUrl = entry({ id: 'file/x.iso' });
    const isoByName = entry({ id: 'rhcos-iso/rhcos-live.iso', kind: 'rhcos-iso', name: 'rhcos-live.iso', sourceUrl: 'http://local-mirror/rhcos/rhcos-live.iso' });
    const otherKindSameName = entry({ id: 'file/rhcos-live.iso', name: 'rhcos-live.iso', sourceUrl: 'https://elsewhere/rhcos-live.iso' });
    const alreadyChecked = entry({ id: 'file/y.iso', name: 'y.iso', sourceUrl: 'https://mirror.example.com/y.iso', checkedAgainstPublished: true });
    const known = [
      { url: 'https://mirror.example.com/x.iso', sha256: sha },
      { url: 'https://rhcos.mirror.openshift.com/art/storage/rhcos-live.iso', sha256: sha },
      { url: 'https://mirror.example.com/y.iso', sha256: sha },
    ];
    expect(matchKnownChecksums([byUrl, isoByName, otherKindSameName, alreadyChecked], known)).toEqual([
      { entry: byUrl, sha256: sha.toLowerCase() },
      { entry: isoByName, sha256: sha.toLowerCase() },
    ]);
  });

  it('compares URLs the way the cache stores them (tokens redacted)', () => {
    const url = 'https://mirror.example.com/x.iso?token=abc123abc123abc123';
    const stored = entry({ sourceUrl: redact(url) });
    expect(stored.sourceUrl).not.toContain('abc123');
    expect(matchKnownChecksums([stored], [{ url, sha256: 'c'.repeat(64) }])).toHaveLength(1);
  });
});
