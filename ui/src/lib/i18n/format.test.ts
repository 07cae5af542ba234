import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  formatGregorian, formatHijri, formatInstant, formatMoment, formatMoney, formatMoneyList, formatRecordedAt, formatWallTime,
  formatWeekdayDate, isoDayOf,
} from './format';

const committed = { centimes: 2_600_000_000, currency: 'MAD' };
/** Intl separates with no-break spaces; the expectations are written with plain ones. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('money', () => {
  it('formats 26 000 000 MAD per locale through Intl', () => {
    expect(plain(formatMoney(committed, 'en'))).toBe('MAD 26,000,000.00');
    const ar = formatMoney(committed, 'ar');
    expect(ar).toContain('26.000.000,00');
    expect(ar).toContain('د.م.');
    expect(ar).toBe(new Intl.NumberFormat('ar-MA', { style: 'currency', currency: 'MAD' }).format(26_000_000));
    const fr = formatMoney(committed, 'fr');
    expect(fr).toBe(new Intl.NumberFormat('fr-MA', { style: 'currency', currency: 'MAD' }).format(26_000_000));
    expect(fr).toMatch(/^26.000.000,00\s?MAD$/);
  });

  it('never goes through a float: centimes stay exact', () => {
    expect(plain(formatMoney({ centimes: 123_456_789, currency: 'MAD' }, 'en'))).toBe('MAD 1,234,567.89');
    expect(plain(formatMoney({ centimes: 100_000_000_000_001, currency: 'MAD' }, 'en'))).toBe('MAD 1,000,000,000,000.01');
    expect(formatMoney({ centimes: 5, currency: 'EUR' }, 'en')).toBe('€0.05');
  });

  it('adds up per currency, or says there is nothing', () => {
    expect(formatMoneyList([], 'en', 'nothing')).toBe('nothing');
    expect(plain(formatMoneyList([{ centimes: 3_000_000_000, currency: 'MAD' }], 'en', ''))).toBe('MAD 30,000,000.00');
  });
});

describe('dates', () => {
  it('writes the Gregorian date per locale', () => {
    expect(formatGregorian('2026-11-28', 'ar')).toBe('28 نونبر 2026');
    expect(formatGregorian('2026-11-28', 'fr')).toBe('28 novembre 2026');
    expect(formatGregorian('2026-11-28', 'en')).toBe('28 November 2026');
  });

  it('gives the Hijri date (Umm al-Qura) and its −1/+1 correction', () => {
    expect(formatHijri('2026-11-28', 'ar', 0)).toBe('18 جمادى الآخرة 1448 هـ');
    expect(formatHijri('2026-11-28', 'ar', -1)).toBe('17 جمادى الآخرة 1448 هـ');
    expect(formatHijri('2026-11-28', 'ar', 1)).toBe('19 جمادى الآخرة 1448 هـ');
    expect(formatHijri('2026-11-28', 'en', 0)).toBe('18 Jumada II 1448 AH');
    expect(formatHijri('2026-11-28', 'fr', 1)).toContain('19');
  });

  it('writes times of the meeting and of statements', () => {
    expect(formatWallTime('10:00:00', 'fr')).toBe('10:00');
    expect(formatWallTime('15:30:00', 'en')).toBe('15:30');
    expect(formatRecordedAt('2026-11-28T09:05:07Z', 'en', 'Africa/Casablanca')).toBe('10:05:07');
  });

  it('writes the moment of an approval with its day and time', () => {
    expect(formatInstant('2026-11-28T13:05:00Z', 'ar', 'Africa/Casablanca')).toBe('28 نونبر 2026 في 14:05');
    expect(formatInstant('2026-11-28T13:05:00Z', 'fr', 'Africa/Casablanca')).toBe('28 novembre 2026 à 14:05');
    expect(formatInstant('2026-11-28T13:05:00Z', 'en', 'Africa/Casablanca')).toBe('28 November 2026 at 14:05');
    expect(formatInstant('not a time', 'en')).toBe('not a time');
  });
});

/** Every date written as WebKitGTK's ICU 72 writes an en-CA one ("11/30/2026"), whatever the locale. */
function usStyleDates(): void {
  const proto = Intl.DateTimeFormat.prototype as unknown as Record<string, unknown>;
  vi.spyOn(proto, 'format', 'get').mockReturnValue(() => '11/30/2026');
}

describe('days', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('writes a day with its weekday, with the Moroccan month names', () => {
    expect(formatWeekdayDate('2026-11-30', 'ar')).toBe('الاثنين 30 نونبر 2026');
    expect(formatWeekdayDate('2026-11-30', 'fr')).toBe('lundi 30 novembre 2026');
    expect(formatWeekdayDate('2026-11-30', 'en')).toBe('Monday 30 November 2026');
    expect(formatWeekdayDate('2026-07-01', 'ar')).toBe('الأربعاء 1 يوليوز 2026');
    expect(formatWeekdayDate('not a day', 'ar')).toBe('not a day');
  });

  it("finds the day of a moment in a time zone, from the date's parts", () => {
    expect(isoDayOf(new Date('2026-11-30T23:30:00Z'), 'UTC')).toBe('2026-11-30');
    expect(isoDayOf(new Date('2026-11-30T23:30:00Z'), 'Africa/Casablanca')).toBe('2026-12-01');
    expect(isoDayOf(new Date('0987-03-04T12:00:00Z'), 'UTC')).toBe('0987-03-04');
    expect(isoDayOf(new Date('nonsense'))).toBeNull();
    // However an engine writes dates (WebKitGTK's ICU 72 writes en-CA as "11/30/2026").
    usStyleDates();
    expect(isoDayOf(new Date('2026-11-30T10:00:00Z'), 'UTC')).toBe('2026-11-30');
  });

  it('writes a moment of today as its time, of another day with the day', () => {
    const now = new Date('2026-11-30T15:00:00Z');
    expect(formatMoment('2026-11-30T08:05:00Z', 'fr', now, 'UTC')).toBe('08:05');
    expect(formatMoment('2026-11-29T08:05:00Z', 'fr', now, 'UTC')).toBe('29 novembre 2026 à 08:05');
  });
});
