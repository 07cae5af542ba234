// The app runs under a strict CSP and mirrors itself in Arabic: the sources must not use
// physical left/right CSS, inline style attributes, HTML from strings (Svelte's html tag,
// the inner-HTML property), or Svelte transitions. (Patterns are spelled in pieces so that a
// plain grep of the sources for them finds only real uses.)

import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(__dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(svelte|css|ts)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

const RULES: [string, RegExp][] = [
  ['physical margin/padding/border side', /\b(?:margin|padding|border|scroll-margin|scroll-padding)-(?:left|right)\b/],
  ['physical corner radius', /\bborder-(?:top|bottom)-(?:left|right)-radius\b/],
  ['left/right offset property', /(?:^|[\s{;])(?:left|right)\s*:/m],
  ['text-align left/right', /\btext-align\s*:\s*(?:left|right)\b/],
  ['float or clear left/right', /\b(?:float|clear)\s*:\s*(?:left|right)\b/],
  ['inline style attribute', /\sstyle\s*=\s*["'{]/],
  ['Svelte html tag', new RegExp('\\{@' + 'html\\b')],
  ['inner-HTML property', new RegExp('\\binner' + 'HTML\\b')],
  ['outerHTML or insertAdjacentHTML', /\b(?:outerHTML|insertAdjacentHTML)\b/],
  ['Svelte transition or animation', /\b(?:transition|animate|in|out):[a-zA-Z]/],
];

describe('sources', () => {
  const all = files(SRC);

  it('exist', () => {
    expect(all.length).toBeGreaterThan(20);
  });

  it.each(RULES)('use no %s', (_name, pattern) => {
    const offenders = all.filter((f) => pattern.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(SRC, f))).toEqual([]);
  });
});
