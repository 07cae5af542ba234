import { describe, expect, it } from 'vitest';
import { SyncUrlError, amountsIn, checkSyncUrl, orderBetween, parseAmount } from './mock-rules';

describe('the mock reads amounts like the backend', () => {
  it.each([
    ['26000000', 2_600_000_000],
    ['26 000 000', 2_600_000_000],
    ['26 000 000,00', 2_600_000_000],
    ['26.000.000 درهم', 2_600_000_000],
    ['26,000,000.00 MAD', 2_600_000_000],
    ['26 مليون', 2_600_000_000],
    ['26 مليون درهم', 2_600_000_000],
    ['4 ملايين', 400_000_000],
    ['٢٦ مليون', 2_600_000_000],
    ['1,5 million DH', 150_000_000],
    ['12.5', 1250],
    ['26\u00a0000\u00a0000,00\u00a0DH', 2_600_000_000],
  ])('%s', (input, centimes) => {
    expect(parseAmount(input)).toEqual({ centimes, currency: 'MAD' });
  });

  it.each(['', 'abc', '-5', '1.2.3,4', '26 0000', '99999999999999999999'])('refuses "%s"', (input) => {
    expect(() => parseAmount(input)).toThrow();
  });

  it('finds the amounts of the seed proposal, and only amounts with a currency', () => {
    const text =
      'ولتجاوز هذا الوضع، تقترح الوزارة على السلطات المحلية والمجلس الجهوي شراكة تعبئ غلافا ماليا من 26 مليون درهم لتعزيز الاندماج الاقتصادي للنساء، علما أن 4 ملايين درهم سترصد أيضا';
    expect(amountsIn(text).map((m) => m.centimes / 100)).toEqual([26_000_000, 4_000_000]);
    expect(amountsIn('un budget de 30 000 000 MAD, voté').map((m) => m.centimes / 100)).toEqual([30_000_000]);
    expect(amountsIn('التاسع من نوعه منذ 2021 في 12 جهة')).toEqual([]);
  });
});

describe('order keys', () => {
  it('append after the seed keys and sort as strings', () => {
    const seed = ['80', '8180', '8280', '8380', '8480', '8580', '8680', '8780'];
    const next = orderBetween('8780', null);
    expect(next > '8780').toBe(true);
    let keys = [...seed, next];
    // Insert anywhere, many times: the list stays sorted and distinct.
    let seedState = 7;
    for (let n = 0; n < 300; n++) {
      seedState = (seedState * 1103515245 + 12345) % 2147483648;
      const at = seedState % (keys.length + 1);
      const key = orderBetween(at > 0 ? keys[at - 1] : null, at < keys.length ? keys[at] : null);
      keys = [...keys.slice(0, at), key, ...keys.slice(at)];
    }
    expect([...keys].sort()).toEqual(keys);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('goes between two neighbours', () => {
    const k = orderBetween('80', '8180');
    expect(k > '80' && k < '8180').toBe(true);
    const first = orderBetween(null, '80');
    expect(first < '80').toBe(true);
  });
});

describe('the mock checks sync addresses like the backend', () => {
  it.each([
    'https://sync.example.org/mahdar',
    'http://127.0.0.1:5984/mahdar/',
    '  https://user:secret@sync.example.org/db  ',
  ])('accepts %s', (url) => {
    expect(() => checkSyncUrl(url)).not.toThrow();
  });

  it('hides a password in the address it shows', () => {
    expect(checkSyncUrl('https://user:secret@sync.example.org/db')).toBe('https://user:***@sync.example.org/db');
  });

  it.each([
    ['sync.example.org/mahdar', 'invalid server address "sync.example.org/mahdar": relative URL without a base'],
    ['ftp://sync.example.org/mahdar', 'only http:// and https:// addresses are supported'],
    ['https://sync.example.org', 'the address must name a database, e.g. http://host:5984/mahdar'],
    ['https://sync.example.org/', 'the address must name a database'],
    ['http://', 'invalid URL'],
  ])('refuses %s', (url, reason) => {
    expect(() => checkSyncUrl(url)).toThrow(SyncUrlError);
    expect(() => checkSyncUrl(url)).toThrow(reason);
  });
});
