// Pictures made for the tests, as files a person would attach: PNG photos drawn pixel by pixel
// (each its own colours, so the thumbnails can be told apart on a screenshot), encoded here
// with zlib (no image library).

import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export type Rgb = [number, number, number];

/** A PNG of `width` × `height` (8-bit RGB), each pixel's colour given by `paint`. */
export function png(width: number, height: number, paint: (x: number, y: number) => Rgb): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // no filter
    for (let x = 0; x < width; x++) raw.set(paint(x, y), row + 1 + x * 3);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A "site photo": a sky, the ground, and a building of `wall` colour with a door and windows,
 * its size and place moved by `seed` so that no two look alike.
 */
export function sitePhoto(wall: Rgb, seed: number, width = 480, height = 360): Buffer {
  const horizon = Math.round(height * (0.62 + 0.04 * (seed % 3)));
  const left = Math.round(width * (0.12 + 0.08 * (seed % 4)));
  const right = left + Math.round(width * 0.5);
  const top = Math.round(height * (0.22 + 0.05 * (seed % 2)));
  return png(width, height, (x, y) => {
    const inBuilding = x >= left && x < right && y >= top && y < horizon;
    if (inBuilding) {
      const door = x >= (left + right) / 2 - 18 && x < (left + right) / 2 + 18 && y >= horizon - 70;
      if (door) return [70, 45, 30];
      const wx = (x - left) % 60;
      const wy = (y - top) % 55;
      const window = wx >= 15 && wx < 42 && wy >= 14 && wy < 38 && y < horizon - 80;
      return window ? [160, 200, 225] : wall;
    }
    if (y < horizon) {
      const t = y / horizon;
      return [Math.round(120 + 90 * t), Math.round(170 + 60 * t), 235];
    }
    return [Math.round(150 - 30 * ((y - horizon) / (height - horizon))), 125, 80];
  });
}
