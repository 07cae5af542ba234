import { describe, expect, it } from 'vitest';
import { barLength, centimesIn, mergeMoney, physicalX, statusCounts, statusSegments } from './bars';

describe('follow-up bars', () => {
  it('sums one currency and merges lists per currency', () => {
    const mad = (c: number) => ({ centimes: c, currency: 'MAD' });
    expect(centimesIn([mad(2_600_000_000), { centimes: 5, currency: 'EUR' }, mad(400_000_000)])).toBe(3_000_000_000);
    expect(centimesIn([], 'MAD')).toBe(0);
    expect(mergeMoney([[mad(100)], [{ centimes: 7, currency: 'EUR' }, mad(50)], []])).toEqual([
      { centimes: 7, currency: 'EUR' },
      { centimes: 150, currency: 'MAD' },
    ]);
  });

  it('scales bars to the longest, keeping small sums visible', () => {
    expect(barLength(3_000_000_000, 3_000_000_000)).toBe(100);
    expect(barLength(1_500_000_000, 3_000_000_000)).toBe(50);
    expect(barLength(1, 3_000_000_000)).toBe(1);
    expect(barLength(0, 3_000_000_000)).toBe(0);
    expect(barLength(5, 0)).toBe(0);
  });

  it('counts statuses in order and cuts the bar in proportion', () => {
    const counts = statusCounts([{ status: 'done' }, { status: 'proposed' }, { status: 'proposed' }, { status: 'done' }]);
    expect(counts).toEqual([['proposed', 2], ['done', 2]]);
    expect(statusSegments(counts)).toEqual([
      { status: 'proposed', count: 2, start: 0, length: 50 },
      { status: 'done', count: 2, start: 50, length: 50 },
    ]);
    expect(statusSegments([])).toEqual([]);
  });

  it('mirrors x in right-to-left', () => {
    expect(physicalX(0, 30, false)).toBe(0);
    expect(physicalX(0, 30, true)).toBe(70);
    expect(physicalX(30, 20, true)).toBe(50);
  });
});
