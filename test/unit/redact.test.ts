import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { redact, redactValue } from '../../shared/redact';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZWNoIiwidHlwIjoiT2ZmbGluZSJ9.c2lnbmF0dXJlLWJ5dGVz';

describe('redact', () => {
  it('removes Authorization headers, bearer tokens and JWTs', () => {
    expect(redact(`Authorization: Bearer ${JWT}`)).toBe('Authorization: Bearer [REDACTED]');
    expect(redact(`{"authorization":"Bearer abcdefghijkl"}`)).not.toContain('abcdefghijkl');
    expect(redact(`token is ${JWT} ok`)).toBe('token is [REDACTED-JWT] ok');
  });

  it('removes token-like query and form parameters but keeps the rest of the URL', () => {
    const url = 'https://api.openshift.com/api/assisted-images/images/abc?arch=x86_64&image_token=s3cr3t&type=full-iso';
    const out = redact(url);
    expect(out).toContain('arch=x86_64');
    expect(out).toContain('type=full-iso');
    expect(out).toContain('image_token=[REDACTED]');
    expect(out).not.toContain('s3cr3t');
    expect(redact('grant_type=refresh_token&client_id=cloud-services&refresh_token=abc.def')).toBe('grant_type=refresh_token&client_id=cloud-services&refresh_token=[REDACTED]');
    expect(redact('client_secret=hunter2&x=1')).toBe('client_secret=[REDACTED]&x=1');
  });

  it('removes the token path segment of Assisted image URLs', () => {
    expect(redact('https://api.openshift.com/api/assisted-images/bytoken/abc.def.ghi/4.16/x86_64/full.iso')).toBe(
      'https://api.openshift.com/api/assisted-images/bytoken/[REDACTED]/4.16/x86_64/full.iso',
    );
  });

  it('redacts JSON secret fields, and secret-named keys in structured values', () => {
    expect(redact('{"access_token":"zzz","expires_in":900}')).toBe('{"access_token":"[REDACTED]","expires_in":900}');
    expect(redact('{"auths":{"quay.io":{"auth":"dXNlcjpwYXNz"}}}')).not.toContain('dXNlcjpwYXNz');
    expect(redactValue({ clientSecret: 'x', nested: { note: `Bearer ${JWT}` }, count: 3 })).toEqual({
      clientSecret: '[REDACTED]',
      nested: { note: 'Bearer [REDACTED]' },
      count: 3,
    });
  });

  it('never lets a generated JWT through, wherever it stands in the text', () => {
    const b64url = fc.stringMatching(/^[A-Za-z0-9_-]{8,40}$/);
    fc.assert(
      fc.property(fc.string(), b64url, b64url, b64url, fc.string(), (before, h, p, s, after) => {
        const token = `eyJ${h}.${p}.${s}`;
        expect(redact(`${before} ${token} ${after}`)).not.toContain(token);
      }),
    );
  });

  it('removes OpenShift sha256~ OAuth tokens (oc and pod logs) but keeps sha256: digests', () => {
    const out = redact('token: sha256~Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z and image@sha256:0f7b5a6a1c4e3d2b');
    expect(out).toBe('token: sha256~[REDACTED] and image@sha256:0f7b5a6a1c4e3d2b');
  });

  it('leaves ordinary text alone', () => {
    const text = 'Host worker-1 (52:54:00:aa:bb:cc) is installing: 45% writing image to disk /dev/sda';
    expect(redact(text)).toBe(text);
  });
});
