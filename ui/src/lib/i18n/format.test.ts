import { describe, expect, it } from 'vitest';
import {
  formatGregorian, formatHijri, formatInstant, formatMoney, formatMoneyList, formatRecordedAt, formatWallTime,
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
