// The attachments' settings: the largest file taken, in MB (the backend refuses anything but a
// whole number from 1 to 500), and how the minutes show the site visits' photos; their
// defaults, for a backend that sends none. Pure functions (attachments.test.ts).

import type { MinutesPhotos, Settings } from '../ipc/types';

export const ATTACHMENT_MB_MIN = 1;
export const ATTACHMENT_MB_MAX = 500;
export const DEFAULT_ATTACHMENT_MB = 50;

export const MINUTES_PHOTOS: readonly MinutesPhotos[] = ['none', 'thumbnails', 'full_width'];
export const DEFAULT_MINUTES_PHOTOS: MinutesPhotos = 'thumbnails';

/** A size limit the backend takes: a whole number of MB from 1 to 500. */
export function validAttachmentMb(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= ATTACHMENT_MB_MIN && v <= ATTACHMENT_MB_MAX;
}

/** The size limit in `settings` (the default when a backend sends none, or one out of range). */
export function attachmentMbOf(settings: Settings): number {
  const v = (settings as Partial<Settings>).attachment_max_mb;
  return validAttachmentMb(v) ? v : DEFAULT_ATTACHMENT_MB;
}

/** How the minutes show the visits' photos (the default when a backend sends none). */
export function minutesPhotosOf(settings: Settings): MinutesPhotos {
  const v = (settings as Partial<Settings>).minutes_photos;
  return v !== undefined && MINUTES_PHOTOS.includes(v) ? v : DEFAULT_MINUTES_PHOTOS;
}

/** The limit in bytes (a MB is 1024 × 1024 bytes, as the backend counts). */
export function attachmentLimitBytes(mb: number): number {
  return mb * 1024 * 1024;
}

/**
 * The limit as typed ("50", " 200 ", "١٠٠"), or null when it is not a whole number from 1 to
 * 500 (empty, a fraction, a sign, a letter, out of range).
 */
export function parseAttachmentMb(text: string): number | null {
  const digits = text
    .trim()
    .replace(/[٠-٩]/g, (c) => String(c.charCodeAt(0) - 0x0660))
    .replace(/[۰-۹]/g, (c) => String(c.charCodeAt(0) - 0x06f0));
  if (!/^\d{1,4}$/.test(digits)) return null;
  const mb = Number(digits);
  return validAttachmentMb(mb) ? mb : null;
}
