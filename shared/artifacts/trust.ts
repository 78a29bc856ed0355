/**
 * When a cached file may be used without asking. A file is *unverified* when neither its checksum
 * was checked against a published one nor its size against one the server announced: a download
 * without Content-Length that was cut short looks exactly like a complete one. Unverified files are
 * marked in the cache list, never picked as a boot image by themselves, and written to a USB stick
 * only after an explicit confirmation (enforced by the USB service too).
 */
export interface TrustFacts {
  checkedAgainstPublished: boolean;
  sizeChecked: boolean;
}

export function isUnverified(a: TrustFacts): boolean {
  return !a.checkedAgainstPublished && !a.sizeChecked;
}
