import { describe, expect, it } from 'vitest';
import type { Settings } from '../ipc/types';
import { DEFAULT_ATTACHMENT_MB, attachmentLimitBytes, attachmentMbOf, minutesPhotosOf, parseAttachmentMb } from './attachments';

describe('the largest attachment, as typed in Settings', () => {
  it.each([
    ['50', 50],
    [' 200 ', 200],
    ['1', 1],
    ['500', 500],
    ['١٠٠', 100],
    ['۲۵', 25],
  ])('takes "%s"', (typed, mb) => {
    expect(parseAttachmentMb(typed)).toBe(mb);
  });

  it.each(['', '0', '501', '2.5', '-5', '+5', '5 Mo', 'abc', '99999'])('refuses "%s" (the backend takes a whole number from 1 to 500)', (typed) => {
    expect(parseAttachmentMb(typed)).toBeNull();
  });

  it('counts a MB as 1024 × 1024 bytes', () => {
    expect(attachmentLimitBytes(1)).toBe(1_048_576);
    expect(attachmentLimitBytes(50)).toBe(52_428_800);
  });
});

describe('the attachment settings of the backend', () => {
  const base = {
    language: 'ar',
    hijri_adjust: 0,
    letterhead: { ar: [], fr: [], en: [] },
    reminders: { enabled: true, days: 7 },
    auto_lock_minutes: 15,
  } satisfies Omit<Settings, 'attachment_max_mb' | 'minutes_photos'>;

  it('are those it sends', () => {
    const s = { ...base, attachment_max_mb: 10, minutes_photos: 'full_width' } satisfies Settings;
    expect(attachmentMbOf(s)).toBe(10);
    expect(minutesPhotosOf(s)).toBe('full_width');
  });

  it('are the defaults from a backend that sends none, or sends nonsense', () => {
    expect(attachmentMbOf(base as unknown as Settings)).toBe(DEFAULT_ATTACHMENT_MB);
    expect(minutesPhotosOf(base as unknown as Settings)).toBe('thumbnails');
    expect(attachmentMbOf({ ...base, attachment_max_mb: 0 } as unknown as Settings)).toBe(50);
    expect(minutesPhotosOf({ ...base, minutes_photos: 'huge' } as unknown as Settings)).toBe('thumbnails');
  });
});
