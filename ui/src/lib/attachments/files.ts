// What the attachments show in words: a file's size in the language's number format, the label
// of a document's icon, where and when a photo was taken, why a file could not be attached, and
// a caption as it is sent. Pure functions of the language (files.test.ts).

import type { AttachmentDto, Gps, Lang } from '../ipc/types';
import { isAppError } from '../ipc/types';
import { LOCALES, isolate, translate } from '../i18n/index.svelte';

/** What the file chooser offers: photos (HEIC too: kept, though not previewed), PDFs, office documents. */
export const ATTACH_ACCEPT = 'image/*,application/pdf,.doc,.docx,.xls,.xlsx,.odt,.heic';

const KB = 1024;
const MB = 1024 * 1024;

/** A number with at most one decimal, as the language writes it ("2,5" in Arabic and French). */
function oneDecimal(n: number, lang: Lang): string {
  return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 1 }).format(n);
}

/**
 * A size in bytes as a person reads it: bytes under a kilobyte, kilobytes under a megabyte,
 * megabytes above (1024 to the next), one decimal at most: "340 كيلوبايت", "2,5 Mo", "12 MB".
 */
export function formatSize(bytes: number, lang: Lang): string {
  if (bytes < KB) return translate(lang, 'size.bytes', { n: String(Math.max(0, Math.trunc(bytes))) });
  // Rounded first, so 1023.96 KB is written "1 MB", not "1024 KB".
  const kb = Math.round((bytes / KB) * 10) / 10;
  if (kb < 1024) return translate(lang, 'size.kb', { n: oneDecimal(kb, lang) });
  return translate(lang, 'size.mb', { n: oneDecimal(Math.round((bytes / MB) * 10) / 10, lang) });
}

/**
 * One coordinate in decimal degrees, four decimals (about 10 m), with a dot as GPS positions
 * are written everywhere; a negative one starts with a left-to-right mark, so that its minus
 * sign stays in front of it in an Arabic sentence.
 */
export function formatCoordinate(degrees: number): string {
  const text = degrees.toFixed(4);
  return text.startsWith('-') ? `\u200e${text}` : text;
}

/** «الإحداثيات: 34.0331، ‎-5.0003» — latitude, then longitude. */
export function gpsText(gps: Gps, lang: Lang): string {
  return translate(lang, 'attachments.gps', { lat: formatCoordinate(gps.lat), lon: formatCoordinate(gps.lon) });
}

/**
 * When a photo was taken, as the camera's clock said ("2026-11-28 10:15:00", or with a `T`; no
 * time zone): the day and the time, as the language writes them, never moved to another zone.
 * Anything else is shown as it came.
 */
export function takenText(taken: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/.exec(taken);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]))) : null;
  const when =
    d && !Number.isNaN(d.getTime())
      ? new Intl.DateTimeFormat(LOCALES[lang], {
          day: 'numeric',
          month: 'long',
          year: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
          timeZone: 'UTC',
        }).format(d)
      : taken;
  return translate(lang, 'attachments.taken', { when });
}

/** Whether an attachment is a photo (previewed or not). */
export function isPhoto(a: Pick<AttachmentDto, 'media_type'>): boolean {
  return a.media_type.startsWith('image/');
}

/**
 * Whether to ask the backend for a thumbnail: when it says it can make one (`image`), or, from
 * a backend that does not say, when the file is a photo (HEIC then answers `not_an_image`).
 */
export function mayHaveThumbnail(a: Pick<AttachmentDto, 'media_type' | 'image'>): boolean {
  return a.image ?? isPhoto(a);
}

/** The few letters on a document's icon: its extension ("PDF", "DOCX"), else what its type says. */
export function fileBadge(a: Pick<AttachmentDto, 'name' | 'media_type'>): string {
  const dot = a.name.lastIndexOf('.');
  const ext = dot > 0 ? a.name.slice(dot + 1) : '';
  if (/^[a-z0-9]{1,5}$/i.test(ext)) return ext.toUpperCase();
  const sub = a.media_type.split('/')[1] ?? '';
  return /^[a-z0-9]{1,5}$/i.test(sub) ? sub.toUpperCase() : '…';
}

/** A caption as typed, as it is stored: trimmed, and null when nothing is left. */
export function captionOf(typed: string): string | null {
  const s = typed.trim();
  return s === '' ? null : s;
}

/** Why a file could not be attached, in one line naming it: too large (with the limit), unreadable, or the backend's reason. */
export function attachFailure(
  lang: Lang,
  name: string,
  cause: { tooLarge: { bytes: number; limitMb: number } } | { unreadable: true } | { error: unknown },
  describe: (e: unknown) => string,
): string {
  let reason: string;
  if ('tooLarge' in cause) {
    reason = translate(lang, 'attachments.tooLarge', { size: formatSize(cause.tooLarge.bytes, lang), limit: cause.tooLarge.limitMb });
  } else if ('unreadable' in cause) {
    reason = translate(lang, 'attachments.unreadable');
  } else {
    reason = describe(cause.error);
  }
  return translate(lang, 'attachments.failed', { name: isolate(name), reason });
}

/** The limit a `too_large` refusal names (its `details.limit_mb`), or null. */
export function refusedLimit(e: unknown): number | null {
  if (!isAppError(e) || e.code !== 'too_large') return null;
  const mb = e.details?.limit_mb;
  return typeof mb === 'number' ? mb : null;
}
