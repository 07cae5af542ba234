import { describe, expect, it } from 'vitest';
import type { Settings } from '../ipc/types';
import {
  AUTO_LOCK_CHOICES, AUTO_LOCK_MAX, DEFAULT_AUTO_LOCK, PASSPHRASE_MIN, autoLockChoices, autoLockLabel, autoLockOf,
  checkNewPassphrase, longEnough, passphraseLength, passphraseRefusal, validAutoLock,
} from './passphrase';

describe('the length of a passphrase, counted as the backend counts it', () => {
  it('is at least 8 characters', () => {
    expect(PASSPHRASE_MIN).toBe(8);
  });

  it('counts Arabic letters one by one, spaces included', () => {
    expect(passphraseLength('كلمة سر تجريبية')).toBe(15);
    expect(passphraseLength('كلمة سر')).toBe(7);
    expect(longEnough('كلمة سر')).toBe(false);
    expect(longEnough('كلمة سرّ')).toBe(true); // the shadda is a character of its own, as for the backend
    expect(longEnough('مفتاحسري')).toBe(true);
    expect(longEnough('مفتاحسر')).toBe(false);
  });

  it('counts characters, not the UTF-16 units of a JavaScript string', () => {
    const seven = '🔐🔐🔐🔐🔐🔐🔐';
    expect(seven.length).toBe(14);
    expect(passphraseLength(seven)).toBe(7);
    expect(longEnough(seven)).toBe(false);
    expect(longEnough(`${seven}ك`)).toBe(true);
    expect(passphraseLength('𝔸𝔹')).toBe(2);
  });

  it('keeps spaces as typed: they are part of a passphrase', () => {
    expect(longEnough('  abc   ')).toBe(true);
    expect(longEnough(' abcdef')).toBe(false);
    expect(longEnough('')).toBe(false);
  });
});

describe('a new passphrase and its confirmation', () => {
  it('is accepted when long enough and typed twice the same', () => {
    expect(checkNewPassphrase('كلمة سر تجريبية', 'كلمة سر تجريبية')).toEqual({ passphrase: null, confirmation: null, ok: true });
  });

  it('is refused when too short, whatever the confirmation', () => {
    expect(checkNewPassphrase('قصيرة', 'قصيرة')).toEqual({ passphrase: 'short', confirmation: null, ok: false });
    expect(checkNewPassphrase('قصيرة', 'أخرى')).toEqual({ passphrase: 'short', confirmation: null, ok: false });
  });

  it('is refused when the confirmation differs, even by a space or a diacritic', () => {
    expect(checkNewPassphrase('كلمة سر تجريبية', '')).toMatchObject({ confirmation: 'mismatch', ok: false });
    expect(checkNewPassphrase('كلمة سر تجريبية', 'كلمة سر تجريبية ')).toMatchObject({ confirmation: 'mismatch', ok: false });
    expect(checkNewPassphrase('كلمة سرّ تجريبية', 'كلمة سر تجريبية')).toMatchObject({ passphrase: null, confirmation: 'mismatch' });
  });
});

describe('the delay of the automatic lock', () => {
  const base = {
    language: 'ar',
    hijri_adjust: 0,
    letterhead: { ar: [], fr: [], en: [] },
    reminders: { enabled: true, days: 7 },
    attachment_max_mb: 50,
    minutes_photos: 'thumbnails',
  } satisfies Omit<Settings, 'auto_lock_minutes'>;

  it('offers never, 5, 10, 15, 30 and 60 minutes; the backend keeps 0 to 480', () => {
    expect(AUTO_LOCK_CHOICES).toEqual([0, 5, 10, 15, 30, 60]);
    expect(AUTO_LOCK_MAX).toBe(480);
    expect([0, 1, 15, 480].every(validAutoLock)).toBe(true);
    expect([-1, 481, 2.5, Number.NaN, '15', null].some(validAutoLock)).toBe(false);
  });

  it('is the one in the settings, else the backend default (15)', () => {
    expect(autoLockOf({ ...base, auto_lock_minutes: 30 } as Settings)).toBe(30);
    expect(autoLockOf({ ...base, auto_lock_minutes: 0 } as Settings)).toBe(0);
    expect(autoLockOf(base as unknown as Settings)).toBe(DEFAULT_AUTO_LOCK);
    expect(autoLockOf({ ...base, auto_lock_minutes: 9999 } as Settings)).toBe(15);
  });

  it('offers the delay set elsewhere too, in order', () => {
    expect(autoLockChoices(15)).toEqual([0, 5, 10, 15, 30, 60]);
    expect(autoLockChoices(20)).toEqual([0, 5, 10, 15, 20, 30, 60]);
    expect(autoLockChoices(480)).toEqual([0, 5, 10, 15, 30, 60, 480]);
    expect(autoLockChoices(-3)).toEqual([0, 5, 10, 15, 30, 60]);
  });

  it('is named in each language, with the Arabic plural forms', () => {
    expect(autoLockLabel('ar', 0)).toBe('أبدا');
    expect(autoLockLabel('ar', 5)).toBe('بعد 5 دقائق');
    expect(autoLockLabel('ar', 10)).toBe('بعد 10 دقائق');
    expect(autoLockLabel('ar', 15)).toBe('بعد 15 دقيقة');
    expect(autoLockLabel('ar', 60)).toBe('بعد 60 دقيقة');
    expect(autoLockLabel('ar', 1)).toBe('بعد دقيقة واحدة');
    expect(autoLockLabel('ar', 2)).toBe('بعد دقيقتين');
    expect(autoLockLabel('fr', 0)).toBe('Jamais');
    expect(autoLockLabel('fr', 5)).toBe('Après 5 minutes');
    expect(autoLockLabel('en', 1)).toBe('After 1 minute');
    expect(autoLockLabel('en', 30)).toBe('After 30 minutes');
  });
});

describe('the refusals of a passphrase by the backend', () => {
  it('are said under the box; any other error is not', () => {
    const e = (code: string) => ({ code, message: code, details: null });
    expect(passphraseRefusal(e('wrong_passphrase'))).toBe('wrong');
    expect(passphraseRefusal(e('weak_passphrase'))).toBe('weak');
    expect(passphraseRefusal(e('invalid_input'))).toBe('invalid');
    expect(passphraseRefusal(e('backup_locked'))).toBe('missing');
    expect(passphraseRefusal(e('store_locked'))).toBeNull();
    expect(passphraseRefusal(e('internal'))).toBeNull();
    expect(passphraseRefusal(new Error('x'))).toBeNull();
    expect(passphraseRefusal('wrong_passphrase')).toBeNull();
    expect(passphraseRefusal(null)).toBeNull();
  });
});
