import { canonicalIp } from '../../../shared/csr/ip';
import type { RequestNames, SubjectAttribute } from '../../../shared/csr/subject';
import { children, decodeOid, DerError, expectTag, readOne, TAG, type Tlv } from './der';
import { decodeAttributeValue, ia5 } from './asn1-strings';

/**
 * Reads the parts of a PKCS#10 request an approver decides on (subject, requested extensions,
 * subject alternative names) from the DER itself, keeping everything Go's crypto/x509 would see
 * and marking what it could read differently (`ambiguities`). Throws DerError where Go's parser
 * fails too (the API server never stores such a request).
 */
export interface CsrStructure extends RequestNames {
  subject: SubjectAttribute[];
}

const OID_EXTENSION_REQUEST = '1.2.840.113549.1.9.14';
const OID_SAN = '2.5.29.17';

const NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.5': 'SERIALNUMBER',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.17': 'POSTALCODE',
};

export function readCsrStructure(der: Uint8Array): CsrStructure {
  const [info, ...signature] = children(readOne(der, TAG.sequence));
  if (!info || signature.length !== 2) throw new DerError('a CertificationRequest has exactly three parts');
  const [version, subject, , attributes, ...extra] = children(expectTag(info, TAG.sequence, 'CertificationRequestInfo'));
  expectTag(version ?? missing('version'), TAG.integer, 'version');
  if (extra.length) throw new DerError('unexpected fields after the attributes');
  const ambiguities: string[] = [];
  const out: CsrStructure = { subject: readName(subject ?? missing('subject'), ambiguities), dnsNames: [], ipAddresses: [], emails: [], uris: [], otherSans: [], ambiguities };
  const extensions = attributes ? readExtensionRequests(expectTag(attributes, 0xa0, 'attributes'), ambiguities) : [];
  const seen = new Map<string, number>();
  for (const e of extensions) seen.set(e.oid, (seen.get(e.oid) ?? 0) + 1);
  for (const [oid, count] of seen) if (count > 1) ambiguities.push(`extension ${oid} ×${count}`);
  // Several SAN extensions: Go 1.19+ refuses the request, older Go kept the last one. Read them all so
  // nothing is hidden from the technician; the ambiguity rejects the CSR anyway.
  for (const e of extensions.filter((x) => x.oid === OID_SAN)) readSans(e.value, out);
  return out;
}

function missing(what: string): never {
  throw new DerError(`missing ${what}`);
}

/** Name ::= SEQUENCE OF RelativeDistinguishedName (SET OF AttributeTypeAndValue) */
function readName(name: Tlv, ambiguities: string[]): SubjectAttribute[] {
  const attributes: SubjectAttribute[] = [];
  children(expectTag(name, TAG.sequence, 'subject')).forEach((rdn, index) => {
    const atvs = children(expectTag(rdn, TAG.set, 'RDN'));
    // Go skips an empty RDN (DER forbids one); other readers may not.
    if (atvs.length === 0) ambiguities.push('empty RDN in the subject');
    for (const atv of atvs) {
      const parts = children(expectTag(atv, TAG.sequence, 'AttributeTypeAndValue'));
      if (parts.length !== 2) throw new DerError('AttributeTypeAndValue needs exactly a type and a value');
      const oid = decodeOid(expectTag(parts[0]!, TAG.oid, 'attribute type').value);
      const decoded = decodeAttributeValue(parts[1]!);
      attributes.push({ type: NAMES[oid] ?? oid, oid, rdn: index, ...decoded });
    }
  });
  return attributes;
}

interface Extension {
  oid: string;
  value: Uint8Array;
}

/** attributes [0] IMPLICIT SET OF Attribute; Go merges every extensionRequest but reads only its first value. */
function readExtensionRequests(attributes: Tlv, ambiguities: string[]): Extension[] {
  const extensions: Extension[] = [];
  let requests = 0;
  for (const attribute of children(attributes)) {
    const [type, values, ...rest] = children(expectTag(attribute, TAG.sequence, 'attribute'));
    if (!type || !values || rest.length) throw new DerError('attribute needs exactly a type and a value set');
    if (decodeOid(expectTag(type, TAG.oid, 'attribute type').value) !== OID_EXTENSION_REQUEST) continue;
    requests++;
    const list = children(expectTag(values, TAG.set, 'attribute values'));
    if (list.length !== 1) ambiguities.push(`extensionRequest with ${list.length} values`);
    for (const value of list) {
      for (const ext of children(expectTag(value, TAG.sequence, 'Extensions'))) {
        const parts = children(expectTag(ext, TAG.sequence, 'Extension'));
        const critical = parts.length === 3 ? parts[1] : undefined;
        if ((parts.length !== 2 && parts.length !== 3) || (critical && critical.tag !== TAG.boolean)) throw new DerError('malformed Extension');
        extensions.push({ oid: decodeOid(expectTag(parts[0]!, TAG.oid, 'extension id').value), value: expectTag(parts[parts.length - 1]!, TAG.octetString, 'extension value').value });
      }
    }
  }
  if (requests > 1) ambiguities.push(`extensionRequest attribute ×${requests}`);
  return extensions;
}

/** GeneralNames, with Go's reading of each kind; entries Go would misread (no context tag) are refused. */
function readSans(extnValue: Uint8Array, out: CsrStructure): void {
  const names = children(readOne(extnValue, TAG.sequence));
  if (names.length === 0) out.ambiguities.push('empty subjectAltName');
  for (const name of names) {
    switch (name.tag) {
      case 0x81:
        out.emails.push(ia5(name.value, 'rfc822Name'));
        break;
      case 0x82:
        out.dnsNames.push(ia5(name.value, 'dNSName'));
        break;
      case 0x86:
        out.uris.push(ia5(name.value, 'URI'));
        break;
      case 0x87:
        out.ipAddresses.push(ipText(name.value));
        break;
      case 0xa0:
        out.otherSans.push(`otherName:${decodeOid(expectTag(children(name)[0] ?? missing('otherName type'), TAG.oid, 'otherName type').value)}`);
        break;
      case 0x88:
        out.otherSans.push(`registeredID:${decodeOid(name.value)}`);
        break;
      case 0xa3:
      case 0xa4:
      case 0xa5:
        out.otherSans.push(({ 0xa3: 'x400Address', 0xa4: 'directoryName', 0xa5: 'ediPartyName' } as Record<number, string>)[name.tag]!);
        break;
      default:
        // Go's x509 looks only at the tag number, so e.g. a universal 0x02 would pass as a DNS name there.
        out.ambiguities.push(`subjectAltName entry with tag 0x${name.tag.toString(16).padStart(2, '0')}`);
    }
  }
}

/** As Go prints net.IP: dotted quad for 4 bytes and for IPv4-mapped IPv6, else RFC 5952 text. */
function ipText(bytes: Uint8Array): string {
  if (bytes.length !== 4 && bytes.length !== 16) throw new DerError(`IP address SAN of length ${bytes.length}`);
  const text = bytes.length === 4 ? [...bytes].join('.') : Array.from({ length: 8 }, (_, i) => ((bytes[i * 2]! << 8) | bytes[i * 2 + 1]!).toString(16)).join(':');
  return canonicalIp(text)!;
}
