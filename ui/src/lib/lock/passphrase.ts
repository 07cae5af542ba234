// The passphrase of the encrypted data folder, as the screens check it before the backend does:
// its length in characters (the backend counts Unicode characters, not the UTF-16 units a
// JavaScript string is made of: an Arabic passphrase is as long as it looks, a character outside
// the Basic Multilingual Plane counts once), the confirmation typed twice, and the delay of the
// automatic lock offered in Settings. Pure functions (passphrase.test.ts).

import type { Lang, Settings } from '../ipc/types';
import { translate, translatePlural } from '../i18n/index.svelte';

/** The fewest characters a passphrase has (the backend refuses shorter ones: `weak_passphrase`). */
export const PASSPHRASE_MIN = 8;

/** A passphrase's length as the backend counts it: in Unicode characters (code points). */
export function passphraseLength(passphrase: string): number {
  return [...passphrase].length;
}

/** Whether the backend would take this as a new passphrase (spaces count: they are typed). */
export function longEnough(passphrase: string): boolean {
  return passphraseLength(passphrase) >= PASSPHRASE_MIN;
}

/**
 * What is wrong with a new passphrase and its confirmation, field by field (null: nothing):
 * too short, or the confirmation is not the very same text. The confirmation is judged only
 * once it is typed, and not when the passphrase itself is already refused (one thing at a time).
 */
export interface NewPassphraseCheck {
  passphrase: 'short' | null;
  confirmation: 'mismatch' | null;
  ok: boolean;
}

export function checkNewPassphrase(passphrase: string, confirmation: string): NewPassphraseCheck {
  const short = !longEnough(passphrase);
  const mismatch = !short && confirmation !== passphrase;
  return { passphrase: short ? 'short' : null, confirmation: mismatch ? 'mismatch' : null, ok: !short && !mismatch };
}

// ----- the automatic lock -----

/** The delays offered, in minutes (0: never). */
export const AUTO_LOCK_CHOICES: readonly number[] = [0, 5, 10, 15, 30, 60];
/** The longest delay the backend keeps (8 hours). */
export const AUTO_LOCK_MAX = 480;
/** The backend's default. */
export const DEFAULT_AUTO_LOCK = 15;

/** Whether the backend keeps this delay: a whole number of minutes from 0 to 480. */
export function validAutoLock(minutes: unknown): minutes is number {
  return typeof minutes === 'number' && Number.isInteger(minutes) && minutes >= 0 && minutes <= AUTO_LOCK_MAX;
}

/** The delay in the settings (the default when a backend sends none, or one it would refuse). */
export function autoLockOf(settings: Settings): number {
  const minutes = (settings as Partial<Settings>).auto_lock_minutes;
  return validAutoLock(minutes) ? minutes : DEFAULT_AUTO_LOCK;
}

/** The delays to offer: the usual ones, and the one set now if it is another (set elsewhere). */
export function autoLockChoices(current: number): number[] {
  const all = AUTO_LOCK_CHOICES.includes(current) || !validAutoLock(current) ? [...AUTO_LOCK_CHOICES] : [...AUTO_LOCK_CHOICES, current];
  return all.sort((a, b) => a - b);
}

/** A delay as the select names it: "never", "after 5 minutes". */
export function autoLockLabel(l: Lang, minutes: number): string {
  return minutes === 0 ? translate(l, 'encryption.autoLock.never') : translatePlural(l, 'encryption.autoLock.after', minutes);
}

// ----- the backend's refusals -----

/**
 * A refusal of the passphrase itself, said under its box rather than in the error banner:
 * `wrong` (not the passphrase), `weak` (too short), `invalid` (refused as typed), `missing`
 * (encrypted backups and no passphrase given: `backup_locked`); null for any other error (shown
 * as errors are).
 */
export type PassphraseRefusal = 'wrong' | 'weak' | 'invalid' | 'missing';

export function passphraseRefusal(e: unknown): PassphraseRefusal | null {
  if (typeof e !== 'object' || e === null || !('code' in e)) return null;
  switch ((e as { code: unknown }).code) {
    case 'wrong_passphrase':
      return 'wrong';
    case 'weak_passphrase':
      return 'weak';
    case 'invalid_input':
      return 'invalid';
    case 'backup_locked':
      return 'missing';
    default:
      return null;
  }
}
