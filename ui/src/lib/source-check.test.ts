// The app runs under a strict CSP and mirrors itself in Arabic: the sources must not use
// physical left/right CSS, inline style attributes, HTML from strings (Svelte's html tag,
// the inner-HTML property and its kin, writing into the document), code from strings (eval,
// the Function constructor), `javascript:` addresses, or Svelte transitions; and the page
// itself (index.html) has no inline script or style, no event handler attribute. (Patterns are
// spelled in pieces so that a plain grep of the sources for them finds only real uses.)

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
  ['document.write', new RegExp('\\bdocument\\s*\\.\\s*write' + '(?:ln)?\\s*\\(')],
  ['eval', new RegExp('\\bev' + 'al\\s*\\(')],
  ['Function constructor', new RegExp('\\bnew\\s+Func' + 'tion\\s*\\(')],
  ['HTML parsed from a string', new RegExp('\\b(?:createContextual' + 'Fragment|parseFrom' + 'String)\\b')],
  ['javascript: address', new RegExp('java' + 'script\\s*:', 'i')],
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

  it('catch what they are meant to', () => {
    const caught = (sample: string) => RULES.filter(([, pattern]) => pattern.test(sample)).map(([name]) => name);
    const html = '{@' + 'html text}';
    expect(caught(`<p>${html}</p>`)).toEqual(['Svelte html tag']);
    expect(caught('el.inner' + 'HTML = text;')).toEqual(['inner-HTML property']);
    expect(caught('el.outer' + 'HTML = text;')).toEqual(['outerHTML or insertAdjacentHTML']);
    expect(caught("el.insertAdjacent" + "HTML('beforeend', text)")).toEqual(['outerHTML or insertAdjacentHTML']);
    expect(caught('document.' + 'write(text)')).toEqual(['document.write']);
    expect(caught('document.' + 'writeln(text)')).toEqual(['document.write']);
    expect(caught('window.ev' + 'al(text)')).toEqual(['eval']);
    expect(caught('ev' + 'al (text)')).toEqual(['eval']);
    expect(caught('const f = new Func' + 'tion(text);')).toEqual(['Function constructor']);
    expect(caught('range.createContextual' + 'Fragment(text)')).toEqual(['HTML parsed from a string']);
    expect(caught('<a href="java' + 'script:void 0">')).toEqual(['javascript: address']);
    // Words that merely contain them are not caught.
    expect(caught('page.evaluate(() => 1); retrieval(x); evalue(y); el.textContent = text;')).toEqual([]);
  });
});

describe('the page', () => {
  const html = readFileSync(join(SRC, '..', 'index.html'), 'utf8');

  it('loads every script from a file', () => {
    const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [tag, body] of scripts) {
      expect(tag, 'a script with a src').toMatch(/^<script\b[^>]*\bsrc=/i);
      expect(body.trim(), 'and nothing inline').toBe('');
    }
  });

  it('has no inline style, no event handler attribute, no javascript: address', () => {
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle\s*=/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(new RegExp('java' + 'script\\s*:', 'i'));
  });
});
