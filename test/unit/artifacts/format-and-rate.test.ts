import { describe, expect, it } from 'vitest';
import { formatBytes, formatEta, formatRate, fraction } from '../../../shared/artifacts/format';
import { RateWindow } from '../../../shared/artifacts/rate';
import { backoffMs, classifyNetworkError, fsError, httpStatusFailure } from '../../../electron/services/artifacts/download-errors';

describe('progress formatting', () => {
  it('formats sizes, rates and times', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(1024 ** 3 * 1.2)).toBe('1.2 GiB');
    expect(formatRate(0)).toBe('—');
    expect(formatRate(10 * 1024 * 1024)).toBe('10.0 MiB/s');
    expect(formatEta(75)).toBe('1:15');
    expect(formatEta(3725)).toBe('1:02:05');
    expect(formatEta(undefined)).toBe('—');
    expect(fraction(5, 10)).toBe(0.5);
    expect(fraction(5, undefined)).toBeUndefined();
  });

  it('computes the rate over a sliding window, so the ETA follows a slowing link', () => {
    const w = new RateWindow(3000);
    w.add(0, 0);
    w.add(1000, 10_000_000);
    expect(w.rate()).toBe(10_000_000);
    expect(w.eta(10_000_000, 110_000_000)).toBe(10);
    // then the link slows to 1 MB/s for 5 s: the old fast second drops out of the window
    for (let t = 2000; t <= 6000; t += 1000) w.add(t, 10_000_000 + ((t - 1000) / 1000) * 1_000_000);
    expect(w.rate()).toBe(1_000_000);
  });
});

describe('failure classification', () => {
  it('retries dropped connections and 5xx, not 404/403', () => {
    expect(classifyNetworkError(Object.assign(new Error('x'), { code: 'ECONNRESET' }), 'http://h/x')).toMatchObject({ retry: true, reason: 'network' });
    expect(classifyNetworkError(Object.assign(new Error('x'), { code: 'ESTALL' }), 'http://h/x')).toMatchObject({ retry: true, reason: 'stall' });
    expect(classifyNetworkError(Object.assign(new Error('x'), { code: 'ENOTFOUND' }), 'http://mirror.example/x')).toMatchObject({
      retry: false,
      error: { code: 'artifacts.dns', params: { host: 'mirror.example' } },
    });
    expect(classifyNetworkError(Object.assign(new Error('x'), { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }), 'https://h/x')).toMatchObject({ retry: false, error: { code: 'artifacts.tls' } });
    expect(httpStatusFailure(503, 'http://h/x')).toMatchObject({ retry: true, status: 503 });
    expect(httpStatusFailure(404, 'http://h/x?image_token=abc')).toMatchObject({ retry: false, error: { code: 'artifacts.notFound' } });
    expect(JSON.stringify(httpStatusFailure(404, 'http://h/x?image_token=abcdefgh'))).not.toContain('abcdefgh');
    expect(httpStatusFailure(403, 'http://h/x')).toMatchObject({ retry: false, error: { code: 'artifacts.forbidden' } });
    expect(fsError(Object.assign(new Error('x'), { code: 'ENOSPC' }), '/c/f', '/c')?.code).toBe('artifacts.diskFull');
    expect(fsError(Object.assign(new Error('x'), { code: 'EACCES' }), '/c/f', '/c')?.code).toBe('artifacts.noPermission');
  });

  it('backs off exponentially with jitter, capped', () => {
    expect(backoffMs(1, 1000, 30_000, () => 0)).toBe(500);
    expect(backoffMs(1, 1000, 30_000, () => 1)).toBe(1000);
    expect(backoffMs(4, 1000, 30_000, () => 1)).toBe(8000);
    expect(backoffMs(20, 1000, 30_000, () => 1)).toBe(30_000);
    const samples = new Set(Array.from({ length: 20 }, () => backoffMs(3, 1000, 30_000)));
    expect(samples.size).toBeGreaterThan(1);
  });
});

// The HTTPS_PROXY / NO_PROXY cases moved to test/integration/net/network-proxy.test.ts: undici decides
// them now, and the test proves each decision against a real proxy.
