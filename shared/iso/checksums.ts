/** CRC32 (IEEE, as gzip/xz use) and CRC64 (ECMA-182, xz's default check), table-driven. */
const CRC32_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC32_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// CRC64 as two 32-bit halves: BigInt per byte would be far slower.
const CRC64_POLY_HI = 0xc96c5795;
const CRC64_POLY_LO = 0xd7870f42;
const CRC64_TABLE_HI = new Uint32Array(256);
const CRC64_TABLE_LO = new Uint32Array(256);
for (let n = 0; n < 256; n++) {
  let hi = 0;
  let lo = n;
  for (let k = 0; k < 8; k++) {
    const carry = lo & 1;
    lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
    hi = hi >>> 1;
    if (carry) {
      hi = (hi ^ CRC64_POLY_HI) >>> 0;
      lo = (lo ^ CRC64_POLY_LO) >>> 0;
    }
  }
  CRC64_TABLE_HI[n] = hi;
  CRC64_TABLE_LO[n] = lo;
}

/** CRC64 as 8 little-endian bytes, the way xz stores it. */
export function crc64(bytes: Uint8Array): Uint8Array {
  let hi = 0xffffffff;
  let lo = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) {
    const idx = (lo ^ bytes[i]!) & 0xff;
    const nlo = ((lo >>> 8) | ((hi & 0xff) << 24)) >>> 0;
    const nhi = hi >>> 8;
    lo = (nlo ^ CRC64_TABLE_LO[idx]!) >>> 0;
    hi = (nhi ^ CRC64_TABLE_HI[idx]!) >>> 0;
  }
  lo = (lo ^ 0xffffffff) >>> 0;
  hi = (hi ^ 0xffffffff) >>> 0;
  const out = new Uint8Array(8);
  for (let i = 0; i < 4; i++) {
    out[i] = (lo >>> (8 * i)) & 0xff;
    out[4 + i] = (hi >>> (8 * i)) & 0xff;
  }
  return out;
}
