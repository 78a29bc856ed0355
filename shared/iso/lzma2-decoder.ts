import { AppError } from '../api/errors';

/**
 * LZMA2 decoder (the only filter coreos-installer and the kernel use in the initrd area), so an
 * ISO customised by the real coreos-installer (xz preset 9) can be shown and edited here too.
 * Written from the .xz / LZMA format descriptions; output is bounded to refuse decompression bombs.
 */
const PROB_INIT = 1024;
const STATES = 12;
const POS_STATES_MAX = 16;
const DIST_STATES = 4;
const DIST_MODEL_START = 4;
const DIST_MODEL_END = 14;
const FULL_DISTANCES = 128;
const ALIGN_BITS = 4;
const MATCH_LEN_MIN = 2;

function bad(reason: string): AppError {
  return new AppError('iso.badCompression', { reason });
}

class RangeDecoder {
  range = 0xffffffff;
  code = 0;
  pos: number;
  constructor(
    private readonly buf: Uint8Array,
    start: number,
    private readonly end: number,
  ) {
    if (end - start < 5 || buf[start] !== 0) throw bad('invalid LZMA range coder start');
    this.code = ((buf[start + 1]! << 24) | (buf[start + 2]! << 16) | (buf[start + 3]! << 8) | buf[start + 4]!) >>> 0;
    this.pos = start + 5;
  }
  #normalize(): void {
    if (this.range < 0x1000000) {
      if (this.pos >= this.end) throw bad('LZMA chunk ended early');
      this.range = (this.range * 256) >>> 0;
      this.code = ((this.code * 256) + this.buf[this.pos++]!) >>> 0;
    }
  }
  bit(probs: Uint16Array, i: number): number {
    this.#normalize();
    const p = probs[i]!;
    const bound = (this.range >>> 11) * p;
    if (this.code < bound) {
      this.range = bound;
      probs[i] = p + ((2048 - p) >>> 5);
      return 0;
    }
    this.range = (this.range - bound) >>> 0;
    this.code = (this.code - bound) >>> 0;
    probs[i] = p - (p >>> 5);
    return 1;
  }
  tree(probs: Uint16Array, base: number, bits: number): number {
    let m = 1;
    for (let i = 0; i < bits; i++) m = (m << 1) | this.bit(probs, base + m);
    return m - (1 << bits);
  }
  reverseTree(probs: Uint16Array, base: number, bits: number): number {
    let m = 1;
    let sym = 0;
    for (let i = 0; i < bits; i++) {
      const b = this.bit(probs, base + m);
      m = (m << 1) | b;
      sym |= b << i;
    }
    return sym;
  }
  direct(bits: number): number {
    let result = 0;
    for (let i = 0; i < bits; i++) {
      this.#normalize();
      this.range = this.range >>> 1;
      let b = 0;
      if (this.code >= this.range) {
        this.code = (this.code - this.range) >>> 0;
        b = 1;
      }
      result = ((result << 1) | b) >>> 0;
    }
    return result;
  }
}

class LengthDecoder {
  choice = new Uint16Array(2);
  low = new Uint16Array(POS_STATES_MAX * 8);
  mid = new Uint16Array(POS_STATES_MAX * 8);
  high = new Uint16Array(256);
  reset(): void {
    for (const a of [this.choice, this.low, this.mid, this.high]) a.fill(PROB_INIT);
  }
  /** 0-based length (add MATCH_LEN_MIN for the real length) */
  decode(rc: RangeDecoder, posState: number): number {
    if (rc.bit(this.choice, 0) === 0) return rc.tree(this.low, posState * 8, 3);
    if (rc.bit(this.choice, 1) === 0) return 8 + rc.tree(this.mid, posState * 8, 3);
    return 16 + rc.tree(this.high, 0, 8);
  }
}

export class Lzma2Decoder {
  #out: Uint8Array;
  #outPos = 0;
  #dictStart = 0;
  #lc = 0;
  #lp = 0;
  #pb = 0;
  #propsSet = false;
  #needDictReset = true;
  #state = 0;
  #reps = [0, 0, 0, 0];
  #isMatch = new Uint16Array(STATES * POS_STATES_MAX);
  #isRep = new Uint16Array(STATES);
  #isRepG0 = new Uint16Array(STATES);
  #isRepG1 = new Uint16Array(STATES);
  #isRepG2 = new Uint16Array(STATES);
  #isRep0Long = new Uint16Array(STATES * POS_STATES_MAX);
  #posSlot = new Uint16Array(DIST_STATES * 64);
  #specPos = new Uint16Array(FULL_DISTANCES - DIST_MODEL_END);
  #align = new Uint16Array(1 << ALIGN_BITS);
  #len = new LengthDecoder();
  #repLen = new LengthDecoder();
  #literal = new Uint16Array(0x300 << 4);

  constructor(private readonly maxOutput: number) {
    this.#out = new Uint8Array(Math.min(maxOutput, 1 << 16));
  }

  /** Decodes one LZMA2 stream starting at `start`; returns the output and where the stream ended. */
  static decode(buf: Uint8Array, start: number, end: number, maxOutput: number): { data: Uint8Array; end: number } {
    const d = new Lzma2Decoder(maxOutput);
    const stop = d.#run(buf, start, end);
    return { data: d.#out.slice(0, d.#outPos), end: stop };
  }

  #ensure(extra: number): void {
    const need = this.#outPos + extra;
    if (need > this.maxOutput) throw new AppError('iso.payloadTooLarge', { size: need, capacity: this.maxOutput });
    if (need <= this.#out.length) return;
    const next = new Uint8Array(Math.min(this.maxOutput, Math.max(need, this.#out.length * 2)));
    next.set(this.#out.subarray(0, this.#outPos));
    this.#out = next;
  }

  #run(buf: Uint8Array, start: number, end: number): number {
    let at = start;
    for (;;) {
      if (at >= end) throw bad('LZMA2 data ended without an end marker');
      const control = buf[at++]!;
      if (control === 0) return at;
      if (control === 1 || control === 2) {
        if (control === 1) this.#dictReset();
        else if (this.#needDictReset) throw bad('LZMA2 stream does not start with a dictionary reset');
        if (at + 2 > end) throw bad('truncated LZMA2 chunk header');
        const size = ((buf[at]! << 8) | buf[at + 1]!) + 1;
        at += 2;
        if (at + size > end) throw bad('truncated uncompressed LZMA2 chunk');
        this.#ensure(size);
        this.#out.set(buf.subarray(at, at + size), this.#outPos);
        this.#outPos += size;
        at += size;
        continue;
      }
      if (control < 0x80) throw bad(`invalid LZMA2 control byte 0x${control.toString(16)}`);
      if (at + 4 > end) throw bad('truncated LZMA2 chunk header');
      const unpacked = ((control & 0x1f) << 16) + (buf[at]! << 8) + buf[at + 1]! + 1;
      const packed = (buf[at + 2]! << 8) + buf[at + 3]! + 1;
      at += 4;
      const reset = (control >>> 5) & 3;
      if (reset === 3) this.#dictReset();
      else if (this.#needDictReset) throw bad('LZMA2 stream does not start with a dictionary reset');
      if (reset >= 2) {
        if (at >= end) throw bad('truncated LZMA2 properties');
        this.#setProps(buf[at++]!);
      } else if (!this.#propsSet) throw bad('LZMA2 chunk without properties');
      if (reset >= 1) this.#resetState();
      if (at + packed > end) throw bad('truncated LZMA2 chunk');
      this.#ensure(unpacked);
      this.#decodeChunk(new RangeDecoder(buf, at, at + packed), this.#outPos + unpacked);
      at += packed;
    }
  }

  #dictReset(): void {
    this.#dictStart = this.#outPos;
    this.#needDictReset = false;
  }

  #setProps(props: number): void {
    if (props > 224) throw bad('invalid LZMA properties');
    this.#lc = props % 9;
    const rest = Math.floor(props / 9);
    this.#lp = rest % 5;
    this.#pb = Math.floor(rest / 5);
    if (this.#lc + this.#lp > 4) throw bad('invalid LZMA2 lc+lp');
    this.#literal = new Uint16Array(0x300 << (this.#lc + this.#lp));
    this.#propsSet = true;
  }

  #resetState(): void {
    this.#state = 0;
    this.#reps = [0, 0, 0, 0];
    for (const a of [this.#isMatch, this.#isRep, this.#isRepG0, this.#isRepG1, this.#isRepG2, this.#isRep0Long, this.#posSlot, this.#specPos, this.#align, this.#literal]) a.fill(PROB_INIT);
    this.#len.reset();
    this.#repLen.reset();
  }

  #byteAt(distance: number): number {
    const from = this.#outPos - distance - 1;
    if (from < this.#dictStart) throw bad('LZMA match distance points before the data');
    return this.#out[from]!;
  }

  #decodeChunk(rc: RangeDecoder, limit: number): void {
    const out = this.#out;
    const pbMask = (1 << this.#pb) - 1;
    const lpMask = (1 << this.#lp) - 1;
    while (this.#outPos < limit) {
      const rel = this.#outPos - this.#dictStart;
      const posState = rel & pbMask;
      const s = this.#state;
      if (rc.bit(this.#isMatch, s * POS_STATES_MAX + posState) === 0) {
        const prev = rel > 0 ? out[this.#outPos - 1]! : 0;
        const base = 0x300 * (((rel & lpMask) << this.#lc) + (prev >>> (8 - this.#lc)));
        let sym = 1;
        if (s >= 7) {
          let matchByte = this.#byteAt(this.#reps[0]!);
          do {
            const matchBit = (matchByte >>> 7) & 1;
            matchByte = (matchByte << 1) & 0xff;
            const b = rc.bit(this.#literal, base + 0x100 + (matchBit << 8) + sym);
            sym = (sym << 1) | b;
            if (matchBit !== b) break;
          } while (sym < 0x100);
        }
        while (sym < 0x100) sym = (sym << 1) | rc.bit(this.#literal, base + sym);
        out[this.#outPos++] = sym & 0xff;
        this.#state = s < 4 ? 0 : s < 10 ? s - 3 : s - 6;
        continue;
      }
      let len: number;
      if (rc.bit(this.#isRep, s) === 0) {
        len = this.#len.decode(rc, posState);
        this.#reps = [this.#decodeDistance(rc, len), this.#reps[0]!, this.#reps[1]!, this.#reps[2]!];
        this.#state = s < 7 ? 7 : 10;
      } else {
        if (rc.bit(this.#isRepG0, s) === 0) {
          if (rc.bit(this.#isRep0Long, s * POS_STATES_MAX + posState) === 0) {
            this.#state = s < 7 ? 9 : 11;
            out[this.#outPos] = this.#byteAt(this.#reps[0]!);
            this.#outPos++;
            continue;
          }
        } else {
          const r = this.#reps;
          let dist: number;
          if (rc.bit(this.#isRepG1, s) === 0) {
            dist = r[1]!;
          } else {
            if (rc.bit(this.#isRepG2, s) === 0) dist = r[2]!;
            else {
              dist = r[3]!;
              r[3] = r[2]!;
            }
            r[2] = r[1]!;
          }
          r[1] = r[0]!;
          r[0] = dist;
        }
        len = this.#repLen.decode(rc, posState);
        this.#state = s < 7 ? 8 : 11;
      }
      let n = len + MATCH_LEN_MIN;
      if (this.#outPos + n > limit) throw bad('LZMA match runs past the chunk');
      const dist = this.#reps[0]!;
      if (this.#outPos - dist - 1 < this.#dictStart) throw bad('LZMA match distance points before the data');
      while (n-- > 0) {
        out[this.#outPos] = out[this.#outPos - dist - 1]!;
        this.#outPos++;
      }
    }
  }

  #decodeDistance(rc: RangeDecoder, len: number): number {
    const lenState = Math.min(len, DIST_STATES - 1);
    const slot = rc.tree(this.#posSlot, lenState * 64, 6);
    if (slot < DIST_MODEL_START) return slot;
    const directBits = (slot >>> 1) - 1;
    let dist = (2 | (slot & 1)) << directBits;
    if (slot < DIST_MODEL_END) return dist + rc.reverseTree(this.#specPos, dist - slot - 1, directBits);
    dist = (dist + (rc.direct(directBits - ALIGN_BITS) << ALIGN_BITS)) >>> 0;
    dist = (dist + rc.reverseTree(this.#align, 0, ALIGN_BITS)) >>> 0;
    if (dist === 0xffffffff) throw bad('unexpected LZMA end marker in LZMA2 data');
    return dist;
  }
}
