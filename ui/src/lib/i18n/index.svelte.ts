// The interface language as a rune: `t` and `tp` read it, so every text re-renders at once when
// it changes, and `<html lang dir>` follows it.

import type { Lang } from '../ipc/types';
import { ar, type Catalogue, type Message, type MessageKey, type Plural } from './ar';
import { fr } from './fr';
import { en } from './en';

export type { MessageKey } from './ar';

export const catalogues: Record<Lang, Catalogue> = { ar, fr, en };

/** The locale used by Intl for each language (Moroccan conventions for ar and fr). */
export const LOCALES: Record<Lang, string> = { ar: 'ar-MA', fr: 'fr-MA', en: 'en-GB' };

const current = $state<{ lang: Lang }>({ lang: 'ar' });

/** The interface language now. */
export function lang(): Lang {
  return current.lang;
}

/** The Intl locale of the interface language now. */
export function locale(): string {
  return LOCALES[current.lang];
}

export function isRtl(l: Lang = current.lang): boolean {
  return l === 'ar';
}

/** Switches the whole interface (and `<html lang dir>`) to `l`. */
export function setLang(l: Lang): void {
  current.lang = l;
  if (typeof document !== 'undefined') {
    document.documentElement.lang = l;
    document.documentElement.dir = isRtl(l) ? 'rtl' : 'ltr';
  }
}

export type Params = Record<string, string | number>;

/**
 * Isolates text typed by people (names, places, channels) inside a message, so Arabic in a
 * French sentence (or the reverse) keeps its own direction and its neighbours' punctuation.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

/** Replaces `{name}` placeholders; numbers are written with the locale's digits and grouping. */
export function fill(text: string, params: Params | undefined, l: Lang): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    return typeof v === 'number' ? new Intl.NumberFormat(LOCALES[l]).format(v) : v;
  });
}

/** A message in language `l` (pure: used by tests and by `t`). */
export function translate(l: Lang, key: MessageKey, params?: Params): string {
  const m: Message | undefined = catalogues[l][key];
  if (m === undefined) return key;
  if (typeof m !== 'string') return fill(pickPlural(l, m, Number(params?.count ?? 0)), params, l);
  return fill(m, params, l);
}

function pickPlural(l: Lang, m: Plural, count: number): string {
  const category = new Intl.PluralRules(LOCALES[l]).select(count);
  return m[category] ?? m.other;
}

/** A plural message for `count` in language `l` (pure). */
export function translatePlural(l: Lang, key: MessageKey, count: number, params?: Params): string {
  const m = catalogues[l][key];
  const text = typeof m === 'string' ? m : pickPlural(l, m, count);
  return fill(text, { count, ...params }, l);
}

/** A message in the interface language. */
export function t(key: MessageKey, params?: Params): string {
  return translate(current.lang, key, params);
}

/** A plural message in the interface language: `tp('statements.count', 8)`. */
export function tp(key: MessageKey, count: number, params?: Params): string {
  return translatePlural(current.lang, key, count, params);
}

/** Whether the catalogue has a key (for error codes the UI may not know). */
export function has(key: string): key is MessageKey {
  return key in catalogues[current.lang];
}
