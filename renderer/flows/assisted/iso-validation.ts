import { parseDocument } from 'yaml';
import { parseIpv4, parseIp } from '../../../shared/network/ip';
import { validateDomainName } from '../../../shared/hostname';
import type { FieldMessage } from '../../components/wizard/field-errors';

/**
 * The discovery ISO's optional fields, checked as the manual flow checks its own: each NTP source
 * is an IP address or a DNS name (10.0.0.300 is neither), and static network YAML must parse.
 */
export function ntpMessages(text: string): FieldMessage[] {
  const out: FieldMessage[] = [];
  for (const entry of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const looksNumeric = /^[\d.]+$/.test(entry);
    if (looksNumeric ? parseIpv4(entry) === undefined : !parseIp(entry) && validateDomainName(entry).length > 0) {
      out.push({ key: 'app.fieldErrors.ntpSource', params: { value: entry } });
    }
  }
  return out;
}

export function nmstateMessages(text: string): FieldMessage[] {
  if (!text.trim()) return [];
  const doc = parseDocument(text, { prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0];
    return [{ key: 'app.fieldErrors.yaml', params: { line: line?.line ?? 1, column: line?.col ?? 1 } }];
  }
  const value: unknown = doc.toJS();
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [{ key: 'app.fieldErrors.yamlNotMapping' }];
  return [];
}
