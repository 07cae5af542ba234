// Dates, times and money through Intl, per language. Pure functions: the language and the Hijri
// correction are arguments, so tests are exact.

import type { IsoDate, IsoTime, Lang, Money } from '../ipc/types';

const LOCALE: Record<Lang, string> = { ar: 'ar-MA', fr: 'fr-MA', en: 'en-GB' };
const DAY_MS = 86_400_000;

/** Midnight UTC of an ISO day, or null if it is not one. */
function utcDay(iso: IsoDate): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The Gregorian date, long form: "28 نونبر 2026", "28 novembre 2026", "28 November 2026". */
export function formatGregorian(iso: IsoDate, lang: Lang): string {
  const d = utcDay(iso);
  if (!d) return iso;
  return new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(d);
}

/**
 * A day with its weekday, as the app writes a day: "الاثنين 30 نونبر 2026", "lundi 30 novembre
 * 2026", "Monday 30 November 2026" (the weekday before the Gregorian date of `formatGregorian`).
 */
export function formatWeekdayDate(iso: IsoDate, lang: Lang): string {
  const d = utcDay(iso);
  if (!d) return iso;
  const weekday = new Intl.DateTimeFormat(LOCALE[lang], { weekday: 'long', timeZone: 'UTC' }).format(d);
  return `${weekday} ${formatGregorian(iso, lang)}`;
}

/**
 * The day (ISO, "2026-11-30") a moment falls on in `timeZone` (this computer's when not given),
 * or null for an invalid date. Read from the parts of the date, never from how a locale writes
 * it: the ICU of some engines (WebKitGTK's, ICU 72) writes "en-CA" dates as "11/30/2026".
 */
export function isoDayOf(d: Date, timeZone?: string): IsoDate | null {
  if (Number.isNaN(d.getTime())) return null;
  const parts = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone,
  }).formatToParts(d);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/**
 * The Hijri date (Umm al-Qura calendar) of an ISO day, moved by `adjust` days (−1, 0, +1):
 * Moroccan months begin with the sighting of the moon, which the calculation can miss by a day.
 */
export function formatHijri(iso: IsoDate, lang: Lang, adjust: number): string {
  const d = utcDay(iso);
  if (!d) return iso;
  const shifted = new Date(d.getTime() + adjust * DAY_MS);
  return new Intl.DateTimeFormat(`${LOCALE[lang]}-u-ca-islamic-umalqura`, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(shifted);
}

/** A wall-clock time of the meeting ("10:00:00") as the language writes it ("10:00"). */
export function formatWallTime(time: IsoTime, lang: Lang): string {
  const m = /^(\d{2}):(\d{2})/.exec(time);
  if (!m) return time;
  const d = new Date(Date.UTC(1970, 0, 1, Number(m[1]), Number(m[2])));
  return new Intl.DateTimeFormat(LOCALE[lang], {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'UTC',
  }).format(d);
}

/** When a statement was typed (RFC 3339, UTC), in this computer's local time. */
export function formatRecordedAt(rfc3339: string, lang: Lang, timeZone?: string): string {
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  return new Intl.DateTimeFormat(LOCALE[lang], {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(d);
}

/**
 * An amount in the language's currency format. The value handed to Intl is the exact decimal
 * string of the centimes ("26000000.00"), so no amount is ever rounded through a float.
 */
export function formatMoney(money: Money, lang: Lang): string {
  const negative = money.centimes < 0;
  const abs = Math.abs(Math.trunc(money.centimes));
  const units = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  const exact = `${negative ? '-' : ''}${units}.${cents}`;
  const format = new Intl.NumberFormat(LOCALE[lang], { style: 'currency', currency: money.currency });
  // Intl.NumberFormat.format accepts decimal strings (ES2023); the cast keeps older lib types happy.
  return format.format(exact as unknown as number);
}

/** Several sums (one per currency), joined; `none` when there is nothing. */
export function formatMoneyList(list: Money[], lang: Lang, none: string): string {
  if (list.length === 0) return none;
  return list.map((m) => formatMoney(m, lang)).join(' + ');
}

/** Today in this computer's time zone, as an ISO day. */
export function todayIso(now: Date = new Date()): IsoDate {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/**
 * A moment (RFC 3339) in this computer's time: the time alone when it is today, else the day
 * and the time ("14:05", "28 novembre 2026 à 14:05").
 */
export function formatMoment(rfc3339: string, lang: Lang, now: Date = new Date(), timeZone?: string): string {
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  const time: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone };
  if (isoDayOf(d, timeZone) === isoDayOf(now, timeZone)) return new Intl.DateTimeFormat(LOCALE[lang], time).format(d);
  return new Intl.DateTimeFormat(LOCALE[lang], { day: 'numeric', month: 'long', year: 'numeric', ...time }).format(d);
}

/** A moment (RFC 3339) in this computer's time, day and time always: "28 نونبر 2026 في 14:05". */
export function formatInstant(rfc3339: string, lang: Lang, timeZone?: string): string {
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  return new Intl.DateTimeFormat(LOCALE[lang], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(d);
}
