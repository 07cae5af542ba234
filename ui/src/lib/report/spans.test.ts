import { describe, expect, it } from 'vitest';
import { segments, spanText } from './spans';

const marked = (text: string, source: string, no = 1) => {
  // The span of `text` in code points, as the backend counts.
  const at = source.indexOf(text);
  const start = Array.from(source.slice(0, at)).length;
  return { no, span: { start, end: start + Array.from(text).length }, also: [] };
};

describe('highlighting a report by code points', () => {
  it('counts an emoji as one character, so the Arabic span after it is the right one', () => {
    const source = '🎉 وقالت الوزيرة إن اللقاء مفيد';
    // "الوزيرة" starts at code point 8 but at UTF-16 unit 9: slicing by units would be off by one.
    const span = { start: 8, end: 15 };
    expect(spanText(source, span), 'the span is the minister, not a shifted word').toBe('الوزيرة');
    expect(source.slice(span.start, span.end), 'UTF-16 slicing would be wrong').not.toBe('الوزيرة');
    const segs = segments(source, [{ no: 4, span, also: [] }]);
    const highlighted = segs.filter((s) => s.nos.length > 0);
    expect(highlighted.map((s) => s.text), 'exactly the word is highlighted').toEqual(['الوزيرة']);
    expect(highlighted[0].starts, 'its number is shown before it').toEqual([4]);
    expect(segs.map((s) => s.text).join(''), 'the segments are the whole text').toBe(source);
  });

  it('handles characters outside the BMP inside a span too', () => {
    const source = 'أ𝒳ب ج';
    expect(spanText(source, { start: 0, end: 3 })).toBe('أ𝒳ب');
    expect(segments(source, [{ no: 1, span: { start: 1, end: 2 }, also: [] }]).map((s) => s.text)).toEqual(['أ', '𝒳', 'ب ج']);
  });

  it('cuts nested and overlapping spans, the innermost proposal first', () => {
    const source = 'بحضور والي جهة فاس مكناس عامل عمالة فاس، السعيد الزنيبر، وعمال الأقاليم';
    const attendee = marked('والي جهة فاس مكناس عامل عمالة فاس، السعيد الزنيبر', source, 8);
    const region = marked('جهة فاس مكناس', source, 1);
    const prefecture = marked('عمالة فاس', source, 2);
    // Overlaps the attendee's end without nesting in it.
    const other = marked('الزنيبر، وعمال', source, 9);
    const segs = segments(source, [attendee, region, prefecture, other]);
    expect(segs.map((s) => s.text).join('')).toBe(source);
    const of = (text: string) => segs.find((s) => s.text === text);
    expect(of('جهة فاس مكناس')?.nos, 'region inside the attendee').toEqual([1, 8]);
    expect(of('عمالة فاس')?.nos).toEqual([2, 8]);
    expect(of('الزنيبر')?.nos, 'two spans overlap here: the shorter first').toEqual([9, 8]);
    expect(of('، وعمال')?.nos).toEqual([9]);
    expect(of('بحضور ')?.nos, 'plain text').toEqual([]);
    expect(of('والي ')?.starts).toEqual([8]);
  });

  it('numbers a span that starts inside a word before the word, so its letters stay joined', () => {
    const source = 'أما الرئيس، فنوه بالاختيارات';
    const span = { start: 13, end: 16 };
    expect(spanText(source, span)).toBe('نوه');
    const segs = segments(source, [{ no: 19, span, also: [] }]);
    expect(segs.map((s) => [s.text, s.nos, s.starts])).toEqual([
      ['أما الرئيس، ', [], []],
      ['ف', [], [19]],
      ['نوه', [19], []],
      [' بالاختيارات', [], []],
    ]);
  });

  it('marks other mentions without numbering them, and drops empty or outside spans', () => {
    const source = 'السعيد الزنيبر ثم السعيد زنيبر';
    const segs = segments(source, [
      { no: 2, span: { start: 0, end: 14 }, also: [{ start: 18, end: 30 }] },
      { no: 3, span: { start: 5, end: 5 }, also: [] },
      { no: 4, span: { start: 40, end: 50 }, also: [] },
    ]);
    expect(segs.filter((s) => s.nos.length).map((s) => [s.text, s.nos, s.starts])).toEqual([
      ['السعيد الزنيبر', [2], [2]],
      ['السعيد زنيبر', [2], []],
    ]);
  });

  it('leaves text that looks like HTML as text', () => {
    const source = '<img src=x onerror=alert(1)>';
    expect(segments(source, [{ no: 1, span: { start: 0, end: 4 }, also: [] }]).map((s) => s.text)).toEqual(['<img', ' src=x onerror=alert(1)>']);
  });
});
