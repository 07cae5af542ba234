import { describe, expect, it } from 'vitest';
import type { AttendanceView, Person, PersonId, Stored } from '../ipc/types';
import seed from '../ipc/seed-documents.json';
import { filterByName, foldForMatch, matchRank, nameKey, sameName } from './fold';
import { matchSpeakers } from '../minutes/speakers';

type Doc = Record<string, unknown> & { id: string; type: string };
const docs = seed as Doc[];
const people = docs.filter((d) => d.type === 'person') as unknown as Stored<Person, PersonId>[];
const attendance: AttendanceView[] = docs
  .filter((d) => d.type === 'attendance')
  .map((a) => ({ ...(a as unknown as AttendanceView), person_record: people.find((p) => p.id === a.person) ?? null }));
const names = (p: Person) => [p.name_ar, p.name_latin, ...p.aliases];
const find = (q: string) => filterByName(q, people, names).map((p) => p.name_ar);

describe('forgiving name matching', () => {
  it('finds the wali by his name with or without the article', () => {
    expect(find('زنيبر')[0]).toBe('السعيد الزنيبر');
    expect(find('الزنيبر')[0]).toBe('السعيد الزنيبر');
    expect(find('السعيد')[0]).toBe('السعيد الزنيبر');
  });

  it('finds the council president across hamza forms and the article', () => {
    expect(find('الانصاري')[0]).toBe('عبد الواحد الأنصاري');
    expect(find('أنصاري')[0]).toBe('عبد الواحد الأنصاري');
    expect(find('الأنصاري')[0]).toBe('عبد الواحد الأنصاري');
  });

  it('forgives ta marbuta, alef maqsura, diacritics, tatweel, case and accents', () => {
    expect(foldForMatch('مدرّة')).toBe(foldForMatch('مدره'));
    expect(foldForMatch('مصطفى')).toBe(foldForMatch('مصطفي'));
    expect(foldForMatch('عـــواطف')).toBe('عواطف');
    expect(foldForMatch('  Saïd   Zniber ')).toBe('said zniber');
    expect(foldForMatch('٢٦')).toBe('26');
    expect(find('zniber')[0]).toBe('السعيد الزنيبر');
    expect(find('حيّار')[0]).toBe('عواطف حيار');
  });

  it('does not match unrelated text', () => {
    expect(find('بنكيران')).toEqual([]);
    expect(find('الرباط')).toEqual([]);
    expect(find('xyz')).toEqual([]);
    expect(matchRank('', ['السعيد الزنيبر']), 'an empty query matches nothing by itself').toBeNull();
  });

  it('offers only present attendees while taking minutes', () => {
    expect(matchSpeakers('زنيبر', attendance).map((a) => a.person_record?.name_ar)).toEqual(['السعيد الزنيبر']);
    expect(matchSpeakers('الانصاري', attendance).map((a) => a.person_record?.name_ar)).toEqual(['عبد الواحد الأنصاري']);
    const excused = attendance.map((a) => (a.person_record?.name_ar === 'السعيد الزنيبر' ? { ...a, presence: 'excused' as const } : a));
    expect(matchSpeakers('زنيبر', excused), 'someone excused cannot speak').toEqual([]);
    expect(matchSpeakers('', attendance)).toHaveLength(6);
  });

  it('compares two names as the backend does (same_name): folded, the article off each word', () => {
    expect(nameKey('السعيد الزنيبر')).toBe('سعيد زنيبر');
    expect(nameKey('والوزيرة'), 'the article after "و"').toBe('وزيره');
    expect(nameKey('ال'), 'too short to be an article').toBe('ال');
    expect(sameName('الوزيرة', 'الوزيره')).toBe(true);
    expect(sameName('الوَزِيرَةُ', 'وزيرة')).toBe(true);
    expect(sameName('السعيد الزنيبر', 'السعيد زنيبر')).toBe(true);
    expect(sameName('عواطف حيار', 'الوزيرة')).toBe(false);
    expect(sameName('', ''), 'no name is no one').toBe(false);
  });
});
