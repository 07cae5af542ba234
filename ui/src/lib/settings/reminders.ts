// The reminders of due dates in Settings: the day count as typed, checked before it is sent
// (the backend refuses anything but a whole number from 1 to 90), and the settings of a backend
// that sends none. Pure functions (reminders.test.ts).

import type { ReminderSettings, Settings } from '../ipc/types';

/** The fewest and most days ahead (the backend's limits). */
export const REMINDER_DAYS_MIN = 1;
export const REMINDER_DAYS_MAX = 90;

/** What the backend keeps until Settings change it: on, a week ahead. */
export const DEFAULT_REMINDERS: ReminderSettings = { enabled: true, days: 7 };

/** The reminder settings in `settings` (the defaults when a backend sends none). */
export function remindersOf(settings: Settings): ReminderSettings {
  const r = (settings as Partial<Settings>).reminders;
  return r && typeof r.enabled === 'boolean' && typeof r.days === 'number' ? r : { ...DEFAULT_REMINDERS };
}

/**
 * The day count as typed ("7", " 30 ", "١٤"), or null when it is not a whole number from 1 to
 * 90 (empty, a fraction, a sign, a letter, out of range).
 */
export function parseReminderDays(text: string): number | null {
  const digits = text
    .trim()
    .replace(/[٠-٩]/g, (c) => String(c.charCodeAt(0) - 0x0660))
    .replace(/[۰-۹]/g, (c) => String(c.charCodeAt(0) - 0x06f0));
  if (!/^\d{1,3}$/.test(digits)) return null;
  const days = Number(digits);
  return days >= REMINDER_DAYS_MIN && days <= REMINDER_DAYS_MAX ? days : null;
}
