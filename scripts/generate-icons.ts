/**
 * Writes the web app's PNG icons (web/public/icons/) with Node alone: a white check mark on the
 * app's green, in the sizes Chromium's installability check wants (192, 512) plus a maskable 512
 * whose mark stays inside the 80% safe zone. Run once: `npx ts-node --transpile-only scripts/generate-icons.ts`; the PNGs are committed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

type Rgb = [number, number, number];
type Point = [number, number];

const GREEN: Rgb = [0x1b, 0x6b, 0x3a];
const WHITE: Rgb = [0xff, 0xff, 0xff];

function crc32(buffer: Buffer): number {
  let crc = ~0;
  for (const byte of buffer) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Distance from point p to the segment a–b. */
function toSegment([px, py]: Point, [ax, ay]: Point, [bx, by]: Point): number {
  const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
}

/** The favicon's check mark (4,8.5 → 6.5,11 → 12,5 on 16), scaled into `inner` of `size`, round corners unless maskable. */
function pixel(x: number, y: number, size: number, maskable: boolean): Rgb | null {
  const inner = maskable ? size * 0.6 : size;
  const offset = (size - inner) / 2;
  const unit = inner / 16;
  const at = (u: number, v: number): Point => [offset + u * unit, offset + v * unit];
  const radius = maskable ? 0 : size * 0.19;
  const cx = Math.min(Math.max(x, radius), size - radius);
  const cy = Math.min(Math.max(y, radius), size - radius);
  if (Math.hypot(x - cx, y - cy) > radius) return null;
  const point: Point = [x + 0.5, y + 0.5];
  const distance = Math.min(toSegment(point, at(4, 8.5), at(6.5, 11)), toSegment(point, at(6.5, 11), at(12, 5)));
  return distance <= unit ? WHITE : GREEN;
}

function png(size: number, maskable: boolean): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const colour = pixel(x, y, size, maskable);
      if (colour) row.set([...colour, 255], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

const dir = join(__dirname, '..', 'web', 'public', 'icons');
writeFileSync(join(dir, 'icon-192.png'), png(192, false));
writeFileSync(join(dir, 'icon-512.png'), png(512, false));
writeFileSync(join(dir, 'maskable-512.png'), png(512, true));
writeFileSync(join(dir, 'apple-touch-icon.png'), png(180, true));
