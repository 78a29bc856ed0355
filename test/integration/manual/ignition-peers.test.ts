import { describe, expect, it, beforeAll } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import Ajv2019 from 'ajv/dist/2019';
import { parse as parseYaml } from 'yaml';
import { fixturePath } from '../../support/fixtures';
import { buildNodeIgnition } from '../../../shared/ignition/node-ignition';
import { toNmStateConfigObject, toNmStateConfig } from '../../../shared/network/nmstate';
import { generateFiles } from '../../../electron/services/manual/generate';
import { bondVlanModel, staticModel, workerIgnFixture } from '../../unit/manual/fixtures';
import { dhcpModel } from '../../../shared/network/model';
import { requirePeer } from '../../support/peers';

/**
 * Ignition's JSON schema has no additionalProperties:false and ignition-validate only WARNS on
 * unknown keys, so the schema is made strict here: every object refuses properties no schema
 * part evaluated (unevaluatedProperties also sees through the allOf used by file/directory/link).
 */
function strictIgnitionValidator(file: string) {
  const schema = JSON.parse(readFileSync(fixturePath('ignition', file), 'utf8'));
  delete schema.$schema;
  const node = schema.definitions.storage.definitions.node;
  const visit = (n: unknown, insideAllOf: boolean) => {
    if (Array.isArray(n)) return n.forEach((x) => visit(x, insideAllOf));
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if ((o.properties && !insideAllOf && o !== node) || o.allOf) o.unevaluatedProperties = false;
    for (const [k, v] of Object.entries(o)) visit(v, k === 'allOf');
  };
  visit(schema, false);
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  return ajv.compile(schema);
}

function ignitionValidate(text: string): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sfk-ign-'));
  const file = join(dir, 'config.ign');
  writeFileSync(file, text);
  const r = spawnSync(requirePeer('ignition-validate', 'ignition'), [file], { encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}`.trim() };
}

const WORKER = workerIgnFixture();
const SHA = createHash('sha512').update(WORKER).digest('hex');

const configs: Record<string, string> = {
  served: buildNodeIgnition({ workerIgn: { url: 'http://10.1.101.10:8080/worker.ign', sha512: SHA }, hostname: 'worker-1.sno1.example.com' }),
  inline: buildNodeIgnition({ workerIgn: { inline: WORKER }, hostname: 'worker-1.sno1.example.com' }),
  'ipv6 server + extra files': buildNodeIgnition({
    workerIgn: { url: 'http://[2001:db8::10]:8080/worker.ign', sha512: SHA },
    hostname: 'w2.example.com',
    files: [{ path: '/etc/motd', contents: 'Added by SNO Field Kit — 现场\n', mode: 420 }],
  }),
};

describe('generated Ignition against the real peers', () => {
  beforeAll(() => {
    requirePeer('ignition-validate', 'ignition');
  });

  for (const [name, text] of Object.entries(configs)) {
    it(`${name}: ignition-validate passes with no output at all (no warnings)`, () => {
      expect(ignitionValidate(text)).toEqual({ status: 0, output: '' });
    });
    it(`${name}: valid against the 3.2.0 schema with unknown keys as errors`, () => {
      const validate = strictIgnitionValidator('ignition-3.2.0.schema.json');
      const ok = validate(JSON.parse(text));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    });
  }

  it('the cluster worker.ign fixture itself is valid (so tests exercise a realistic input)', () => {
    expect(ignitionValidate(WORKER)).toEqual({ status: 0, output: '' });
  });

  it('the checks are sharp: a misplaced key, a relative path and an upper-case hash are caught', () => {
    const validate = strictIgnitionValidator('ignition-3.2.0.schema.json');
    const doc = JSON.parse(configs.served!);
    doc.storage.files[0].contentz = doc.storage.files[0].contents;
    expect(validate(doc)).toBe(false);
    expect(ignitionValidate(JSON.stringify(doc)).output).toMatch(/Unused key contentz/);
    const rel = JSON.parse(configs.served!);
    rel.storage.files[0].path = 'etc/hostname';
    expect(ignitionValidate(JSON.stringify(rel)).status).not.toBe(0);
    // What the Red Hat example does (two "path" keys) is invisible to both: we check for it in the unit test.
  });

  it('every Ignition file of a generated job validates (served and inline delivery)', () => {
    for (const delivery of ['served', 'inline'] as const) {
      const set = generateFiles(WORKER, {
        hostname: 'worker-1.sno1.example.com',
        network: staticModel(),
        delivery,
        server: { host: '10.1.101.10', port: 8080 },
        installDevice: '/dev/disk/by-id/nvme-x',
        appendKargs: [],
        nmcliStyle: 'add',
      });
      for (const f of set.files.filter((x) => x.name.endsWith('.ign'))) expect(ignitionValidate(f.content), f.name).toEqual({ status: 0, output: '' });
    }
  });
});

describe('NMStateConfig against the CRD openAPIV3Schema', () => {
  const crd = parseYaml(readFileSync(fixturePath('nmstate', 'nmstateconfig-crd.yaml'), 'utf8'));
  const version = crd.spec.versions.find((v: { name: string }) => v.name === 'v1beta1');
  // Structural schemas prune unknown fields; here unknown fields are errors except under x-kubernetes-preserve-unknown-fields.
  const strict = (n: unknown): unknown => {
    if (Array.isArray(n)) return n.map(strict);
    if (!n || typeof n !== 'object') return n;
    const o = Object.fromEntries(
      Object.entries(n as Record<string, unknown>)
        .filter(([k]) => !k.startsWith('x-kubernetes'))
        .map(([k, v]) => [k, k === 'properties' ? Object.fromEntries(Object.entries(v as object).map(([pk, pv]) => [pk, strict(pv)])) : strict(v)]),
    );
    if (o.properties && !(n as Record<string, unknown>)['x-kubernetes-preserve-unknown-fields'] && o !== undefined) {
      const isMetadataHolder = 'apiVersion' in (o.properties as object);
      if (!isMetadataHolder) o.additionalProperties = false;
    }
    return o;
  };
  const validate = new Ajv2019({ strict: false, allErrors: true }).compile(strict(version.schema.openAPIV3Schema) as object);

  for (const [name, model] of Object.entries({ static: staticModel(), 'bond+vlan': bondVlanModel(), dhcp: dhcpModel('eno1', '52:54:00:12:34:56') })) {
    it(`${name}: the generated CR validates, is v1beta1, and every spec.interfaces MAC matches the pattern`, () => {
      const cr = toNmStateConfigObject(model, { name: 'worker-1', namespace: 'sno1', labels: { 'infraenvs.agent-install.openshift.io': 'sno1' } });
      expect(validate(cr), JSON.stringify(validate.errors)).toBe(true);
      expect(cr.apiVersion).toBe('agent-install.openshift.io/v1beta1');
      expect(cr.kind).toBe(crd.spec.names.kind);
      // The YAML text parses back to the same object.
      expect(parseYaml(toNmStateConfig(model, { name: 'worker-1', namespace: 'sno1', labels: { a: 'b' } })).spec).toEqual(cr.spec);
    });
  }

  it('a CR without any MAC is refused by the schema (minItems 1), as the API server would', () => {
    const cr = toNmStateConfigObject(dhcpModel('eno1'), { name: 'w', namespace: 'n', labels: {} });
    expect(validate(cr)).toBe(false);
  });
});

it('ignition-validate is the Debian 2.14 peer this suite was written for', () => {
  expect(execFileSync(requirePeer('ignition-validate', 'ignition'), ['--version'], { encoding: 'utf8' })).toMatch(/2\.\d+/);
});
