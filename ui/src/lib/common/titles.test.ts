import { describe, expect, it } from 'vitest';
import type { RegionInfo } from '../ipc/types';
import { displayTitle, ordinal } from './titles';

const regions: RegionInfo[] = [
  { slug: 'fes-meknes', number: 3, ar: 'فاس مكناس', fr: 'Fès-Meknès', en: 'Fez-Meknes' },
  { slug: 'oriental', number: 2, ar: 'الشرق', fr: "L'Oriental", en: 'Oriental' },
];

describe('display titles', () => {
  const seed = { title: null, rank: 9, region: 'fes-meknes' as const };

  it('builds the title from rank and region in each language', () => {
    expect(displayTitle(seed, 'ar', regions)).toBe('الاجتماع التاسع — جهة فاس مكناس');
    expect(displayTitle(seed, 'fr', regions)).toBe('9e réunion — région Fès-Meknès');
    expect(displayTitle(seed, 'en', regions)).toBe('9th meeting — Fez-Meknes region');
  });

  it('prefers a title of its own', () => {
    expect(displayTitle({ ...seed, title: 'لقاء خاص' }, 'fr', regions)).toBe('لقاء خاص');
  });

  it('does without rank or region', () => {
    expect(displayTitle({ title: null, rank: null, region: null }, 'fr', regions)).toBe('Réunion');
    expect(displayTitle({ title: null, rank: null, region: 'oriental' }, 'ar', regions)).toBe('الاجتماع — جهة الشرق');
    expect(displayTitle({ title: null, rank: 10, region: null }, 'ar', regions)).toBe('الاجتماع العاشر');
  });

  it('writes ordinals as each language does', () => {
    expect(ordinal(1, 'ar')).toBe('الأول');
    expect(ordinal(11, 'ar')).toBe('الحادي عشر');
    expect(ordinal(25, 'ar')).toBe('رقم 25');
    expect(ordinal(1, 'fr')).toBe('1er');
    expect(ordinal(2, 'fr')).toBe('2e');
    expect(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '103rd']).toEqual(
      [1, 2, 3, 4, 11, 12, 13, 21, 22, 103].map((n) => ordinal(n, 'en')),
    );
  });
});
