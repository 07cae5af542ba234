import { describe, expect, it } from 'vitest';
import type { AppError } from './types';
import { MOCK_DATA_DIR, MockDamage, damageScenario } from './mock-recovery';
import { MOCK_PASSPHRASE } from './mock-lock';

/** The error a promise rejected with (or a function threw). */
async function refusal(run: () => unknown): Promise<AppError> {
  try {
    await run();
  } catch (e) {
    return e as AppError;
  }
  throw new Error('it did not fail');
}

// 10:30 in the morning, local time.
const now = () => new Date(2026, 10, 30, 10, 30);

describe('the damaged data folder of the mock backend', () => {
  it('is asked for in the address', () => {
    expect(damageScenario('')).toBeNull();
    expect(damageScenario('?conflict=1')).toBeNull();
    expect(damageScenario('?damaged=1')).toBe('backups');
    expect(damageScenario('?damaged')).toBe('backups');
    expect(damageScenario('?damaged=empty')).toBe('empty');
    expect(damageScenario('?x=1&damaged=unusable')).toBe('unusable');
  });

  it('fails every command that needs the store with store_corrupt, as the backend', async () => {
    const damage = new MockDamage('backups', now);
    for (const cmd of ['first_screen', 'app_info', 'regions', 'meetings', 'sync_status', 'ui_ready', 'set_settings']) {
      const e = await refusal(() => damage.answer(cmd));
      expect(e.code, cmd).toBe('store_corrupt');
      expect(e.message).toContain(`${MOCK_DATA_DIR}/store is damaged`);
      expect(e.message).toContain('mahdar recover');
    }
  });

  it('lists three backups, newest first: a daily one of today, of yesterday, one before a migration', async () => {
    const list = (await new MockDamage('backups', now).answer('backups')) as Awaited<ReturnType<MockDamage['backups']>>;
    expect(list.map((b) => b.kind)).toEqual(['daily', 'daily', 'before_migration']);
    expect(list[0].path).toBe(`${MOCK_DATA_DIR}/backups/daily-2026-11-30.mahdar-backup`);
    expect(list[1].path).toBe(`${MOCK_DATA_DIR}/backups/daily-2026-11-29.mahdar-backup`);
    expect(list[2].path).toMatch(/\/backups\/before-schema-\d+-to-\d+\.mahdar-backup$/);
    const times = list.map((b) => new Date(b.written as string).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(times[0]).toBeLessThanOrEqual(now().getTime());
    for (const b of list) {
      expect(b.written).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(b.bytes).toBeGreaterThan(1_000_000);
    }
    // Just after midnight, today's backup is still today's.
    const early = new MockDamage('backups', () => new Date(2026, 10, 30, 0, 20)).backups()[0];
    expect(new Date(early.written as string).getDate()).toBe(30);
  });

  it('recovers from the newest backup, once; the damaged store set aside', async () => {
    const damage = new MockDamage('backups', now);
    const recovery = (await damage.answer('recover')) as Awaited<ReturnType<MockDamage['recover']>>;
    expect(recovery.backup).toBe(damage.backups()[0].path);
    expect(recovery.damaged_store).toMatch(new RegExp(`^${MOCK_DATA_DIR}/store\\.damaged-\\d{8}T\\d{6}Z$`));
    expect(recovery.restored.documents).toBeGreaterThan(0);
    const again = await refusal(() => damage.answer('recover'));
    expect(again.code).toBe('invalid_input');
    // The store of this process stays the damaged one until the app restarts.
    expect((await refusal(() => damage.answer('meetings'))).code).toBe('store_corrupt');
  });

  it('without backups, or none usable, nothing is recovered and nothing changes (data_dir)', async () => {
    const empty = new MockDamage('empty', now);
    expect(await empty.answer('backups')).toEqual([]);
    const e = await refusal(() => empty.answer('recover'));
    expect(e.code).toBe('data_dir');
    expect(e.message).toBe(`data folder ${MOCK_DATA_DIR}/backups: no usable backup to recover from; nothing was changed`);
    expect(e.message).not.toContain('\n');
    const unusable = new MockDamage('unusable', now);
    expect(unusable.backups()).toHaveLength(3);
    expect((await refusal(() => unusable.answer('recover'))).code).toBe('data_dir');
    // It may be tried again: still nothing to recover from.
    expect((await refusal(() => unusable.answer('recover'))).code).toBe('data_dir');
  });

  it('encrypted (`&encrypted=1`): the backups say so, and are restored only with the passphrase', async () => {
    const plain = new MockDamage('backups', now);
    expect(plain.backups().every((b) => b.encrypted === false)).toBe(true);
    const damage = new MockDamage('backups', now, true);
    expect(damage.backups().every((b) => b.encrypted === true)).toBe(true);
    expect((await refusal(() => damage.answer('recover', { passphrase: null }))).code).toBe('backup_locked');
    expect((await refusal(() => damage.answer('recover', {}))).code).toBe('backup_locked');
    const wrong = await refusal(() => damage.answer('recover', { passphrase: 'كلمة سر' }));
    expect(wrong.code).toBe('wrong_passphrase');
    expect(wrong.message).toContain('nothing was changed');
    expect((await refusal(() => damage.answer('recover', { passphrase: 12 }))).code).toBe('invalid_input');
    const recovery = (await damage.answer('recover', { passphrase: MOCK_PASSPHRASE })) as Awaited<ReturnType<MockDamage['recover']>>;
    expect(recovery.backup).toBe(damage.backups()[0].path);
  });
});
