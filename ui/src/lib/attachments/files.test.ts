import { describe, expect, it } from 'vitest';
import {
  attachFailure, captionOf, fileBadge, formatCoordinate, formatSize, gpsText, isPhoto, mayHaveThumbnail, refusedLimit, takenText,
} from './files';

describe('sizes, in the number format of the language', () => {
  it('writes bytes, kilobytes and megabytes with the Moroccan Arabic digits and decimal comma', () => {
    expect(formatSize(0, 'ar')).toBe('0 بايت');
    expect(formatSize(812, 'ar')).toBe('812 بايت');
    expect(formatSize(1024, 'ar')).toBe('1 كيلوبايت');
    expect(formatSize(348_160, 'ar')).toBe('340 كيلوبايت');
    expect(formatSize(2.5 * 1024 * 1024, 'ar'), 'one decimal, a comma as in ar-MA').toBe('2,5 ميغابايت');
    expect(formatSize(2 * 1024 * 1024, 'ar'), 'no decimal when it is whole').toBe('2 ميغابايت');
    expect(formatSize(1536 * 1024 * 1024, 'ar'), 'thousands grouped as ar-MA groups them').toBe('1.536 ميغابايت');
  });

  it('in French and English', () => {
    expect(formatSize(2.5 * 1024 * 1024, 'fr')).toBe('2,5 Mo');
    expect(formatSize(2.5 * 1024 * 1024, 'en')).toBe('2.5 MB');
    expect(formatSize(1536, 'fr')).toBe('1,5 Ko');
    expect(formatSize(1536, 'en')).toBe('1.5 KB');
    expect(formatSize(12, 'en')).toBe('12 B');
  });

  it('never writes 1024 KB: a size just under a megabyte rounds up to it', () => {
    expect(formatSize(1024 * 1024 - 1, 'en')).toBe('1 MB');
    expect(formatSize(1024 * 1024 - 1, 'ar')).toBe('1 ميغابايت');
  });
});

describe('where a photo was taken, as text', () => {
  it('four decimals with a dot; a negative one keeps its minus in front in Arabic (a left-to-right mark)', () => {
    expect(formatCoordinate(34.03312)).toBe('34.0331');
    expect(formatCoordinate(-5.00031)).toBe('\u200e-5.0003');
    expect(formatCoordinate(0)).toBe('0.0000');
  });

  it('latitude then longitude, in a sentence of the language', () => {
    expect(gpsText({ lat: 34.0331, lon: -5.0003 }, 'ar')).toBe('الإحداثيات: 34.0331، \u200e-5.0003');
    expect(gpsText({ lat: 34.0331, lon: -5.0003 }, 'fr')).toBe('Coordonnées : 34.0331, \u200e-5.0003');
    expect(gpsText({ lat: -33.9, lon: 18.4241 }, 'en')).toBe('Coordinates: \u200e-33.9000, 18.4241');
  });

  it('when, as the camera said, never moved to another time zone', () => {
    expect(takenText('2026-11-28 10:15:00', 'ar')).toBe('تاريخ الالتقاط: 28 نونبر 2026 في 10:15');
    expect(takenText('2026-11-28T10:15:00', 'fr')).toBe('Prise le 28 novembre 2026 à 10:15');
    expect(takenText('sometime', 'en'), 'anything else is shown as it came').toBe('Taken on sometime');
  });
});

describe('files and captions', () => {
  it('labels a document by its extension, else by its type', () => {
    expect(fileBadge({ name: 'اتفاقية الشراكة.pdf', media_type: 'application/pdf' })).toBe('PDF');
    expect(fileBadge({ name: 'budget.xlsx', media_type: 'application/octet-stream' })).toBe('XLSX');
    expect(fileBadge({ name: 'IMG_0042.HEIC', media_type: 'image/heic' })).toBe('HEIC');
    expect(fileBadge({ name: 'scan', media_type: 'application/pdf' })).toBe('PDF');
    expect(fileBadge({ name: '.hidden', media_type: 'application/vnd.oasis.opendocument.text' })).toBe('…');
    expect(isPhoto({ media_type: 'image/heic' })).toBe(true);
    expect(isPhoto({ media_type: 'application/pdf' })).toBe(false);
  });

  it('asks for a thumbnail when the backend says it can make one, else of any photo', () => {
    expect(mayHaveThumbnail({ media_type: 'image/png', image: true })).toBe(true);
    expect(mayHaveThumbnail({ media_type: 'image/heic', image: false }), 'the backend said it cannot').toBe(false);
    expect(mayHaveThumbnail({ media_type: 'image/heic' }), 'a backend that does not say: asked, not_an_image answers').toBe(true);
    expect(mayHaveThumbnail({ media_type: 'application/pdf' })).toBe(false);
  });

  it('sends a caption trimmed, and an emptied one as null (removed)', () => {
    expect(captionOf('  مدخل المركز  ')).toBe('مدخل المركز');
    expect(captionOf('   ')).toBeNull();
    expect(captionOf('')).toBeNull();
  });
});

describe('why a file could not be attached, one line naming it', () => {
  const describe_ = (e: unknown) => `[${String((e as { code?: string }).code)}]`;

  it('too large: its size and the limit in Settings', () => {
    expect(attachFailure('ar', 'صورة.png', { tooLarge: { bytes: 2 * 1024 * 1024, limitMb: 1 } }, describe_)).toBe(
      'تعذر إرفاق \u2068صورة.png\u2069: حجمه 2 ميغابايت، وهو يتجاوز الحد الأقصى المحدد في الإعدادات (1 ميغابايت).',
    );
    expect(attachFailure('en', 'big.pdf', { tooLarge: { bytes: 3 * 1024 * 1024, limitMb: 2 } }, describe_)).toBe(
      'Could not attach \u2068big.pdf\u2069: it is 3 MB, over the largest size set in Settings (2 MB).',
    );
  });

  it('unreadable, or what the backend said', () => {
    expect(attachFailure('fr', 'a.doc', { unreadable: true }, describe_)).toBe('Impossible de joindre \u2068a.doc\u2069 : le fichier n’a pas pu être lu.');
    expect(attachFailure('en', 'a.doc', { error: { code: 'invalid', message: 'x', details: null } }, describe_)).toBe(
      'Could not attach \u2068a.doc\u2069: [invalid]',
    );
  });

  it('reads the limit of a too_large refusal', () => {
    expect(refusedLimit({ code: 'too_large', message: '', details: { limit_mb: 1 } })).toBe(1);
    expect(refusedLimit({ code: 'too_large', message: '', details: null })).toBeNull();
    expect(refusedLimit({ code: 'invalid', message: '', details: { limit_mb: 1 } })).toBeNull();
  });
});
