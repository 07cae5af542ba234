import { describe, expect, it } from 'vitest';
import type * as T from './types';
import { MOCK_PASSPHRASE, MockEncryption, encryptedAsked, keepForReload, lockedAsked, takeKept } from './mock-lock';
import { MockStore } from './mock';

/** The error a promise rejected with (or a function threw). */
async function refusal(run: () => unknown): Promise<T.AppError> {
  try {
    await run();
  } catch (e) {
    return e as T.AppError;
  }
  throw new Error('it did not fail');
}

/** Deriving a key takes no time here. */
const now = () => Promise.resolve();

/** A session storage of one's own. */
class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

describe('the encrypted data folder of the mock backend', () => {
  it('is asked for in the address', () => {
    expect(lockedAsked('?locked=1')).toBe(true);
    expect(lockedAsked('?x=2&locked=1')).toBe(true);
    expect(lockedAsked('')).toBe(false);
    expect(lockedAsked('?locked=0')).toBe(false);
    expect(encryptedAsked('?damaged=1&encrypted=1')).toBe(true);
    expect(encryptedAsked('?damaged=1')).toBe(false);
  });

  it('locked, refuses every command but those of the key, with store_locked', async () => {
    const lock = new MockEncryption(MOCK_PASSPHRASE, true, now);
    for (const cmd of ['first_screen', 'app_info', 'meetings', 'set_settings', 'backups', 'ui_ready']) {
      expect(() => lock.guard(cmd), cmd).toThrow(expect.objectContaining({ code: 'store_locked' }));
    }
    for (const cmd of ['unlock', 'lock', 'encrypt_data', 'change_passphrase']) expect(() => lock.guard(cmd)).not.toThrow();
    expect((await refusal(() => lock.answer('encrypt_data', { passphrase: 'une autre phrase' }))).code).toBe('store_locked');
    expect((await refusal(() => lock.answer('change_passphrase', { current: MOCK_PASSPHRASE, new: 'une autre phrase' }))).code).toBe('store_locked');
  });

  it('opens with the passphrase «كلمة سر تجريبية», and no other', async () => {
    expect(MOCK_PASSPHRASE).toBe('كلمة سر تجريبية');
    const lock = new MockEncryption(MOCK_PASSPHRASE, true, now);
    expect((await refusal(() => lock.answer('unlock', { passphrase: 'كلمة سر' }))).code).toBe('wrong_passphrase');
    expect((await refusal(() => lock.answer('unlock', { passphrase: 'كلمة سر تجريبيه' }))).code).toBe('wrong_passphrase');
    expect((await refusal(() => lock.answer('unlock', { passphrase: '' }))).code).toBe('invalid_input');
    expect((await refusal(() => lock.answer('unlock', {}))).code).toBe('invalid_input');
    expect(lock.locked).toBe(true);
    expect(await lock.answer('unlock', { passphrase: MOCK_PASSPHRASE })).toBeNull();
    expect(lock.locked).toBe(false);
    expect(() => lock.guard('meetings')).not.toThrow();
  });

  it('locks again; locked, a lock is refused as every command is; open, an unlock has nothing to do', async () => {
    const lock = new MockEncryption(MOCK_PASSPHRASE, false, now);
    expect(await lock.answer('unlock', { passphrase: 'not even the right one' })).toBeNull();
    expect(await lock.answer('lock', {})).toBeNull();
    expect(lock.locked).toBe(true);
    expect((await refusal(() => lock.answer('lock', {}))).code).toBe('store_locked');
    expect(lock.locked).toBe(true);
  });

  it('refuses an empty passphrase before anything else', async () => {
    const lock = new MockEncryption(MOCK_PASSPHRASE, true, now);
    expect((await refusal(() => lock.answer('encrypt_data', { passphrase: '' }))).code).toBe('invalid_input');
    expect((await refusal(() => lock.answer('change_passphrase', { current: '', new: 'عبارة جديدة طويلة' }))).code).toBe('invalid_input');
    expect((await refusal(() => lock.answer('change_passphrase', { current: MOCK_PASSPHRASE, new: '' }))).code).toBe('invalid_input');
    const plain = new MockEncryption(null, false, now);
    expect((await refusal(() => plain.answer('encrypt_data', { passphrase: '' }))).code).toBe('invalid_input');
  });

  it('encrypts unencrypted data, once, with a passphrase of 8 characters or more; it stays open', async () => {
    const lock = new MockEncryption(null, false, now);
    expect(lock.encrypted).toBe(false);
    expect((await refusal(() => lock.answer('lock', {}))).code).toBe('invalid_input');
    const weak = await refusal(() => lock.answer('encrypt_data', { passphrase: 'سبعة ح' }));
    expect(weak.code).toBe('weak_passphrase');
    expect(weak.message).toContain('at least 8 characters');
    // Seven characters, fourteen UTF-16 units: too short all the same.
    expect((await refusal(() => lock.answer('encrypt_data', { passphrase: '🔐🔐🔐🔐🔐🔐🔐' }))).code).toBe('weak_passphrase');
    expect(lock.encrypted).toBe(false);
    expect(await lock.answer('encrypt_data', { passphrase: 'ثمانية ح' })).toBeNull();
    expect(lock.encrypted).toBe(true);
    expect(lock.locked).toBe(false);
    expect((await refusal(() => lock.answer('encrypt_data', { passphrase: 'une autre phrase' }))).code).toBe('already_encrypted');
    await lock.answer('lock', {});
    expect((await refusal(() => lock.answer('unlock', { passphrase: MOCK_PASSPHRASE }))).code).toBe('wrong_passphrase');
    expect(await lock.answer('unlock', { passphrase: 'ثمانية ح' })).toBeNull();
  });

  it('changes the passphrase given the current one and a new one long enough', async () => {
    const lock = new MockEncryption(MOCK_PASSPHRASE, false, now);
    expect((await refusal(() => lock.answer('change_passphrase', { current: 'خطأ خطأ خطأ', new: 'عبارة جديدة طويلة' }))).code).toBe('wrong_passphrase');
    expect((await refusal(() => lock.answer('change_passphrase', { current: MOCK_PASSPHRASE, new: 'قصيرة' }))).code).toBe('weak_passphrase');
    expect(await lock.answer('change_passphrase', { current: MOCK_PASSPHRASE, new: 'عبارة جديدة طويلة' })).toBeNull();
    await lock.answer('lock', {});
    expect((await refusal(() => lock.answer('unlock', { passphrase: MOCK_PASSPHRASE }))).code).toBe('wrong_passphrase');
    expect(await lock.answer('unlock', { passphrase: 'عبارة جديدة طويلة' })).toBeNull();
    const plain = new MockEncryption(null, false, now);
    expect((await refusal(() => plain.answer('change_passphrase', { current: 'x', new: 'عبارة جديدة طويلة' }))).code).toBe('invalid_input');
  });

  it('keeps the mock for the start after an unlock, once', () => {
    const storage = new MemoryStorage();
    expect(takeKept(storage)).toBeNull();
    keepForReload({ docs: [1, 2], passphrase: MOCK_PASSPHRASE }, storage);
    expect(takeKept(storage)).toEqual({ docs: [1, 2], passphrase: MOCK_PASSPHRASE });
    expect(takeKept(storage)).toBeNull();
    storage.setItem('mahdar.mock-kept', '{damaged');
    expect(takeKept(storage)).toBeNull();
  });

  it('the store kept comes back whole: documents, audit trail, settings, profile', () => {
    const store = new MockStore();
    store.loadDemo();
    store.handle('set_settings', { settings: { ...store.settings, auto_lock_minutes: 5 } });
    store.handle('set_user_profile', { profile: { name: 'عواطف حيار', role: 'secretary' } });
    const kept = JSON.parse(JSON.stringify(store.keep()));
    const again = new MockStore();
    again.takeBack(kept);
    expect(again.handle('meetings', { filter: {} })).toEqual(store.handle('meetings', { filter: {} }));
    expect(again.settings.auto_lock_minutes).toBe(5);
    expect(again.profile).toEqual({ name: 'عواطف حيار', role: 'secretary' });
    expect(again.replica).toBe(store.replica);
    const seed = (store.handle('meetings', { filter: {} }) as { id: string }[])[0].id;
    expect(again.handle('history', { doc: seed })).toEqual(store.handle('history', { doc: seed }));
  });
});

describe('the settings of the mock backend', () => {
  it('keep the delay of the automatic lock: 0 to 480 minutes, 15 by default', () => {
    const store = new MockStore();
    expect(store.settings.auto_lock_minutes).toBe(15);
    const { auto_lock_minutes: _gone, ...older } = store.settings;
    expect((store.handle('set_settings', { settings: older }) as T.Settings).auto_lock_minutes).toBe(15);
    for (const minutes of [0, 5, 480]) {
      expect((store.handle('set_settings', { settings: { ...store.settings, auto_lock_minutes: minutes } }) as T.Settings).auto_lock_minutes).toBe(minutes);
    }
    for (const minutes of [-1, 481, 2.5, '10']) {
      expect(() => store.handle('set_settings', { settings: { ...store.settings, auto_lock_minutes: minutes } }), String(minutes)).toThrow(
        expect.objectContaining({ code: 'invalid_input', details: { field: 'auto_lock_minutes' } }),
      );
    }
  });

  it('say in the app information whether the data is encrypted', () => {
    const store = new MockStore();
    expect((store.handle('app_info', {}) as T.AppInfo).encrypted).toBe(false);
    store.encrypted = () => true;
    expect((store.handle('app_info', {}) as T.AppInfo).encrypted).toBe(true);
  });
});
