import { parseAllDocuments } from 'yaml';
import { parseNetworkYaml, type ParsedNetwork } from './nmstate-parse';
import { yamlProblem } from '../parse/parse-problem';

/** A problem at one field of the pasted YAML; `path` is where it is (e.g. spec.nodes[0].nodeNetwork.interfaces[1].macAddress). */
export interface ImportError {
  path: string;
  /** i18n key under handoff.import */
  key: string;
  params?: Record<string, string | number>;
}

export interface NetworkImport {
  /** Every node network found (a SiteConfig or ClusterInstance may hold several): the technician picks one */
  candidates: ParsedNetwork[];
  errors: ImportError[];
}

const MAC = /^([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}$/;

/**
 * Reads pasted nmstate / NMStateConfig / SiteConfig / ClusterInstance YAML (or a `nodes:` entry)
 * into network candidates, and says precisely which field is wrong when it cannot: the same rules
 * the CRDs enforce (nodeNetwork.interfaces[].name and macAddress, config an object).
 */
export function importNetworkYaml(text: string): NetworkImport {
  if (!text.trim()) return { candidates: [], errors: [{ path: '', key: 'empty' }] };
  const docs = parseAllDocuments(text);
  const errors: ImportError[] = [];
  for (const d of docs) {
    const e = d.errors[0];
    if (e) {
      // Where and what kind of problem, never the parser's message (it quotes the pasted text).
      const problem = yamlProblem(e, 'YAML') ?? { kind: 'syntax', line: 1, column: 1 };
      return { candidates: [], errors: [{ path: '', key: 'yaml', params: { line: problem.line, col: problem.column, column: problem.column, kind: problem.kind } }] };
    }
  }
  docs.forEach((d, i) => errors.push(...structural(d.toJS(), docs.length > 1 ? `[${i}]` : '')));
  if (errors.length > 0) return { candidates: [], errors };
  const candidates = parseNetworkYaml(text);
  return { candidates, errors: candidates.length === 0 ? [{ path: '', key: 'noNetwork' }] : [] };
}

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : undefined);
const join = (base: string, key: string) => (base ? `${base}.${key}` : key);

function structural(doc: unknown, prefix: string): ImportError[] {
  if (Array.isArray(doc)) return doc.flatMap((item, i) => (rec(item)?.nodeNetwork !== undefined ? nodeNetwork(rec(item)!.nodeNetwork, `${prefix}[${i}].nodeNetwork`) : []));
  const d = rec(doc);
  if (!d) return [];
  if (d.kind === 'NMStateConfig') return nodeNetwork(d.spec, join(prefix, 'spec'));
  if (d.kind === 'ClusterInstance') return nodes(rec(d.spec)?.nodes, join(prefix, 'spec.nodes'));
  if (d.kind === 'SiteConfig') {
    const clusters = rec(d.spec)?.clusters;
    if (!Array.isArray(clusters)) return [{ path: join(prefix, 'spec.clusters'), key: 'notList' }];
    return clusters.flatMap((c, i) => nodes(rec(c)?.nodes, join(prefix, `spec.clusters[${i}].nodes`)));
  }
  if (d.nodeNetwork !== undefined) return nodeNetwork(d.nodeNetwork, join(prefix, 'nodeNetwork'));
  if ('interfaces' in d) return nmstateInterfaces(d.interfaces, join(prefix, 'interfaces'));
  return [];
}

function nodes(list: unknown, path: string): ImportError[] {
  if (!Array.isArray(list)) return [{ path, key: 'notList' }];
  return list.flatMap((n, i) => (rec(n)?.nodeNetwork === undefined ? [] : nodeNetwork(rec(n)!.nodeNetwork, `${path}[${i}].nodeNetwork`)));
}

/** The {config, interfaces} pair of NMStateConfig.spec and of a ZTP node's nodeNetwork. */
function nodeNetwork(value: unknown, path: string): ImportError[] {
  const nn = rec(value);
  if (!nn) return [{ path, key: 'notMapping' }];
  const errors: ImportError[] = [];
  const config = rec(nn.config);
  if (nn.config === undefined) errors.push({ path: `${path}.config`, key: 'missing' });
  else if (!config) errors.push({ path: `${path}.config`, key: 'notMapping' });
  else errors.push(...nmstateInterfaces(config.interfaces, `${path}.config.interfaces`));
  if (nn.interfaces !== undefined) {
    if (!Array.isArray(nn.interfaces)) errors.push({ path: `${path}.interfaces`, key: 'notList' });
    else
      nn.interfaces.forEach((raw, i) => {
        const m = rec(raw);
        const at = `${path}.interfaces[${i}]`;
        if (!m) return errors.push({ path: at, key: 'notMapping' });
        if (typeof m.name !== 'string' || !m.name) errors.push({ path: `${at}.name`, key: 'missing' });
        if (typeof m.macAddress !== 'string') errors.push({ path: `${at}.macAddress`, key: 'missing' });
        else if (!MAC.test(m.macAddress)) errors.push({ path: `${at}.macAddress`, key: 'badMac', params: { value: m.macAddress } });
      });
  }
  return errors;
}

function nmstateInterfaces(list: unknown, path: string): ImportError[] {
  if (list === undefined) return [{ path, key: 'missing' }];
  if (!Array.isArray(list)) return [{ path, key: 'notList' }];
  return list.flatMap((raw, i) => {
    const iface = rec(raw);
    if (!iface) return [{ path: `${path}[${i}]`, key: 'notMapping' }];
    const errors: ImportError[] = [];
    if (typeof iface.name !== 'string' || !iface.name) errors.push({ path: `${path}[${i}].name`, key: 'missing' });
    const mac = iface['mac-address'];
    if (mac !== undefined && (typeof mac !== 'string' || !MAC.test(mac))) errors.push({ path: `${path}[${i}].mac-address`, key: 'badMac', params: { value: String(mac) } });
    return errors;
  });
}
