import { describe, expect, it } from 'vitest';
import { MAX_NAME, collapseName, profileProblem } from './profile';

describe('the profile, as the forms check it', () => {
  it('stores a name with single spaces and none at either end', () => {
    expect(collapseName('  عواطف   حيار \n')).toBe('عواطف حيار');
    expect(collapseName(' \t ')).toBe('');
  });

  it('says one thing at a time: no name, then too long, then no role', () => {
    expect(profileProblem('ar', '', '')).toBe('أدخل اسما.');
    expect(profileProblem('ar', 'أ'.repeat(MAX_NAME + 1), '')).toBe(`الاسم طويل جدا: ${MAX_NAME} حرفا على الأكثر.`);
    expect(profileProblem('ar', 'عواطف حيار', '')).toBe('اختر دورا.');
    expect(profileProblem('fr', 'Awatif Hayar', ''), 'in the language of the window').not.toBe(profileProblem('ar', 'عواطف حيار', ''));
    expect(profileProblem('ar', 'عواطف حيار', 'secretary'), 'nothing to say').toBeNull();
  });

  it('counts characters as the backend does, not UTF-16 units', () => {
    // 120 characters outside the Basic Multilingual Plane are 240 UTF-16 units, and still allowed.
    expect(profileProblem('en', '𝐀'.repeat(MAX_NAME), 'reviewer')).toBeNull();
    expect(profileProblem('en', '𝐀'.repeat(MAX_NAME + 1), 'reviewer')).not.toBeNull();
  });
});
