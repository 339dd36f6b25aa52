/**
 * Draws the extension icon (a green shield with a white check mark) at 16, 32, 48 and 128 px and
 * writes public/icon/<size>.png. No image library: shapes are tested per pixel with 4×4
 * supersampling for smooth edges, and the PNG is assembled by hand around node:zlib's deflate.
 * Run once with `npx tsx scripts/make-icons.ts`; the PNGs are kept in the repository.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 48, 128];
const SHIELD: [number, number, number] = [0x16, 0x79, 0x4a]; // the "trusted" badge colour
const SAMPLES = 4;

/**
 * Shield in unit coordinates (0..1): a flat top with rounded shoulders, straight sides, then sides
 * that curve in to a point (1 − t² keeps a sharp tip, where an ellipse would round it off).
 */
function inShield(x: number, y: number): boolean {
  const top = 0.06;
  const bottom = 0.96;
  const waist = 0.45;
  const r = 0.1;
  if (y < top || y > bottom) return false;
  const t = Math.max(0, (y - waist) / (bottom - waist));
  const side = 0.4 * (1 - t * t);
  const shoulder = y < top + r ? 0.4 - r + Math.sqrt(r * r - (top + r - y) ** 2) : 0.4;
  return Math.abs(x - 0.5) <= Math.min(side, shoulder);
}

/** Distance from point p to the segment a–b. */
function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const k = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + k * dx), py - (ay + k * dy));
}

function inCheck(x: number, y: number, size: number): boolean {
  // Thicker strokes at small sizes so the mark survives at 16 px.
  const half = size <= 16 ? 0.085 : 0.065;
  return (
    segmentDistance(x, y, 0.31, 0.47, 0.45, 0.61) <= half ||
    segmentDistance(x, y, 0.45, 0.61, 0.7, 0.33) <= half
  );
}

function draw(size: number): Buffer {
  // One filter byte (0: none) before each row of RGBA pixels.
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0;
    for (let px = 0; px < size; px++) {
      let shield = 0;
      let check = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES) / size;
          const y = (py + (sy + 0.5) / SAMPLES) / size;
          if (inShield(x, y)) {
            shield++;
            if (inCheck(x, y, size)) check++;
          }
        }
      }
      const n = SAMPLES * SAMPLES;
      const white = shield === 0 ? 0 : check / shield;
      const o = py * (size * 4 + 1) + 1 + px * 4;
      SHIELD.forEach((c, i) => {
        raw[o + i] = Math.round(c + (255 - c) * white);
      });
      raw[o + 3] = Math.round((255 * shield) / n);
    }
  }
  return raw;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

function png(size: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit depth, RGBA, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(draw(size), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const dir = new URL('../public/icon/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const size of SIZES) writeFileSync(new URL(`${size}.png`, dir), png(size));
console.log(`wrote ${SIZES.map((s) => `${s}.png`).join(', ')} to public/icon/`);
