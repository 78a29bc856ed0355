/**
 * The subject of a PKCS#10 request, attribute by attribute, and the two ways we look at it:
 * what Go's crypto/x509 makes of it (the API server's signer and kubectl are Go, so that is what a
 * certificate would be issued for) and the policy a node CSR's subject must meet.
 */
export interface SubjectAttribute {
  /** CN, O, OU, C, L, ST, STREET, POSTALCODE, SERIALNUMBER, or the dotted OID for anything else */
  type: string;
  oid: string;
  /** ASN.1 string type: PrintableString, UTF8String, BMPString, … (or `tag 0xNN` for a non-string) */
  stringType: string;
  /** The text as Go reads it; absent where Go sees no string and ignores the attribute */
  value?: string;
  /** Index of the RDN (SET) holding it: two attributes with one index form a multi-valued RDN */
  rdn: number;
}

/** What a request asks for besides its subject, and what in its encoding readers could disagree on. */
export interface RequestNames {
  dnsNames: string[];
  ipAddresses: string[];
  emails: string[];
  uris: string[];
  /** SAN kinds Go's x509 skips: otherName, x400Address, directoryName, ediPartyName, registeredID */
  otherSans: string[];
  /** Encodings Go-based tools (signer, kubectl) could read differently from our parser (no approval then) */
  ambiguities: string[];
}

export interface GoNameView {
  commonName: string;
  serialNumber: string;
  organization: string[];
  organizationalUnit: string[];
  country: string[];
  locality: string[];
  province: string[];
  streetAddress: string[];
  postalCode: string[];
}

const LISTS: Record<string, keyof Omit<GoNameView, 'commonName' | 'serialNumber'>> = {
  O: 'organization',
  OU: 'organizationalUnit',
  C: 'country',
  L: 'locality',
  ST: 'province',
  STREET: 'streetAddress',
  POSTALCODE: 'postalCode',
};

/**
 * pkix.Name.FillFromRDNSequence: every string attribute in order, multi-valued RDNs included; for
 * CommonName and SerialNumber the LAST value wins, the others accumulate. This is the name the
 * Kubernetes signer checks and copies into the certificate, and what `kubectl describe csr` prints.
 */
export function goNameView(attributes: readonly SubjectAttribute[]): GoNameView {
  const view: GoNameView = { commonName: '', serialNumber: '', organization: [], organizationalUnit: [], country: [], locality: [], province: [], streetAddress: [], postalCode: [] };
  for (const a of attributes) {
    if (a.value === undefined) continue;
    if (a.type === 'CN') view.commonName = a.value;
    else if (a.type === 'SERIALNUMBER') view.serialNumber = a.value;
    else if (LISTS[a.type]) view[LISTS[a.type]!].push(a.value);
  }
  return view;
}

const PLAIN = new Set(['PrintableString', 'UTF8String']);

/** RDNs joined by ", ", a multi-valued RDN's parts by " + "; string types other than the plain two are named. */
export function subjectText(attributes: readonly SubjectAttribute[]): string {
  const rdns = new Map<number, string[]>();
  for (const a of attributes) {
    const text = `${a.type}=${a.value ?? '?'}${PLAIN.has(a.stringType) ? '' : ` (${a.stringType})`}`;
    rdns.set(a.rdn, [...(rdns.get(a.rdn) ?? []), text]);
  }
  return [...rdns.values()].map((parts) => parts.join(' + ')).join(', ');
}

/**
 * The subject policy for node CSRs (client and serving): exactly one O and exactly one CN, each in
 * its own RDN, each a PrintableString or UTF8String, and nothing else. A kubelet sends exactly
 * that (crypto/x509 with Organization [system:nodes] and CommonName system:node:<name>), never OU,
 * serialNumber, C or the like. Anything more is refused rather than interpreted: with two CNs Go
 * keeps the last one, other readers the first; extra attributes and other string types are where
 * readers differ too. Returns what is wrong, empty when the subject passes.
 */
export function nodeSubjectProblems(attributes: readonly SubjectAttribute[]): string[] {
  const problems: string[] = [];
  const count = (type: string) => attributes.filter((a) => a.type === type).length;
  for (const type of ['CN', 'O']) if (count(type) !== 1) problems.push(`${count(type)} ${type}`);
  const others = [...new Set(attributes.filter((a) => a.type !== 'CN' && a.type !== 'O').map((a) => a.type))];
  if (others.length) problems.push(`other attributes: ${others.join(', ')}`);
  if (new Set(attributes.map((a) => a.rdn)).size !== attributes.length) problems.push('multi-valued RDN');
  const odd = attributes.filter((a) => !PLAIN.has(a.stringType));
  if (odd.length) problems.push(`string types: ${odd.map((a) => `${a.type} ${a.stringType}`).join(', ')}`);
  return problems;
}
