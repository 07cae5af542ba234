import { describe, expect, it } from 'vitest';
import { nothingTyped, syncInput } from './server';

describe('the sync server as the forms send it', () => {
  it('sends blank boxes as none, the address and user trimmed, the password as typed', () => {
    expect(syncInput({ url: ' https://sync.example.org/mahdar ', user: ' secretariat ', password: ' pass word ' }, true)).toEqual({
      url: 'https://sync.example.org/mahdar',
      user: 'secretariat',
      password: ' pass word ',
      continuous: true,
    });
    expect(syncInput({ url: '  ', user: '', password: '' }, false)).toEqual({ url: null, user: null, password: null, continuous: false });
  });

  it('keeps the stored password when its box is left empty (null, never "", which removes it)', () => {
    expect(syncInput({ url: 'https://sync.example.org/mahdar', user: 'x', password: '' }, false).password).toBeNull();
  });

  it('tells when nothing at all was typed', () => {
    expect(nothingTyped({ url: ' ', user: '', password: '' })).toBe(true);
    expect(nothingTyped({ url: '', user: '', password: ' ' }), 'a password of spaces is typed').toBe(false);
    expect(nothingTyped({ url: 'https://sync.example.org/mahdar', user: '', password: '' })).toBe(false);
  });
});
