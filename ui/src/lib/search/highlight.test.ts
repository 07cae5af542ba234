import { describe, expect, it } from 'vitest';
import { highlightParts } from './highlight';

describe('highlightParts', () => {
  it('marks the words found, counted in UTF-8 bytes as the backend counts them', () => {
    const snippet = 'قالت الوزيرة: 26 مليون';
    const bytes = (s: string) => new TextEncoder().encode(s).length;
    const a = bytes('قالت ');
    const b = a + bytes('الوزيرة');
    const parts = highlightParts(snippet, [[a, b]]);
    expect(parts).toEqual([
      { text: 'قالت ', mark: false },
      { text: 'الوزيرة', mark: true },
      { text: ': 26 مليون', mark: false },
    ]);
  });

  it('leaves out ranges that do not fit', () => {
    expect(highlightParts('abc', [[2, 9]])).toEqual([{ text: 'abc', mark: false }]);
    expect(highlightParts('abc', [])).toEqual([{ text: 'abc', mark: false }]);
  });
});
