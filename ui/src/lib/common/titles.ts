// How meetings, people and parties are named on screen.

import type { Lang, Meeting, Organisation, Person, RegionInfo, RegionSlug } from '../ipc/types';
import { translate } from '../i18n/index.svelte';

const AR_ORDINALS = [
  'الأول', 'الثاني', 'الثالث', 'الرابع', 'الخامس', 'السادس', 'السابع', 'الثامن', 'التاسع',
  'العاشر', 'الحادي عشر', 'الثاني عشر', 'الثالث عشر', 'الرابع عشر', 'الخامس عشر',
  'السادس عشر', 'السابع عشر', 'الثامن عشر', 'التاسع عشر', 'العشرون',
];

const EN_SUFFIX: Record<string, string> = { one: 'st', two: 'nd', few: 'rd', other: 'th' };

/** The rank of a meeting in its series as an ordinal: "التاسع", "9e", "9th". */
export function ordinal(rank: number, lang: Lang): string {
  switch (lang) {
    case 'ar':
      return rank >= 1 && rank <= AR_ORDINALS.length ? AR_ORDINALS[rank - 1] : `رقم ${rank}`;
    case 'fr':
      return rank === 1 ? '1er' : `${rank}e`;
    case 'en': {
      const category = new Intl.PluralRules('en-GB', { type: 'ordinal' }).select(rank);
      return `${rank}${EN_SUFFIX[category] ?? 'th'}`;
    }
  }
}

/** A region's name in a language, from the backend's list (the slug if it is unknown). */
export function regionName(slug: RegionSlug, lang: Lang, regions: readonly RegionInfo[]): string {
  const r = regions.find((x) => x.slug === slug);
  return r ? r[lang] : slug;
}

/**
 * The title to show for a meeting: its own, else one made from its rank and region
 * ("الاجتماع التاسع — جهة فاس مكناس", "9e réunion — région Fès-Meknès", "9th meeting — Fez-Meknes region").
 */
export function displayTitle(
  meeting: Pick<Meeting, 'title' | 'rank' | 'region'>,
  lang: Lang,
  regions: readonly RegionInfo[],
): string {
  if (meeting.title && meeting.title.trim() !== '') return meeting.title;
  const head =
    meeting.rank != null
      ? translate(lang, 'meeting.title.ranked', { ordinal: ordinal(meeting.rank, lang) })
      : translate(lang, 'meeting.title.plain');
  if (!meeting.region) return head;
  const region = translate(lang, 'region.display', { name: regionName(meeting.region, lang, regions) });
  return translate(lang, 'meeting.title.withRegion', { head, region });
}

/** A person's or group's name: Arabic first in Arabic, Latin script first otherwise. */
export function personName(p: Pick<Person, 'name_ar' | 'name_latin'>, lang: Lang): string {
  const [first, second] = lang === 'ar' ? [p.name_ar, p.name_latin] : [p.name_latin, p.name_ar];
  return first || second || '';
}

/** An organisation's name: Arabic first in Arabic, French first otherwise. */
export function organisationName(o: Pick<Organisation, 'name_ar' | 'name_fr'>, lang: Lang): string {
  const [first, second] = lang === 'ar' ? [o.name_ar, o.name_fr] : [o.name_fr, o.name_ar];
  return first || second || '';
}

/** The title a person holds now (or last held), in Arabic and French. */
export function currentTitle(p: Pick<Person, 'titles'>, lang: Lang): string | null {
  if (p.titles.length === 0) return null;
  // Open-ended titles first, then the latest end, then the latest start (ISO days sort as text).
  const key = (x: Person['titles'][number]) => `${x.until === null ? 1 : 0}|${x.until ?? ''}|${x.from ?? ''}`;
  const sorted = [...p.titles].sort((a, b) => key(b).localeCompare(key(a)));
  const t = sorted[0];
  return lang === 'ar' ? t.title_ar : (t.title_fr ?? t.title_ar);
}
