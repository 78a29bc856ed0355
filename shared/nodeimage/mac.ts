/**
 * MAC addresses as the installer reads them (`validate.MAC` on Go's `net.ParseMAC`): six octets
 * written as xx:xx:xx:xx:xx:xx, xx-xx-xx-xx-xx-xx or xxxx.xxxx.xxxx, any case. Longer EUI-64 and
 * InfiniBand addresses parse in Go but are refused by the installer, so they are refused here.
 */
const COLON = /^([0-9a-f]{2}):([0-9a-f]{2}):([0-9a-f]{2}):([0-9a-f]{2}):([0-9a-f]{2}):([0-9a-f]{2})$/i;
const DASH = /^([0-9a-f]{2})-([0-9a-f]{2})-([0-9a-f]{2})-([0-9a-f]{2})-([0-9a-f]{2})-([0-9a-f]{2})$/i;
const DOT = /^([0-9a-f]{4})\.([0-9a-f]{4})\.([0-9a-f]{4})$/i;

/** The six octets in lower-case colon form, or undefined when it is not an EUI-48 address. */
export function parseMac(text: string): string | undefined {
  const m = COLON.exec(text) ?? DASH.exec(text);
  if (m) return m.slice(1).join(':').toLowerCase();
  const d = DOT.exec(text);
  if (!d) return undefined;
  return d.slice(1).join('').match(/../g)!.join(':').toLowerCase();
}

/** A multicast address (least significant bit of the first octet set) is no network card's own. */
export const isMulticastMac = (normalized: string): boolean => (parseInt(normalized.slice(0, 2), 16) & 1) === 1;

/** All zeros: valid for the installer, but only ever a documentation placeholder. */
export const isZeroMac = (normalized: string): boolean => normalized === '00:00:00:00:00:00';
