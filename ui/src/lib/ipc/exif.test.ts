import { describe, expect, it } from 'vitest';
import { jpegWithExif, readExif } from './exif';

/** The start and end of a JPEG, with nothing between: enough for the EXIF reader. */
const BARE = new Uint8Array([0xff, 0xd8, 0xff, 0xd9]);

describe('EXIF of a photo', () => {
  it('reads back where and when a photo was taken', () => {
    const facts = readExif(jpegWithExif(BARE, { lat: 34.0331, lon: -5.0003 }, '2026-11-28T10:15:00'));
    expect(facts.taken, 'as the backend writes it').toBe('2026-11-28 10:15:00');
    expect(facts.gps?.lat).toBeCloseTo(34.0331, 6);
    expect(facts.gps?.lon, 'west is negative').toBeCloseTo(-5.0003, 6);
  });

  it('south and no time', () => {
    const facts = readExif(jpegWithExif(BARE, { lat: -33.9249, lon: 18.4241 }));
    expect(facts.taken, 'an unset date is no date').toBeNull();
    expect(facts.gps?.lat).toBeCloseTo(-33.9249, 6);
    expect(facts.gps?.lon).toBeCloseTo(18.4241, 6);
  });

  it('reads nothing from what is not a JPEG with EXIF, nor from a truncated one', () => {
    expect(readExif(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toEqual({ gps: null, taken: null });
    expect(readExif(BARE)).toEqual({ gps: null, taken: null });
    const whole = jpegWithExif(BARE, { lat: 34, lon: -5 });
    for (const cut of [6, 20, 40, whole.length - 20]) {
      expect(() => readExif(whole.subarray(0, cut)), `cut at ${cut}`).not.toThrow();
    }
    expect(readExif(new Uint8Array(0))).toEqual({ gps: null, taken: null });
  });
});
