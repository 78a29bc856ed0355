import { crc32, deflateSync, inflateSync } from 'node:zlib';

/**
 * Makes a screenshot PNG small enough to commit: a screen of the app uses few colours, so it is
 * re-encoded as an 8-bit palette image. Screens with at most 256 colours stay exact; otherwise the
 * 256 most used colours are kept and the rest (anti-aliasing at the edges of letters) take the
 * nearest of them, which keeps text legible at a third of the size.
 */
export function optimisePng(png: Buffer): Buffer {
  const image = decode(png);
  if (!image) return png;
  const { palette, indices } = quantise(image);
  const out = encode(image.width, image.height, palette, indices);
  return out.length < png.length ? out : png;
}

interface Rgb {
  width: number;
  height: number;
  /** 3 bytes per pixel */
  rgb: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Decodes the PNGs Chromium writes (8-bit RGB or RGBA, not interlaced); anything else: undefined. */
function decode(png: Buffer): Rgb | undefined {
  if (!png.subarray(0, 8).equals(SIGNATURE)) return undefined;
  let width = 0,
    height = 0,
    colourType = -1;
  const data: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      if (body[8] !== 8 || body[12] !== 0) return undefined;
      colourType = body[9]!;
    } else if (type === 'IDAT') data.push(body);
    at += 12 + length;
  }
  const channels = colourType === 6 ? 4 : colourType === 2 ? 3 : 0;
  if (!channels) return undefined;
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const rows = unfilter(raw, stride, height, channels);
  const rgb = new Uint8Array(width * height * 3);
  for (let p = 0, q = 0; p < rows.length; p += channels, q += 3) rgb.set(rows.subarray(p, p + 3), q);
  return { width, height, rgb };
}

function unfilter(raw: Buffer, stride: number, height: number, bpp: number): Uint8Array {
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[row + x - bpp]! : 0;
      const b = y > 0 ? out[row - stride + x]! : 0;
      const c = x >= bpp && y > 0 ? out[row - stride + x - bpp]! : 0;
      const predictor = filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? paeth(a, b, c) : 0;
      out[row + x] = (raw[src + x]! + predictor) & 0xff;
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a),
    pb = Math.abs(p - b),
    pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function quantise(image: Rgb): { palette: number[]; indices: Uint8Array } {
  const count = new Map<number, number>();
  const pixels = image.width * image.height;
  const colourAt = (i: number) => (image.rgb[i * 3]! << 16) | (image.rgb[i * 3 + 1]! << 8) | image.rgb[i * 3 + 2]!;
  for (let i = 0; i < pixels; i++) {
    const c = colourAt(i);
    count.set(c, (count.get(c) ?? 0) + 1);
  }
  const palette = [...count.entries()]
    .sort((x, y) => y[1] - x[1])
    .slice(0, 256)
    .map(([c]) => c);
  const index = new Map<number, number>(palette.map((c, i) => [c, i]));
  const indices = new Uint8Array(pixels);
  for (let i = 0; i < pixels; i++) {
    const c = colourAt(i);
    let k = index.get(c);
    if (k === undefined) {
      k = nearest(palette, c);
      index.set(c, k);
    }
    indices[i] = k;
  }
  return { palette, indices };
}

function nearest(palette: number[], c: number): number {
  let best = 0,
    bestDistance = Infinity;
  palette.forEach((p, i) => {
    const dr = ((p >> 16) & 0xff) - ((c >> 16) & 0xff),
      dg = ((p >> 8) & 0xff) - ((c >> 8) & 0xff),
      db = (p & 0xff) - (c & 0xff);
    // weighted like the eye: green counts most
    const d = 2 * dr * dr + 4 * dg * dg + 3 * db * db;
    if (d < bestDistance) [best, bestDistance] = [i, d];
  });
  return best;
}

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

function encode(width: number, height: number, palette: number[], indices: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 3, 0, 0, 0], 8);
  const plte = Buffer.from(palette.flatMap((c) => [(c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff]));
  // filter "none" on every row: the best choice for palette images
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) raw.set(indices.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('PLTE', plte), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}
