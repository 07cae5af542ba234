import { describe, expect, it } from 'vitest';
import type { Diagnostics } from '../ipc/types';
import { diagnosticsFacts } from './diagnostics';

const plain = (s: string) => s.replace(/[\u00a0\u202f\u200e\u200f\u061c]/g, ' ');

const sample: Diagnostics = {
  version: '0.1.0',
  schema_version: 2,
  format_version: 1,
  data_dir: '/home/user/.local/share/mahdar',
  store_bytes: 3_565_158,
  encrypted: true,
  replica_id: 'a1b2c3d4e5f60718',
  documents: 41,
  attachments: 3,
  attachment_bytes: 2_621_440,
  backups: 2,
  last_backup: { name: 'daily-2026-11-30.mahdar-backup', at: '2026-11-30T09:05:00Z', bytes: 512_000 },
  last_sync: '2026-11-29T17:40:00Z',
  sync_server: 'https://sync.example.org/mahdar',
  os: 'linux',
  arch: 'x86_64',
};

function byId(d: Diagnostics, lang: 'ar' | 'fr' | 'en') {
  return Object.fromEntries(diagnosticsFacts(d, lang, 'Africa/Casablanca').map((f) => [f.testid, plain(f.value)]));
}

describe('the About screen', () => {
  it('says every figure, in Arabic', () => {
    const ar = byId(sample, 'ar');
    expect(ar['about-version']).toBe('0.1.0');
    expect(ar['about-schema-version']).toBe(new Intl.NumberFormat('ar-MA').format(2));
    expect(ar['about-data-dir']).toBe('/home/user/.local/share/mahdar');
    expect(ar['about-store-size']).toBe('3,4 ميغابايت');
    expect(ar['about-documents']).toBe('41 وثيقة');
    expect(ar['about-attachments']).toBe('3 ملفات مرفقة (2,5 ميغابايت)');
    expect(ar['about-encrypted']).toBe('البيانات مشفرة');
    expect(ar['about-backups']).toBe('نسختان احتياطيتان');
    expect(ar['about-last-backup']).toMatch(/^30 نونبر 2026 في 10:05 \(500 كيلوبايت\)$/);
    expect(ar['about-last-sync']).toMatch(/^29 نونبر 2026 في 18:40$/);
    expect(ar['about-sync-server']).toBe('https://sync.example.org/mahdar');
    expect(ar['about-system']).toBe('linux (x86_64)');
  });

  it('says "none yet" where there is nothing, and counts with the plural forms', () => {
    const empty = byId(
      { ...sample, encrypted: false, documents: 0, attachments: 0, attachment_bytes: 0, backups: 0, last_backup: null, last_sync: null, sync_server: null },
      'ar',
    );
    expect(empty['about-documents']).toBe('لا وثائق');
    expect(empty['about-attachments'], 'no size for no files').toBe('لا ملفات مرفقة');
    expect(empty['about-encrypted']).toBe('البيانات غير مشفرة');
    expect(empty['about-backups']).toBe('لا نسخ احتياطية');
    expect(empty['about-last-backup']).toBe('لم تُحفظ أي نسخة احتياطية بعد');
    expect(empty['about-last-sync']).toBe('لم تُجرَ أي مزامنة بعد');
    expect(empty['about-sync-server']).toBe('لم يُحدَّد أي خادم للمزامنة');
    expect(byId({ ...sample, attachments: 1 }, 'ar')['about-attachments']).toBe('ملف مرفق واحد (2,5 ميغابايت)');
    expect(byId({ ...sample, documents: 11 }, 'ar')['about-documents']).toBe('11 وثيقة');
    expect(byId({ ...sample, documents: 3 }, 'ar')['about-documents']).toBe('3 وثائق');
  });

  it('says them in French and English too', () => {
    const fr = byId(sample, 'fr');
    expect(fr['about-store-size']).toBe('3,4 Mo');
    expect(fr['about-documents']).toBe('41 documents');
    expect(fr['about-backups']).toBe('2 sauvegardes');
    expect(fr['about-last-sync']).toMatch(/^29 novembre 2026 (?:à )?18:40$/);
    const en = byId({ ...sample, last_sync: null }, 'en');
    expect(en['about-attachments']).toBe('3 attached files (2.5 MB)');
    expect(en['about-last-sync']).toBe('Not synced yet');
    expect(en['about-encrypted']).toBe('The data is encrypted');
  });

  it('writes paths, addresses and ids left to right, the data folder selectable whole', () => {
    const facts = diagnosticsFacts(sample, 'ar');
    const ltr = facts.filter((f) => f.ltr).map((f) => f.testid);
    expect(ltr).toEqual(['about-version', 'about-data-dir', 'about-sync-server', 'about-system', 'about-replica']);
    expect(facts.filter((f) => f.copy).map((f) => f.testid)).toEqual(['about-data-dir']);
    const unset = diagnosticsFacts({ ...sample, sync_server: null }, 'ar').find((f) => f.testid === 'about-sync-server');
    expect(unset?.ltr, 'the words saying there is none are Arabic').toBeFalsy();
  });
});
