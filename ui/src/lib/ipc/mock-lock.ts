// Encryption at rest in the in-memory mock backend, as the desktop app's commands behave:
//
// - `?locked=1` in the page's address: the data folder is encrypted (with the example meeting
//   in it) and locked, and every command fails with `store_locked` but `unlock` (and `lock`,
//   which changes nothing then); the passphrase is «كلمة سر تجريبية» (MOCK_PASSPHRASE);
// - otherwise the data starts unencrypted, and `encrypt_data` encrypts it (a few seconds; it
//   stays open); `lock` forgets the key, `unlock` takes it back (about a second, right or
//   wrong; nothing to do when the data is open), `change_passphrase` replaces it. An empty
//   passphrase is refused (`invalid_input`) before anything else, as src-tauri does.
//
// The unlock screen loads the window again once the data is open, which would start the mock
// afresh: so `unlock` keeps the whole mock (documents, audit trail, settings, sync) in the
// window's session storage, and the next start takes it back (once), unlocked.

import type * as T from './types';
import { PASSPHRASE_MIN, longEnough } from '../lock/passphrase';

/** The passphrase of the mock's encrypted data folder. */
export const MOCK_PASSPHRASE = 'كلمة سر تجريبية';

const UNLOCK_MS = 600;
const ENCRYPT_MS = 1_500;

function fail(code: string, message: string, details: Record<string, unknown> | null = null): never {
  const error: T.AppError = { code, message, details };
  throw error;
}

/** Whether the page's address asks for encrypted, locked data (`?locked=1`). */
export function lockedAsked(search: string): boolean {
  return new URLSearchParams(search).get('locked') === '1';
}

/** Whether the page's address asks for encrypted backups (`?damaged=1&encrypted=1`). */
export function encryptedAsked(search: string): boolean {
  return new URLSearchParams(search).get('encrypted') === '1';
}

/** The error of every command while the data is locked. */
export function storeLocked(): never {
  return fail('store_locked', 'the data folder is encrypted and locked: unlock it with its passphrase');
}

/** The commands about the key, answered even while the data is locked. */
const KEY_COMMANDS = new Set(['unlock', 'lock', 'encrypt_data', 'change_passphrase']);

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function passphraseArg(field: string, v: unknown): string {
  if (typeof v !== 'string') fail('invalid_input', `${field}: a passphrase is text`, { field });
  return v as string;
}

/** A passphrase given: text, not empty. */
function nonEmpty(field: string, v: unknown): string {
  const text = passphraseArg(field, v);
  if (text === '') fail('invalid_input', 'the passphrase is empty', { field });
  return text;
}

function strong(field: string, passphrase: string): string {
  if (!longEnough(passphrase)) {
    fail('weak_passphrase', `${field}: the passphrase is too short: at least ${PASSPHRASE_MIN} characters`, { field, min: PASSPHRASE_MIN });
  }
  return passphrase;
}

export class MockEncryption {
  /**
   * `passphrase`: null while the data is not encrypted. `delay`: how long deriving a key takes
   * (and encrypting, more), replaced by nothing in the unit tests.
   */
  constructor(
    private passphrase: string | null = null,
    public locked = false,
    private readonly delay: (ms: number) => Promise<void> = wait,
  ) {}

  get encrypted(): boolean {
    return this.passphrase !== null;
  }

  /** What a reloaded window needs to start as this one ends: encrypted, and with which passphrase. */
  get key(): string | null {
    return this.passphrase;
  }

  /** Whether this command is one of the key's. */
  handles(cmd: string): boolean {
    return KEY_COMMANDS.has(cmd);
  }

  /** Refuses any other command while the data is locked. */
  guard(cmd: string): void {
    if (this.locked && !this.handles(cmd)) storeLocked();
  }

  async answer(cmd: string, a: Record<string, unknown>): Promise<null> {
    switch (cmd) {
      case 'unlock': {
        // Open already (encrypted or not): nothing to do.
        if (!this.locked) return null;
        const given = nonEmpty('passphrase', a.passphrase);
        // The key is derived whether the passphrase is right or not: as long either way.
        await this.delay(UNLOCK_MS);
        if (given !== this.passphrase) fail('wrong_passphrase', 'wrong passphrase');
        this.locked = false;
        return null;
      }
      case 'lock':
        if (this.locked) storeLocked();
        if (!this.encrypted) fail('invalid_input', 'the data is not encrypted: there is nothing to lock');
        this.locked = true;
        return null;
      case 'encrypt_data': {
        const given = nonEmpty('passphrase', a.passphrase);
        if (this.locked) storeLocked();
        if (this.encrypted) fail('already_encrypted', 'the data folder is already encrypted');
        const passphrase = strong('passphrase', given);
        await this.delay(ENCRYPT_MS);
        this.passphrase = passphrase;
        return null;
      }
      case 'change_passphrase': {
        const current = nonEmpty('current', a.current);
        const given = nonEmpty('new', a.new);
        if (this.locked) storeLocked();
        if (!this.encrypted) fail('invalid_input', 'the data is not encrypted: encrypt it first');
        const next = strong('new', given);
        await this.delay(UNLOCK_MS);
        if (current !== this.passphrase) fail('wrong_passphrase', 'wrong passphrase', { field: 'current' });
        this.passphrase = next;
        return null;
      }
      default:
        return fail('invalid_input', `not a command of the key: ${cmd}`);
    }
  }
}

// ----- the mock kept across the reload that follows an unlock -----

const KEPT = 'mahdar.mock-kept';

function sessionStore(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

/** Keeps the mock's state for the window's next start (after an unlock, the window loads again). */
export function keepForReload(state: unknown, storage: Storage | null = sessionStore()): void {
  try {
    storage?.setItem(KEPT, JSON.stringify(state));
  } catch {
    // Storage full or refused: the next start is a fresh one.
  }
}

/** The state kept by the window before, once (it is removed as it is taken), or null. */
export function takeKept<S>(storage: Storage | null = sessionStore()): S | null {
  const kept = storage?.getItem(KEPT) ?? null;
  if (kept === null) return null;
  storage?.removeItem(KEPT);
  try {
    return JSON.parse(kept) as S;
  } catch {
    return null;
  }
}
