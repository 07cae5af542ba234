import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../ipc/types';
import { formatMoment } from '../i18n/format';
import { conflictsText, syncStatusText } from './status';

const TZ = 'Africa/Casablanca';
const NOW = new Date('2026-11-28T15:00:00Z');
const status = (over: Partial<SyncStatus>): SyncStatus => ({
  state: 'off', conflicts: 0, last_sync: null, detail: null, progress: null, ...over,
});

describe('the sync status in words', () => {
  it('says each state', () => {
    expect(syncStatusText('ar', status({ state: 'off' }))).toBe('المزامنة غير مفعّلة');
    expect(syncStatusText('en', status({ state: 'offline', detail: 'cannot reach' }))).toBe('Sync server unreachable');
    expect(syncStatusText('fr', status({ state: 'failed' }))).toBe('Échec de la synchronisation');
    expect(syncStatusText('en', status({ state: 'syncing' }))).toBe('Syncing…');
    expect(syncStatusText('en', status({ state: 'up_to_date' }))).toBe('Not synced yet');
  });

  it('counts the documents so far, and those left when known', () => {
    const push = { direction: 'push' as const, documents: 12, revisions: 15, pending: null };
    expect(syncStatusText('en', status({ state: 'syncing', progress: push }))).toBe('Sending documents: 12');
    expect(syncStatusText('ar', status({ state: 'syncing', progress: { ...push, direction: 'pull', pending: 30 } }))).toBe(
      'جارٍ استقبال الوثائق: 12 (المتبقي: 30)',
    );
    expect(syncStatusText('fr', status({ state: 'syncing', progress: { ...push, pending: 1200 } }))).toMatch(
      /^Envoi des documents : 12 \(restants : 1.200\)$/,
    );
  });

  it('gives the time of the last sync: the time alone today, else the day too', () => {
    expect(syncStatusText('en', status({ state: 'up_to_date', last_sync: '2026-11-28T13:05:00Z' }), NOW, TZ)).toBe(
      'Up to date — last sync: 14:05',
    );
    expect(formatMoment('2026-11-28T13:05:00Z', 'ar', NOW, TZ)).toBe('14:05');
    expect(formatMoment('2026-11-27T13:05:00Z', 'en', NOW, TZ)).toMatch(/^27 November 2026.* 14:05$/);
    expect(formatMoment('2026-11-27T13:05:00Z', 'fr', NOW, TZ)).toMatch(/^27 novembre 2026.* 14:05$/);
    expect(formatMoment('not a time', 'en', NOW, TZ)).toBe('not a time');
  });

  it('counts conflicts with the Arabic plural forms', () => {
    expect(conflictsText('ar', 1)).toBe('تعارض واحد');
    expect(conflictsText('ar', 2)).toBe('تعارضان');
    expect(conflictsText('ar', 3)).toBe('3 تعارضات');
    expect(conflictsText('ar', 11)).toBe('11 تعارضا');
    expect(conflictsText('en', 2)).toBe('2 conflicts');
    expect(conflictsText('fr', 1)).toBe('1 conflit');
  });
});
