import { canonicalIp } from '../../shared/csr/ip';
import type { GoNameView } from '../../shared/csr/subject';

/**
 * What two independent tools print for a certificate signing request, read back into data:
 * `kubectl describe csr` (Go's crypto/x509, as the signer reads it) and `openssl req -subject -text`
 * (every attribute in order, with its string type). The differential tests compare our parser with both.
 */

export interface KubectlCsrView extends GoNameView {
  name: string;
  dnsNames: string[];
  emails: string[];
  uris: string[];
  ipAddresses: string[];
}

const KUBECTL_FIELDS: Record<string, keyof KubectlCsrView> = {
  'Common Name': 'commonName',
  'Serial Number': 'serialNumber',
  Organization: 'organization',
  'Organizational Unit': 'organizationalUnit',
  Country: 'country',
  Locality: 'locality',
  Province: 'province',
  StreetAddress: 'streetAddress',
  PostalCode: 'postalCode',
  'DNS Names': 'dnsNames',
  'Email Addresses': 'emails',
  URIs: 'uris',
  'IP Addresses': 'ipAddresses',
};
const KEY = new RegExp(
  `^\\s*(${[...Object.keys(KUBECTL_FIELDS), 'Name', 'Labels', 'Annotations', 'CreationTimestamp', 'Requesting User', 'Signer', 'Status', 'Subject', 'Subject Alternative Names', 'Events'].join('|')}):(?:\\s+(.*?))?\\s*$`,
);

/** Splits the output of `kubectl describe csr A B …` into one view per CSR. */
export function parseKubectlDescribe(out: string): KubectlCsrView[] {
  const views: KubectlCsrView[] = [];
  let view: KubectlCsrView | undefined;
  let field: keyof KubectlCsrView | undefined;
  for (const line of out.split('\n')) {
    const m = KEY.exec(line);
    if (m) {
      field = KUBECTL_FIELDS[m[1]!];
      if (m[1] === 'Name') {
        view = {
          name: m[2] ?? '',
          commonName: '',
          serialNumber: '',
          organization: [],
          organizationalUnit: [],
          country: [],
          locality: [],
          province: [],
          streetAddress: [],
          postalCode: [],
          dnsNames: [],
          emails: [],
          uris: [],
          ipAddresses: [],
        };
        views.push(view);
      } else if (view && field) {
        const target = view[field];
        if (Array.isArray(target)) target.push(m[2] ?? '');
        else (view[field] as string) = m[2] ?? '';
      }
    } else if (view && field && /^\s+\S/.test(line)) {
      // tabwriter continuation line of a list field
      const target = view[field];
      if (Array.isArray(target)) target.push(line.trim());
    }
  }
  return views;
}

export interface OpensslAttribute {
  type: string;
  stringType: string;
  value: string;
}

export interface OpensslCsrView {
  /** RDNs in order, each with its attributes as openssl lists them */
  rdns: OpensslAttribute[][];
  /** One list per Subject Alternative Name extension, in order */
  sanExtensions: { kind: string; value: string }[][];
}

/** Output of `openssl req -noout -subject -text -nameopt sep_multiline,sname,utf8,show_type,space_eq`. */
export function parseOpensslText(out: string): OpensslCsrView {
  const lines = out.split('\n');
  const rdns: OpensslAttribute[][] = [];
  let i = lines.findIndex((l) => l.startsWith('subject='));
  for (i++; i < lines.length && /^ {4}\S/.test(lines[i]!); i++) {
    rdns.push(
      lines[i]!.trim()
        .split(' + ')
        .map((part) => {
          const m = /^(\S+) = ([A-Z0-9]+):(.*)$/.exec(part);
          if (!m) throw new Error(`unexpected openssl subject part: ${part}`);
          return { type: m[1]!, stringType: m[2]!, value: m[3]! };
        }),
    );
  }
  const sanExtensions: OpensslCsrView['sanExtensions'] = [];
  lines.forEach((line, n) => {
    if (!/X509v3 Subject Alternative Name:/.test(line)) return;
    sanExtensions.push(
      lines[n + 1]!.trim()
        .split(', ')
        .map((entry) => {
          const m = /^(DNS|IP Address|URI|email|othername|Registered ID|DirName):\s?(.*)$/.exec(entry);
          if (!m) throw new Error(`unexpected openssl SAN entry: ${entry}`);
          return { kind: m[1]!, value: m[1] === 'IP Address' ? (canonicalIp(m[2]!) ?? m[2]!) : m[2]! };
        }),
    );
  });
  return { rdns, sanExtensions };
}

/** Our attribute names and string types as openssl spells them. */
export const OPENSSL_TYPE: Record<string, string> = { CN: 'CN', O: 'O', OU: 'OU', C: 'C', L: 'L', ST: 'ST', SERIALNUMBER: 'serialNumber' };
export const OPENSSL_STRING: Record<string, string> = { PrintableString: 'PRINTABLESTRING', UTF8String: 'UTF8STRING', BMPString: 'BMPSTRING', IA5String: 'IA5STRING', T61String: 'T61STRING' };
