// A minimal PNG reader for the screenshots Chromium writes (8-bit RGB or RGBA, not interlaced):
// enough to count the pixels of a colour, so a test can tell a drawn chart from a blank page.
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

export interface Image {
  width: number;
  height: number;
  /** 3 (RGB) or 4 (RGBA) bytes a pixel. */
  channels: number;
  pixels: Uint8Array;
}

export function readPng(path: string): Image {
  const data = readFileSync(path);
  if (data.readUInt32BE(0) !== 0x89504e47) throw new Error(`${path} is not a PNG`);
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset < data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('latin1', offset + 4, offset + 8);
    const body = data.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const depth = body[8];
      const colour = body[9];
      if (depth !== 8 || (colour !== 2 && colour !== 6) || body[12] !== 0) throw new Error(`unsupported PNG (depth ${depth}, colour type ${colour})`);
      channels = colour === 6 ? 4 : 3;
    } else if (type === 'IDAT') {
      idat.push(body);
    }
    offset += 12 + length;
  }
  // A copy in this realm: under Jest the Buffer comes from another one, and indexing it is ~10x slower.
  const raw = new Uint8Array(inflateSync(Buffer.concat(idat)));
  const stride = width * channels;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    const up = row - stride;
    // No Math.* here: globals are slow to reach under Jest, and this runs once a byte.
    for (let i = 0; i < stride; i++) {
      const x = raw[src + i] as number;
      const a = i >= channels ? (out[row + i - channels] as number) : 0;
      const b = y > 0 ? (out[up + i] as number) : 0;
      if (filter === 0) out[row + i] = x;
      else if (filter === 1) out[row + i] = (x + a) & 0xff;
      else if (filter === 2) out[row + i] = (x + b) & 0xff;
      else if (filter === 3) out[row + i] = (x + ((a + b) >> 1)) & 0xff;
      else if (filter === 4) {
        const c = y > 0 && i >= channels ? (out[up + i - channels] as number) : 0;
        const p = a + b - c;
        const pa = p > a ? p - a : a - p;
        const pb = p > b ? p - b : b - p;
        const pc = p > c ? p - c : c - p;
        out[row + i] = (x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)) & 0xff;
      } else throw new Error(`bad PNG filter ${filter} on row ${y}`);
    }
  }
  return { width, height, channels, pixels: out };
}

/** How many pixels are within `tolerance` (per channel) of each colour "#rrggbb". */
export function countColours(image: Image, hexes: string[], tolerance = 24): number[] {
  const counts: number[] = [];
  const p = image.pixels;
  for (const hex of hexes) {
    const r = parseInt(hex.slice(1, 3), 16);
    const g = parseInt(hex.slice(3, 5), 16);
    const b = parseInt(hex.slice(5, 7), 16);
    const step = image.channels;
    let n = 0;
    // No Math.* in the loop: globals are slow to reach under Jest.
    for (let i = 0; i < p.length; i += step) {
      const dr = (p[i] as number) - r;
      const dg = (p[i + 1] as number) - g;
      const db = (p[i + 2] as number) - b;
      if (dr <= tolerance && dr >= -tolerance && dg <= tolerance && dg >= -tolerance && db <= tolerance && db >= -tolerance) n++;
    }
    counts.push(n);
  }
  return counts;
}
