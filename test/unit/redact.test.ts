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

  it('removes PEM private keys (also unterminated) and the credential fields of kubeconfig / Secret YAML', () => {
    const pem = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU=\n-----END OPENSSH PRIVATE KEY-----';
    expect(redact(`key:\n${pem}\nafter`)).toBe('key:\n[REDACTED-PRIVATE-KEY]\nafter');
    expect(redact('-----BEGIN RSA PRIVATE KEY-----\nMIIEow')).toBe('[REDACTED-PRIVATE-KEY]');
    const kubeconfig = 'users:\n- name: admin\n  user:\n    token: sha256~abcdef123456\n    client-key-data: LS0tLS1CRUdJTg==\nstringData:\n  password: hunter2\n  .dockerconfigjson: {"auths":{}}';
    const out = redact(kubeconfig);
    for (const secret of ['sha256~abcdef123456', 'LS0tLS1CRUdJTg==', 'hunter2', '{"auths":{}}']) expect(out).not.toContain(secret);
    expect(out).toContain('- name: admin');
    expect(redact(out)).toBe(out);
  });

  it('is idempotent, also inside HTML where no space follows a redacted value', () => {
    const html = `<td>GET /x?image_token=abc123&a=1 with Authorization: Bearer ${JWT}</td><td>next</td>`;
    const once = redact(html);
    expect(once).toBe('<td>GET /x?image_token=[REDACTED]&a=1 with Authorization: Bearer [REDACTED]</td><td>next</td>');
    expect(redact(once)).toBe(once);
  });

  it('leaves ordinary text alone', () => {
    const text = 'Host worker-1 (52:54:00:aa:bb:cc) is installing: 45% writing image to disk /dev/sda';
    expect(redact(text)).toBe(text);
  });
});
