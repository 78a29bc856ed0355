import { DerError, TAG, type Tlv } from './der';

/**
 * Decodes an attribute value the way Go's encoding/asn1 does when it unmarshals into an interface
 * (what crypto/x509 does for every subject attribute): the string types Go knows become text and
 * invalid content fails the whole request, as it does in Go; any other type yields no text, and Go
 * ignores such a value. Which types a node CSR may use is decided by the verdict, not here.
 */
export interface DecodedValue {
  stringType: string;
  /** Absent when Go would not see a string here */
  value?: string;
}

const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?*&]*$/; // Go also tolerates '*' and '&'
// ignoreBOM: Go keeps a leading U+FEFF as part of the text; a decoder that strips it would read
// "\uFEFFsystem:node:x" as the node name that Go (and so the signer) does not see.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf16be = new TextDecoder('utf-16be', { ignoreBOM: true });
const latin1 = new TextDecoder('latin1');

function ascii(bytes: Uint8Array, what: string): string {
  if (bytes.some((b) => b >= 0x80)) throw new DerError(`${what} contains a non-ASCII byte`);
  return String.fromCharCode(...bytes);
}

export function decodeAttributeValue(tlv: Tlv): DecodedValue {
  const b = tlv.value;
  switch (tlv.tag) {
    case TAG.printableString: {
      const text = ascii(b, 'PrintableString');
      if (!PRINTABLE.test(text)) throw new DerError('PrintableString contains an invalid character');
      return { stringType: 'PrintableString', value: text };
    }
    case TAG.utf8String:
      try {
        return { stringType: 'UTF8String', value: utf8.decode(b) };
      } catch {
        throw new DerError('UTF8String is not valid UTF-8');
      }
    case TAG.ia5String:
      return { stringType: 'IA5String', value: ascii(b, 'IA5String') };
    case TAG.numericString: {
      const text = ascii(b, 'NumericString');
      if (!/^[0-9 ]*$/.test(text)) throw new DerError('NumericString contains an invalid character');
      return { stringType: 'NumericString', value: text };
    }
    case TAG.bmpString: {
      if (b.length % 2) throw new DerError('BMPString has an odd length');
      const trimmed = b.length >= 2 && b[b.length - 1] === 0 && b[b.length - 2] === 0 ? b.subarray(0, -2) : b;
      return { stringType: 'BMPString', value: utf16be.decode(trimmed) };
    }
    case TAG.t61String:
      // Go versions differ on T61 (raw bytes vs Latin-1); node CSRs may not use it at all.
      return { stringType: 'T61String', value: latin1.decode(b) };
    case TAG.universalString:
      return { stringType: 'UniversalString' };
    default:
      return { stringType: `tag 0x${tlv.tag.toString(16).padStart(2, '0')}` };
  }
}

/** IA5 text of a SAN entry (dNSName, rfc822Name, URI): Go refuses non-ASCII there. */
export function ia5(bytes: Uint8Array, what: string): string {
  return ascii(bytes, what);
}
