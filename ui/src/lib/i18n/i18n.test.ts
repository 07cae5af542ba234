import { describe, expect, it } from 'vitest';
import type { Lang } from '../ipc/types';
import { ar, type Message } from './ar';
import { catalogues, LOCALES, translate, translatePlural } from './index.svelte';

const LANGS: Lang[] = ['ar', 'fr', 'en'];
const KEYS = Object.keys(ar).sort();

function placeholders(m: Message): string[] {
  const texts = typeof m === 'string' ? [m] : Object.values(m);
  const found = new Set<string>();
  for (const text of texts) for (const match of (text ?? '').matchAll(/\{(\w+)\}/g)) found.add(match[1]);
  return [...found].sort();
}

describe('message catalogues', () => {
  it.each(LANGS)('%s has every key, and no other', (lang) => {
    expect(Object.keys(catalogues[lang]).sort(), `catalogue ${lang} must have exactly the keys of ar.ts`).toEqual(KEYS);
  });

  it.each(LANGS)('%s messages are not empty', (lang) => {
    for (const key of KEYS) {
      const m = catalogues[lang][key as keyof typeof ar];
      const texts = typeof m === 'string' ? [m] : Object.values(m);
      for (const text of texts) expect(text?.trim(), `${lang} ${key}`).toBeTruthy();
    }
  });

  it('every message has the same placeholders in every language', () => {
    for (const key of KEYS) {
      const expected = placeholders(ar[key as keyof typeof ar]);
      for (const lang of LANGS) {
        expect(placeholders(catalogues[lang][key as keyof typeof ar]), `placeholders of ${key} in ${lang}`).toEqual(expected);
      }
    }
  });

  it('plural messages have exactly the CLDR categories their language needs', () => {
    for (const lang of LANGS) {
      const needed = new Intl.PluralRules(LOCALES[lang]).resolvedOptions().pluralCategories.slice().sort();
      for (const key of KEYS) {
        const m = catalogues[lang][key as keyof typeof ar];
        const pluralInAr = typeof ar[key as keyof typeof ar] !== 'string';
        expect(typeof m !== 'string', `${key} is plural in ar, so it is plural in ${lang}`).toBe(pluralInAr);
        if (typeof m !== 'string') expect(Object.keys(m).sort(), `${lang} ${key}`).toEqual(needed);
      }
    }
    expect(new Intl.PluralRules('ar-MA').resolvedOptions().pluralCategories.length, 'Arabic has six plural forms').toBe(6);
  });

  it('picks the Arabic plural form by count', () => {
    expect(translatePlural('ar', 'statements.count', 0)).toBe('لا مداخلات');
    expect(translatePlural('ar', 'statements.count', 1)).toBe('مداخلة واحدة');
    expect(translatePlural('ar', 'statements.count', 2)).toBe('مداخلتان');
    expect(translatePlural('ar', 'statements.count', 8)).toBe('8 مداخلات');
    expect(translatePlural('ar', 'statements.count', 11)).toBe('11 مداخلة');
    expect(translatePlural('ar', 'statements.count', 100)).toBe('100 مداخلة');
    expect(translatePlural('fr', 'statements.count', 1)).toBe('1 intervention');
    expect(translatePlural('fr', 'statements.count', 8)).toBe('8 interventions');
    expect(translatePlural('en', 'actions.count', 3)).toBe('3 actions');
  });

  it('fills placeholders', () => {
    expect(translate('ar', 'minutes.noMatch', { query: 'زيد' })).toBe('لا أحد من الحاضرين يطابق «زيد».');
    expect(translate('en', 'region.display', { name: 'Fez-Meknes' })).toBe('Fez-Meknes region');
  });

  it('has an entry for every error code of the backend', () => {
    const codes = [
      'invalid_input', 'not_found', 'speaker_not_attending', 'speaker_not_present', 'illegal_transition',
      'meeting_locked', 'conflict', 'store_in_use', 'store_corrupt', 'store_too_new', 'internal',
      'store_migration', 'unreadable_document', 'data_dir', 'invalid_backup', 'store_not_empty', 'file', 'storage',
      // the approval workflow
      'no_profile', 'not_allowed',
      // mahdar-sync
      'offline', 'unauthorized', 'http', 'protocol', 'bad_url', 'no_database', 'refused', 'cancelled',
      // encryption at rest
      'store_locked', 'wrong_passphrase', 'weak_passphrase', 'already_encrypted', 'store_busy', 'backup_locked',
    ];
    for (const code of codes) expect(KEYS, `error.${code}`).toContain(`error.${code}`);
  });
});
