import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { fixturePath } from '../../support/fixtures';
import type { Exchange } from '../../../electron/services/simulators/assisted-day2';

/**
 * A small Swagger 2.0 → JSON Schema checker for the Assisted Installer spec (swagger.yaml in the
 * reference folder). Definitions are loaded as one schema; `x-nullable` becomes "or null"; every
 * object with declared properties is made closed (additionalProperties: false) so a misspelt field
 * (api_vip_dns_name vs api_vip_dnsname) fails instead of being ignored.
 */

type Json = Record<string, unknown>;
interface Operation {
  operationId: string;
  parameters?: { name: string; in: string; type?: string; required?: boolean; schema?: Json; enum?: unknown[]; items?: Json }[];
  responses: Record<string, { schema?: Json; headers?: Record<string, unknown> }>;
}

const swagger = parse(readFileSync(fixturePath('assisted-service', 'swagger.yaml'), 'utf8')) as {
  basePath: string;
  definitions: Record<string, Json>;
  paths: Record<string, Record<string, Operation | unknown[]>>;
};

function convert(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convert);
  if (!node || typeof node !== 'object') return node;
  const src = node as Json;
  const out: Json = {};
  for (const [k, v] of Object.entries(src)) {
    if (k.startsWith('x-') || k === 'discriminator' || k === 'example') continue;
    if (k === 'properties') {
      out[k] = Object.fromEntries(Object.entries(v as Json).map(([p, s]) => [p, convert(s)]));
      continue;
    }
    out[k] = convert(v);
  }
  if (src.type === 'file') delete out.type;
  if (src.properties && !src.allOf && out.additionalProperties === undefined) out.additionalProperties = false;
  if (src['x-nullable'] === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else if (out.$ref) return { anyOf: [{ $ref: out.$ref }, { type: 'null' }] };
  }
  return out;
}

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
(addFormatsModule as unknown as (a: Ajv) => void)(ajv);
for (const f of ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password', 'cidr', 'hostname-or-ip', 'mac', 'uuid4']) {
  if (!ajv.formats[f]) ajv.addFormat(f, true);
}
ajv.addSchema({ $id: 'swagger.json', definitions: convert(swagger.definitions) as Json });

const cache = new Map<string, ValidateFunction>();
function validatorFor(schema: Json): ValidateFunction {
  const converted = JSON.stringify(convert(schema)).replace(/"#\/definitions\//g, '"swagger.json#/definitions/');
  let v = cache.get(converted);
  if (!v) {
    v = ajv.compile(JSON.parse(converted) as Json);
    cache.set(converted, v);
  }
  return v;
}

/** Finds the operation for a concrete request path (templated segments match anything). */
export function findOperation(method: string, path: string): { template: string; op: Operation } | undefined {
  const rel = path.startsWith(swagger.basePath) ? path.slice(swagger.basePath.length) : path;
  for (const [template, ops] of Object.entries(swagger.paths)) {
    const re = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (!re.test(rel)) continue;
    const op = ops[method.toLowerCase()] as Operation | undefined;
    if (op) return { template, op };
  }
  return undefined;
}

export interface ContractProblem {
  exchange: string;
  problem: string;
}

/** Checks one recorded exchange: the request (query names/types, body schema) and the response (status declared, body schema). */
export function checkExchange(x: Exchange): ContractProblem[] {
  const label = `${x.method} ${x.path} -> ${x.status}`;
  const problems: ContractProblem[] = [];
  const found = findOperation(x.method, x.path);
  if (!found) return [{ exchange: label, problem: 'operation not in swagger.yaml' }];
  const params = found.op.parameters ?? [];
  for (const [name, value] of Object.entries(x.query)) {
    const p = params.find((q) => q.in === 'query' && q.name === name);
    if (!p) {
      problems.push({ exchange: label, problem: `query parameter ${name} is not declared` });
      continue;
    }
    if (p.type === 'integer' && !/^-?\d+$/.test(value)) problems.push({ exchange: label, problem: `query ${name}=${value} is not an integer` });
    if (p.type === 'boolean' && !/^(true|false)$/.test(value)) problems.push({ exchange: label, problem: `query ${name}=${value} is not a boolean` });
    if (p.enum && !p.enum.includes(value)) problems.push({ exchange: label, problem: `query ${name}=${value} not in ${p.enum.join(',')}` });
  }
  const bodyParam = params.find((q) => q.in === 'body');
  if (bodyParam?.schema) {
    if (x.requestBody === undefined) {
      if (bodyParam.required) problems.push({ exchange: label, problem: 'request body required but missing' });
    } else {
      const v = validatorFor(bodyParam.schema);
      if (!v(x.requestBody)) problems.push({ exchange: label, problem: `request body: ${ajv.errorsText(v.errors)}` });
    }
  } else if (x.requestBody !== undefined) {
    problems.push({ exchange: label, problem: 'request body sent to an operation that takes none' });
  }
  if (x.status === 0) return problems; // connection dropped on purpose: no response to check
  const response = found.op.responses[String(x.status)] ?? found.op.responses.default;
  if (!response) {
    problems.push({ exchange: label, problem: `status ${x.status} not declared for ${found.op.operationId}` });
    return problems;
  }
  if (response.schema) {
    const v = validatorFor(response.schema);
    if (!v(x.responseBody)) problems.push({ exchange: label, problem: `response body: ${ajv.errorsText(v.errors)}` });
  }
  for (const header of Object.keys(response.headers ?? {})) {
    if (!Object.keys(x.headers).some((h) => h.toLowerCase() === header.toLowerCase())) problems.push({ exchange: label, problem: `response header ${header} missing` });
  }
  return problems;
}

export function checkExchanges(list: readonly Exchange[]): ContractProblem[] {
  return list.flatMap(checkExchange);
}

/** Validates a value against a definition by name (for one-off checks like component-versions). */
export function checkDefinition(name: string, value: unknown): string | undefined {
  const v = validatorFor({ $ref: `#/definitions/${name}` });
  return v(value) ? undefined : ajv.errorsText(v.errors);
}
