import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { redact, redactValue } from '../../shared/redact';
import { cuts, embed, secretShape, splitAt, surrounding } from '../support/secret-shapes';
import { StreamRedactor } from '../../shared/redact-stream';

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
    // the key's armour lines stay (they say what was there), its body goes
    expect(redact(`key:\n${pem}\nafter`)).toBe('key:\n-----BEGIN OPENSSH PRIVATE KEY-----\n[REDACTED-PRIVATE-KEY]\n-----END OPENSSH PRIVATE KEY-----\nafter');
    const unterminated = redact('-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAse');
    expect(unterminated).toContain('[REDACTED-PRIVATE-KEY]');
    expect(unterminated).not.toContain('MIIEow');
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

  it('removes OpenShift sha256~ OAuth tokens (oc and pod logs) but keeps sha256: digests', () => {
    const out = redact('oc whoami -t printed sha256~Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z and image@sha256:0f7b5a6a1c4e3d2b');
    expect(out).toBe('oc whoami -t printed sha256~[REDACTED] and image@sha256:0f7b5a6a1c4e3d2b');
  });

  it('leaves ordinary text alone', () => {
    const text = 'Host worker-1 (52:54:00:aa:bb:cc) is installing: 45% writing image to disk /dev/sda';
    expect(redact(text)).toBe(text);
  });

  it('removes private key blocks: with line breaks, JSON-escaped, encrypted, truncated', () => {
    const body = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj';
    expect(redact(`key:\n-----BEGIN RSA PRIVATE KEY-----\n${body}\nAbCd==\n-----END RSA PRIVATE KEY-----\ndone`)).toBe(
      'key:\n-----BEGIN RSA PRIVATE KEY-----\n[REDACTED-PRIVATE-KEY]\n-----END RSA PRIVATE KEY-----\ndone',
    );
    expect(redact(`{"k":"-----BEGIN PRIVATE KEY-----\\n${body}\\n-----END PRIVATE KEY-----\\n"}`)).toBe('{"k":"-----BEGIN PRIVATE KEY-----\\n[REDACTED-PRIVATE-KEY]\\n-----END PRIVATE KEY-----\\n"}');
    expect(redact(`-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0123ABCD\n\n${body}\n-----END EC PRIVATE KEY-----`)).not.toMatch(/MIIEvQ|0123ABCD/);
    // `head -3 id_rsa`: no END line, the prompt after it stays
    expect(redact(`-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n${body}\n$ ls`)).toBe('-----BEGIN OPENSSH PRIVATE KEY-----\n[REDACTED-PRIVATE-KEY]\n$ ls');
    // Public material and mentions of the marker are not keys
    const cert = `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----`;
    expect(redact(cert)).toBe(cert);
    expect(redact('expected -----BEGIN PRIVATE KEY----- at the start of the file')).toBe('expected -----BEGIN PRIVATE KEY----- at the start of the file');
  });

  it('removes kubeconfig credentials, OpenShift tokens, token flags, passwords and URL passwords', () => {
    expect(redact('    client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQo=\n    client-certificate-data: LS0tLS1CRUdJTiBDRVJU')).toBe(
      '    client-key-data: [REDACTED]\n    client-certificate-data: [REDACTED]',
    );
    expect(redact('    token: sha256~n7TqJz0yZ2kP4eQvX1cR9mL8sW3uA6bD5fG0hI2jK4l')).toBe('    token: [REDACTED]');
    expect(redact('sha256~n7TqJz0yZ2kP4eQvX1cR9mL8sW3uA6bD5fG0hI2jK4l')).toBe('sha256~[REDACTED]');
    expect(redact('oc login --token=sha256~abcDEF123_- --server=https://api.sno.lab:6443')).toBe('oc login --token=[REDACTED] --server=https://api.sno.lab:6443');
    expect(redact('oc login --token abcdefghij123 --server=https://api.sno.lab:6443')).toBe('oc login --token [REDACTED] --server=https://api.sno.lab:6443');
    expect(redact('password: hunter2 with spaces')).toBe('password: [REDACTED]');
    expect(redact('  db_password: "s3cr3t"')).toBe('  db_password: [REDACTED]');
    expect(redact('git clone https://tech:s3cr3t-pw@git.lab/x.git')).toBe('git clone https://tech:[REDACTED]@git.lab/x.git');
    expect(redact('{"client-key-data":"LS0tLS1CRUdJTi","token":"a\\"b"}')).toBe('{"client-key-data":"[REDACTED]","token":"[REDACTED]"}');
  });

  it('removes pull secrets printed as JSON, login -p passwords, shell variables, fragment tokens and URL passwords with "@"', () => {
    const dockerconfig = 'eyJhdXRocyI6eyJjbG91ZC5vcGVuc2hpZnQuY29tIjp7ImF1dGgiOiJiM0JsYm5Ob2FXWjAifX19';
    // `oc get secret pull-secret -n openshift-config -o json`
    expect(redact(`{"data":{".dockerconfigjson":"${dockerconfig}"},"kind":"Secret"}`)).toBe('{"data":{".dockerconfigjson":"[REDACTED]"},"kind":"Secret"}');
    expect(redact(`    ".dockercfg": "${dockerconfig}"`)).toBe('    ".dockercfg": "[REDACTED]"');
    // the same Secret inside its last-applied-configuration annotation (escaped JSON)
    expect(redact(`{\\"data\\":{\\".dockerconfigjson\\":\\"${dockerconfig}\\"}}`)).not.toContain(dockerconfig);
    expect(redact('{\\"auths\\":{\\"quay.io\\":{\\"auth\\":\\"dXNlcjpwYXNzd29yZA==\\"}}}')).not.toContain('dXNlcjpwYXNzd29yZA');
    // the kubeadmin password on an `oc login` line, and registry logins
    expect(redact('$ oc login -u kubeadmin -p AbCdE-FgHiJ-KlMnO-PqRsT https://api.sno.lab:6443')).toBe('$ oc login -u kubeadmin -p [REDACTED] https://api.sno.lab:6443');
    expect(redact('oc login https://api.sno.lab:6443 -u kubeadmin -pAbCdE-FgHiJ')).toBe('oc login https://api.sno.lab:6443 -u kubeadmin -p[REDACTED]');
    expect(redact("podman login -u tech -p 'pa ss' quay.io")).toBe('podman login -u tech -p [REDACTED] quay.io');
    for (const text of ['mkdir -p /var/tmp/x', 'ssh -p 2222 core@10.0.0.5', 'oc login -u kubeadmin -p --server=x']) expect(redact(text)).toBe(text);
    // curl's credentials: long options always, -u/-U only on a curl line
    expect(redact('curl -sk -u admin:S3cr3t-pass https://10.0.0.5/redfish/v1')).toBe('curl -sk -u admin:[REDACTED] https://10.0.0.5/redfish/v1');
    expect(redact('curl -uadmin:S3cr3t https://x')).toBe('curl -uadmin:[REDACTED] https://x');
    expect(redact("curl --user admin:'pa ss' -U proxy:Pr0xyPw https://x")).toBe('curl --user admin:[REDACTED] -U proxy:[REDACTED] https://x');
    expect(redact('wget --user=tech --password=hunter2 --proxy-user=p:q https://x')).not.toMatch(/hunter2|:q /);
    for (const text of ['ps -u root:root', 'sort -u a:b', 'oc get pods -u x']) expect(redact(text)).toBe(text);
    expect(redact('export KUBEADMIN_PASSWORD=AbCdE-FgHiJ OCM_TOKEN="abc def"')).toBe('export KUBEADMIN_PASSWORD=[REDACTED] OCM_TOKEN=[REDACTED]');
    expect(redact('https://oauth-openshift.apps.sno.lab/oauth/token/implicit#access_token=opaque0123456789&expires_in=86400')).toBe(
      'https://oauth-openshift.apps.sno.lab/oauth/token/implicit#access_token=[REDACTED]&expires_in=86400',
    );
    expect(redact('redfish://admin:P@ssw0rd@10.0.0.5/redfish/v1/Systems/1')).toBe('redfish://admin:[REDACTED]@10.0.0.5/redfish/v1/Systems/1');
    for (const text of ['https://api.sno.lab:6443/healthz and ssh://core@10.0.0.5:22', 'x@y.z http://a:8080/p@q']) expect(redact(text)).toBe(text);
  });

  it('redacts 1 MB adversarial lines in linear time (a stalled redaction stalls the terminal log)', () => {
    // Each line made many rules start and scan to the end of the line; "[REDACTED" without "]"
    // after a BEGIN line took 20 s for 1 MB. Linear code does each in well under a second.
    const mb = (piece: string) => piece.repeat(Math.ceil(2 ** 20 / piece.length));
    for (const line of [
      mb('-----BEGIN PRIVATE KEY-----[REDACTED '),
      mb("token:' "),
      mb(' -p x'),
      mb('login -p '),
      mb('curl -u a:'),
      mb('A_B_C_'),
      mb('\\"auth\\":\\"'),
      mb('a://b:c@'),
      mb('eyJabcde.'),
    ]) {
      const started = performance.now();
      redact(line);
      expect(performance.now() - started, line.slice(0, 20)).toBeLessThan(3000);
    }
  });

  it('keeps ordinary terminal output that only looks like the start of a secret', () => {
    for (const text of [
      'Password:',
      'Password: ',
      '[sudo] password for tech: ',
      'Tokens:              <none>',
      'Enter passphrase for key /home/tech/.ssh/id_ed25519:',
      'https://api.sno.lab:6443/healthz and ssh://core@10.0.0.5:22',
      'oc login --token --server=https://api.sno.lab:6443',
      'sha256 checksum a1b2c3 OK',
      'passwd: password updated successfully',
    ]) {
      expect(redact(text)).toBe(text);
    }
  });

  it('never lets a generated secret through, wherever it stands in the text', () => {
    fc.assert(
      fc.property(surrounding, secretShape, surrounding, (before, shape, after) => {
        const out = redact(embed(before, shape, after));
        for (const secret of shape.secrets) expect(out).not.toContain(secret);
      }),
      { numRuns: 300 },
    );
  });

  it('is idempotent: redacting redacted text changes nothing', () => {
    fc.assert(
      fc.property(surrounding, secretShape, surrounding, (before, shape, after) => {
        const once = redact(embed(before, shape, after));
        expect(redact(once)).toBe(once);
      }),
      { numRuns: 200 },
    );
  });
});

describe('StreamRedactor', () => {
  const stream = (parts: string[], limit?: number) => {
    const r = new StreamRedactor(limit);
    return parts.map((p) => r.push(p)).join('') + r.flush();
  };

  it('redacts a stream split anywhere exactly as the whole text at once', () => {
    fc.assert(
      fc.property(surrounding, secretShape, surrounding, cuts, (before, shape, after, at) => {
        const text = embed(before, shape, after);
        expect(stream(splitAt(text, at))).toBe(redact(text));
      }),
      { numRuns: 300 },
    );
  });

  it('holds a private key back until its END line, then releases it redacted', () => {
    const r = new StreamRedactor();
    expect(r.push('$ cat key.pem\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEF')).toBe('$ cat key.pem\n');
    expect(r.push('AASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n')).toBe('');
    expect(r.push('-----END PRIVATE KEY-----\n$ ')).toBe('-----BEGIN PRIVATE KEY-----\n[REDACTED-PRIVATE-KEY]\n-----END PRIVATE KEY-----\n');
    expect(r.flush()).toBe('$ ');
  });

  it('stays bounded: at the limit a key is released redacted and its rest is still treated as key material', () => {
    const line = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj';
    const r = new StreamRedactor(1024);
    let out = r.push('-----BEGIN RSA PRIVATE KEY-----\n');
    for (let i = 0; i < 60; i += 1) out += r.push(`${line.slice(0, 60)}${String(i).padStart(4, '0')}\n`);
    out += r.push('-----END RSA PRIVATE KEY-----\nafter\n') + r.flush();
    expect(out).not.toMatch(/MIIEvQ/);
    expect(out).toContain('-----END RSA PRIVATE KEY-----\nafter\n');
    expect(out.startsWith('-----BEGIN RSA PRIVATE KEY-----\n[REDACTED-PRIVATE-KEY]')).toBe(true);
  });

  it('never leaks a generated secret at the hold limit, even on endless lines', () => {
    // Filler makes the text longer than the (smallest allowed) limit, so the limit paths run.
    const filler = fc.array(fc.constantFrom('word ', 'x', '-- ', '$ ', 'a:b ', '\t', '::'), { maxLength: 400 }).map((w) => w.join(''));
    fc.assert(
      fc.property(filler, surrounding, secretShape, surrounding, filler, cuts, fc.boolean(), (pad1, before, shape, after, pad2, at, oneLine) => {
        const embedded = embed(pad1 + before, shape, after + pad2);
        // One line: no line break anywhere, so only the limit ever releases text.
        const text = oneLine ? embedded.replace(/\n/g, ' ') : embedded;
        const out = stream(splitAt(text, at), 1024);
        for (const secret of shape.secrets) expect(out).not.toContain(secret);
      }),
      { numRuns: 300 },
    );
  });
});
