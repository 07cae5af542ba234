// Where and when a photo was taken, from the EXIF data of a JPEG (the mock backend reads it as
// the backend does, to fill an attachment's `gps` and `taken`), and the same data written into
// a JPEG (for the tests: a photo "taken" at a known place). Only what Mahdar shows is read: the
// GPS position and the original date and time; anything malformed reads as nothing.

import type { Gps } from './types';

const TAG_EXIF_IFD = 0x8769;
const TAG_GPS_IFD = 0x8825;
const TAG_DATE_TIME_ORIGINAL = 0x9003;
const TAG_LAT_REF = 0x0001;
const TAG_LAT = 0x0002;
const TAG_LON_REF = 0x0003;
const TAG_LON = 0x0004;

/** Bytes per value of each TIFF type (1 BYTE, 2 ASCII, 3 SHORT, 4 LONG, 5 RATIONAL, 7 UNDEFINED, 9 SLONG, 10 SRATIONAL). */
const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8 };

export interface PhotoFacts {
  gps: Gps | null;
  /** "2026-11-28 10:15:00" (the camera's clock, no time zone), as the backend writes it. */
  taken: string | null;
}

interface Entry {
  type: number;
  count: number;
  /** Where the value is, from the start of the TIFF header. */
  at: number;
}

/** The TIFF block of a JPEG's EXIF segment (APP1 "Exif\0\0"), or null. */
function tiffOf(bytes: Uint8Array): DataView | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1];
    // Start of scan or end of image: no EXIF before the picture itself.
    if (marker === 0xda || marker === 0xd9) return null;
    const length = (bytes[at + 2] << 8) | bytes[at + 3];
    if (length < 2 || at + 2 + length > bytes.length) return null;
    const exif = marker === 0xe1 && length >= 8 && String.fromCharCode(...bytes.subarray(at + 4, at + 10)) === 'Exif\0\0';
    if (exif) return new DataView(bytes.buffer, bytes.byteOffset + at + 10, length - 8);
    at += 2 + length;
  }
  return null;
}

/** The entries of the IFD at `offset`, by tag. */
function ifd(view: DataView, offset: number, little: boolean): Map<number, Entry> {
  const out = new Map<number, Entry>();
  if (offset < 8 || offset + 2 > view.byteLength) return out;
  const n = view.getUint16(offset, little);
  for (let i = 0; i < n; i++) {
    const e = offset + 2 + i * 12;
    if (e + 12 > view.byteLength) break;
    const tag = view.getUint16(e, little);
    const type = view.getUint16(e + 2, little);
    const count = view.getUint32(e + 4, little);
    const size = (TYPE_SIZE[type] ?? 0) * count;
    if (size === 0) continue;
    const at = size <= 4 ? e + 8 : view.getUint32(e + 8, little);
    if (at + size > view.byteLength) continue;
    out.set(tag, { type, count, at });
  }
  return out;
}

function ascii(view: DataView, e: Entry | undefined): string | null {
  if (!e || e.type !== 2) return null;
  let s = '';
  for (let i = 0; i < e.count; i++) {
    const c = view.getUint8(e.at + i);
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return s;
}

/** Degrees, minutes, seconds (three rationals) as decimal degrees. */
function degrees(view: DataView, e: Entry | undefined, little: boolean): number | null {
  if (!e || e.type !== 5 || e.count !== 3) return null;
  const parts: number[] = [];
  for (let i = 0; i < 3; i++) {
    const num = view.getUint32(e.at + i * 8, little);
    const den = view.getUint32(e.at + i * 8 + 4, little);
    if (den === 0) return null;
    parts.push(num / den);
  }
  return parts[0] + parts[1] / 60 + parts[2] / 3600;
}

/** The GPS position and the time a JPEG photo was taken, when its EXIF data says. */
export function readExif(bytes: Uint8Array): PhotoFacts {
  const none: PhotoFacts = { gps: null, taken: null };
  const view = tiffOf(bytes);
  if (!view || view.byteLength < 8) return none;
  const order = view.getUint16(0);
  if (order !== 0x4949 && order !== 0x4d4d) return none;
  const little = order === 0x4949;
  if (view.getUint16(2, little) !== 42) return none;
  const ifd0 = ifd(view, view.getUint32(4, little), little);
  const pointer = (tag: number) => {
    const e = ifd0.get(tag);
    return e && e.type === 4 ? view.getUint32(e.at, little) : null;
  };

  let taken: string | null = null;
  const exifAt = pointer(TAG_EXIF_IFD);
  if (exifAt !== null) {
    const raw = ascii(view, ifd(view, exifAt, little).get(TAG_DATE_TIME_ORIGINAL));
    const m = raw ? /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(raw) : null;
    if (m && m[1] !== '0000') taken = `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}`;
  }

  let gps: Gps | null = null;
  const gpsAt = pointer(TAG_GPS_IFD);
  if (gpsAt !== null) {
    const g = ifd(view, gpsAt, little);
    const lat = degrees(view, g.get(TAG_LAT), little);
    const lon = degrees(view, g.get(TAG_LON), little);
    const latRef = ascii(view, g.get(TAG_LAT_REF));
    const lonRef = ascii(view, g.get(TAG_LON_REF));
    if (lat !== null && lon !== null && lat <= 90 && lon <= 180) {
      gps = { lat: latRef === 'S' ? -lat : lat, lon: lonRef === 'W' ? -lon : lon };
    }
  }
  return { gps, taken };
}

/**
 * A JPEG with an EXIF segment saying where (and, with `when`, "2026-11-28 10:15:00", when) it
 * was taken, put right after its start (for the tests: the app never writes EXIF). Seconds of
 * arc are kept to 1/10000.
 */
export function jpegWithExif(jpeg: Uint8Array, gps: Gps, when: string | null = null): Uint8Array {
  const le = (n: number, bytes: number) => Array.from({ length: bytes }, (_, i) => (n >>> (8 * i)) & 0xff);
  // Laid out as: header, IFD0 (2 entries), Exif IFD (1 entry), GPS IFD (4 entries), then values.
  const ifdSize = (n: number) => 2 + n * 12 + 4;
  const ifd0At = 8;
  const exifAt = ifd0At + ifdSize(2);
  const gpsAt = exifAt + ifdSize(1);
  const dataAt = gpsAt + ifdSize(4);
  const data: number[] = [];
  const put = (bytes: number[]) => {
    const at = dataAt + data.length;
    data.push(...bytes);
    return at;
  };
  const entry = (tag: number, type: number, count: number, value: number[]) => [...le(tag, 2), ...le(type, 2), ...le(count, 4), ...value, 0, 0, 0, 0].slice(0, 12);
  const dms = (deg: number) => {
    const a = Math.abs(deg);
    const d = Math.floor(a);
    const m = Math.floor((a - d) * 60);
    const s = Math.round(((a - d) * 60 - m) * 60 * 10000);
    return [...le(d, 4), ...le(1, 4), ...le(m, 4), ...le(1, 4), ...le(s, 4), ...le(10000, 4)];
  };
  const taken = when ? when.replace(/^(\d{4})-(\d{2})-(\d{2})[T ]/, '$1:$2:$3 ') : '0000:00:00 00:00:00';
  const dateAt = put([...taken.slice(0, 19)].map((c) => c.charCodeAt(0)).concat(0));
  const latAt = put(dms(gps.lat));
  const lonAt = put(dms(gps.lon));
  const tiff = [
    0x49, 0x49, 42, 0, ...le(ifd0At, 4),
    ...le(2, 2), ...entry(TAG_EXIF_IFD, 4, 1, le(exifAt, 4)), ...entry(TAG_GPS_IFD, 4, 1, le(gpsAt, 4)), ...le(0, 4),
    ...le(1, 2), ...entry(TAG_DATE_TIME_ORIGINAL, 2, 20, le(dateAt, 4)), ...le(0, 4),
    ...le(4, 2),
    ...entry(TAG_LAT_REF, 2, 2, [gps.lat < 0 ? 0x53 : 0x4e, 0]),
    ...entry(TAG_LAT, 5, 3, le(latAt, 4)),
    ...entry(TAG_LON_REF, 2, 2, [gps.lon < 0 ? 0x57 : 0x45, 0]),
    ...entry(TAG_LON, 5, 3, le(lonAt, 4)),
    ...le(0, 4),
    ...data,
  ];
  const body = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
  const length = body.length + 2;
  const segment = [0xff, 0xe1, (length >> 8) & 0xff, length & 0xff, ...body];
  const out = new Uint8Array(jpeg.length + segment.length);
  out.set(jpeg.subarray(0, 2), 0);
  out.set(segment, 2);
  out.set(jpeg.subarray(2), 2 + segment.length);
  return out;
}
