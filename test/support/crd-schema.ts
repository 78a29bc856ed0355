import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import Ajv2019, { type ValidateFunction } from 'ajv/dist/2019';
import { fixturePath } from './fixtures';

type Schema = Record<string, unknown>;

/**
 * A CRD's openAPIV3Schema as an ajv validator that behaves like the API server on create, with the
 * structural-schema rules applied: `x-kubernetes-preserve-unknown-fields` keeps unknown fields, any
 * other object with declared properties refuses unknown ones (the server would silently prune them,
 * which for us is a bug), `nullable` admits null, `x-kubernetes-int-or-string` admits both, and
 * ObjectMeta (left open by every CRD) is checked for name, namespace, labels and annotations.
 */
export function structural(node: unknown, atRoot = true): unknown {
  if (Array.isArray(node)) return node.map((n) => structural(n, false));
  if (!node || typeof node !== 'object') return node;
  const src = node as Schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(src)) {
    if (key.startsWith('x-kubernetes') || key === 'nullable' || key === 'default') continue;
    if (key === 'properties') out.properties = Object.fromEntries(Object.entries(value as Schema).map(([k, v]) => [k, structural(v, false)]));
    else out[key] = structural(value, false);
  }
  if (src['x-kubernetes-int-or-string']) return { anyOf: [{ type: 'integer' }, { type: 'string' }] };
  if (src.nullable && typeof out.type === 'string') out.type = [out.type, 'null'];
  if (out.properties && !src['x-kubernetes-preserve-unknown-fields'] && out.additionalProperties === undefined) out.additionalProperties = false;
  if (atRoot && out.properties) (out.properties as Schema).metadata = objectMeta;
  return out;
}

const DNS_SUBDOMAIN = '^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
const LABEL_KEY = '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$';
const objectMeta = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', pattern: DNS_SUBDOMAIN },
    namespace: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$' },
    labels: { type: 'object', propertyNames: { pattern: LABEL_KEY }, additionalProperties: { type: 'string', maxLength: 63, pattern: '^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$' } },
    annotations: { type: 'object', propertyNames: { pattern: LABEL_KEY }, additionalProperties: { type: 'string' } },
  },
};

export interface CrdValidator {
  group: string;
  kind: string;
  version: string;
  /** Validates a whole object, including apiVersion and kind */
  validate(doc: unknown): { ok: boolean; errors: string };
  /** Validates a value against the schema at a dotted path, e.g. spec.nodes.items */
  validateAt(path: string, value: unknown): { ok: boolean; errors: string };
}

export function loadCrd(fixture: [string, string], version: string): CrdValidator {
  const crd = parseYaml(readFileSync(fixturePath(...fixture), 'utf8')) as { spec: { group: string; names: { kind: string }; versions: { name: string; schema: { openAPIV3Schema: Schema } }[] } };
  const v = crd.spec.versions.find((x) => x.name === version);
  if (!v) throw new Error(`${fixture.join('/')} has no version ${version}`);
  const root = v.schema.openAPIV3Schema;
  const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
  const run = (fn: ValidateFunction, value: unknown) => ({ ok: fn(value) as boolean, errors: JSON.stringify(fn.errors ?? []) });
  const whole = ajv.compile(structural(root) as Schema);
  const apiVersion = `${crd.spec.group}/${version}`;
  return {
    group: crd.spec.group,
    kind: crd.spec.names.kind,
    version,
    validate(doc) {
      const d = doc as { apiVersion?: string; kind?: string };
      if (d.apiVersion !== apiVersion || d.kind !== crd.spec.names.kind) return { ok: false, errors: `expected ${apiVersion} ${crd.spec.names.kind}, got ${d.apiVersion} ${d.kind}` };
      return run(whole, doc);
    },
    validateAt(path, value) {
      let node: unknown = root;
      for (const part of path.split('.')) node = part === 'items' ? (node as Schema).items : ((node as Schema).properties as Schema)[part];
      return run(ajv.compile(structural(node, false) as Schema), value);
    },
  };
}
