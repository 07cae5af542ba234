import { describe, expect, it } from 'vitest';
import { hrefOf, parseHash, type Route } from './router.svelte';

describe('routes', () => {
  it.each<Route>([
    { name: 'meetings' },
    { name: 'new-meeting' },
    { name: 'new-report' },
    { name: 'meeting', id: 'meeting:0193a0b1-7d61-7000-8000-000000000001' },
    { name: 'report', id: 'meeting:0193a0b1-7d61-7000-8000-000000000001' },
    { name: 'followup' },
    { name: 'settings' },
    { name: 'conflicts' },
    { name: 'about' },
  ])('%o goes to an address and back', (route) => {
    expect(parseHash(hrefOf(route))).toEqual(route);
  });

  it('names the review of a report by its meeting', () => {
    expect(hrefOf({ name: 'report', id: 'meeting:abc' })).toBe('#/report/meeting%3Aabc');
    expect(parseHash('#/report/')).toEqual({ name: 'meetings' });
  });
});
