import { describe, expect, it } from 'vitest';
import type { Settings } from '../ipc/types';
import { DEFAULT_REMINDERS, REMINDER_DAYS_MAX, REMINDER_DAYS_MIN, parseReminderDays, remindersOf } from './reminders';

describe('the day count of the reminders, checked before it is sent', () => {
  it('is 1 to 90 days, as the backend allows', () => {
    expect([REMINDER_DAYS_MIN, REMINDER_DAYS_MAX]).toEqual([1, 90]);
  });

  it.each([
    ['1', 1],
    ['7', 7],
    [' 30 ', 30],
    ['90', 90],
    ['007', 7],
    ['١٤', 14],
    ['۳۰', 30],
  ])('reads "%s" as %i', (text, days) => {
    expect(parseReminderDays(text)).toBe(days);
  });

  it.each(['', ' ', '0', '91', '100', '-3', '+3', '2.5', '7,5', '1e1', 'abc', '7 days', '1000'])('refuses "%s"', (text) => {
    expect(parseReminderDays(text)).toBeNull();
  });
});

describe('the reminder settings of the backend', () => {
  const base = {
    language: 'ar',
    hijri_adjust: 0,
    letterhead: { ar: [], fr: [], en: [] },
    auto_lock_minutes: 15,
    attachment_max_mb: 50,
    minutes_photos: 'thumbnails',
  } satisfies Omit<Settings, 'reminders'>;

  it('are those it sends', () => {
    expect(remindersOf({ ...base, reminders: { enabled: false, days: 30 } } as Settings)).toEqual({ enabled: false, days: 30 });
  });

  it('are the defaults when it sends none (an older backend)', () => {
    expect(remindersOf(base as unknown as Settings)).toEqual({ enabled: true, days: 7 });
    expect(DEFAULT_REMINDERS).toEqual({ enabled: true, days: 7 });
  });
});
