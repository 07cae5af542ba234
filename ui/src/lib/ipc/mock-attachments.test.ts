// The mock backend's attachments and site visits follow the contract the app is written to:
// bytes as the body and percent-encoded headers, the size limit of Settings, the bytes stored
// once per SHA-256 with an entry per attachment, thumbnails only of what can be decoded, and
// attachments kept when their owner goes.

import { describe, expect, it } from 'vitest';
import type * as T from './types';
import { MockStore } from './mock';
import { jpegWithExif } from './exif';
import { mediaTypeOf } from './mock-attachments';

const SEED_MEETING = 'meeting:018bcfe5-6801-7d61-a864-617253656501';
const SEED_VISIT = 'visit:018bcfe5-6832-7d61-a864-617253656532';
const SEED_PERSON = 'person:018bcfe5-6814-7d61-a864-617253656514';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A "PNG" of `size` bytes: the signature, then the byte `fill` (the mock only sniffs the start). */
function png(size: number, fill = 7): Uint8Array {
  const bytes = new Uint8Array(size).fill(fill);
  bytes.set(PNG_SIGNATURE, 0);
  return bytes;
}

function seeded(): MockStore {
  const store = new MockStore();
  store.loadDemo();
  return store;
}

/** `attach` as api.ts sends it: the bytes, and the headers percent-encoded. */
function attach(store: MockStore, owner: string, name: string, bytes: Uint8Array, caption = ''): Promise<T.AttachmentDto> {
  return store.attachments.answer('attach', bytes, {
    headers: {
      'x-owner': encodeURIComponent(owner),
      'x-name': encodeURIComponent(name),
      'x-caption': encodeURIComponent(caption),
    },
  }) as Promise<T.AttachmentDto>;
}

const code = (code: string, details?: Record<string, unknown>) =>
  expect.objectContaining(details ? { code, details: expect.objectContaining(details) } : { code });

describe('attach', () => {
  it('takes the bytes as the body, owner, name and caption from percent-encoded headers', async () => {
    const store = seeded();
    const a = await attach(store, SEED_VISIT, 'مدخل المركز.png', png(2048), ' واجهة المركز ');
    expect(a.id).toMatch(/^attachment:[0-9a-f-]{36}$/);
    expect(a.rev).toMatch(/^1-/);
    expect(a).toMatchObject({
      owner: SEED_VISIT,
      meeting: SEED_MEETING,
      name: 'مدخل المركز.png',
      media_type: 'image/png',
      length: 2048,
      caption: 'واجهة المركز',
      gps: null,
      taken: null,
      image: true,
    });
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.parse(a.added_at), 'an RFC 3339 time').not.toBeNaN();
    expect(await attach(store, SEED_VISIT, 'x.png', png(10))).toMatchObject({ caption: null });
  });

  it('keeps only the last part of a path given as a name, without control characters or bidi overrides', async () => {
    const store = seeded();
    expect((await attach(store, SEED_MEETING, 'C:\\Users\\x\\محضر.pdf', new TextEncoder().encode('%PDF-1.7 …'))).name).toBe('محضر.pdf');
    expect((await attach(store, SEED_MEETING, 'photo\u202egpj.exe', png(10))).name).toBe('photogpj.exe');
    expect((await attach(store, SEED_MEETING, `${'ا'.repeat(300)}.png`, png(10))).name, 'at most 255 characters').toHaveLength(255);
    await expect(attach(store, SEED_MEETING, '../..', png(10))).rejects.toEqual(code('invalid_input', { field: 'name' }));
  });

  it('refuses a file over the limit of Settings (too_large, with the limit), and takes one exactly at it', async () => {
    const store = seeded();
    store.handle('set_settings', { settings: { ...store.settings, attachment_max_mb: 1 } });
    await expect(attach(store, SEED_VISIT, 'big.png', png(2 * 1024 * 1024))).rejects.toEqual(code('too_large', { size_mb: 2, limit_mb: 1 }));
    await expect(attach(store, SEED_VISIT, 'edge.png', png(1024 * 1024 + 1))).rejects.toEqual(code('too_large'));
    await expect(attach(store, SEED_VISIT, 'fits.png', png(1024 * 1024))).resolves.toMatchObject({ length: 1024 * 1024 });
    expect(store.attachments.list(SEED_VISIT).map((a) => a.name), 'nothing refused was kept').toEqual(['fits.png']);
  });

  it('refuses an empty file, a missing name, an owner that is not a meeting, visit, statement or progress entry', async () => {
    const store = seeded();
    await expect(attach(store, SEED_VISIT, 'empty.png', new Uint8Array(0))).rejects.toEqual(code('invalid_input', { field: 'file' }));
    await expect(attach(store, SEED_VISIT, '  ', png(10))).rejects.toEqual(code('invalid_input', { field: 'name' }));
    await expect(attach(store, SEED_PERSON, 'a.png', png(10))).rejects.toEqual(code('invalid_input', { field: 'owner' }));
    await expect(attach(store, 'visit:018bcfe5-0000-7d61-a864-000000000000', 'a.png', png(10))).rejects.toEqual(code('not_found'));
    // Arguments as JSON instead of the bytes.
    await expect(store.attachments.answer('attach', { owner: SEED_VISIT })).rejects.toEqual(code('invalid'));
  });

  it('of approved minutes: refused, except on a progress entry (follow-up goes on)', async () => {
    const store = seeded();
    const photo = await attach(store, SEED_VISIT, 'a.png', png(30));
    const action = store.all<T.Stored<T.FollowUpAction, T.ActionId> & Record<string, unknown>>('action')[0];
    const entry = store.handle('add_progress', { action: action.id, note: { note: 'وُقّعت الاتفاقية' } }) as T.Stored<T.ProgressEntry, T.ProgressId>;
    store.profile = { name: 'عواطف حيار', role: 'approver' };
    await store.setMeetingStatus({ id: SEED_MEETING, status: 'in_review' });
    await store.setMeetingStatus({ id: SEED_MEETING, status: 'approved' });
    await expect(attach(store, SEED_VISIT, 'b.png', png(30))).rejects.toEqual(code('meeting_locked'));
    await expect(attach(store, SEED_MEETING, 'b.pdf', png(30))).rejects.toEqual(code('meeting_locked'));
    expect(() => store.attachments.update(photo.id, photo.rev, 'x')).toThrow(code('meeting_locked'));
    expect(() => store.attachments.remove(photo.id)).toThrow(code('meeting_locked'));
    const scan = await attach(store, entry.id, 'اتفاقية.pdf', new TextEncoder().encode('%PDF-1.7'));
    expect(scan).toMatchObject({ owner: entry.id, meeting: SEED_MEETING, media_type: 'application/pdf', image: false });
    expect(store.attachments.list(SEED_VISIT), 'still listed').toHaveLength(1);
  });

  it('stores the same bytes once, and keeps two attachments of them', async () => {
    const store = seeded();
    const first = await attach(store, SEED_VISIT, 'a.png', png(500, 1), 'الأولى');
    const second = await attach(store, SEED_MEETING, 'copy.png', png(500, 1), 'الثانية');
    expect(second.sha256).toBe(first.sha256);
    expect(second.id).not.toBe(first.id);
    expect(store.attachments.bodies.size, 'one body for the two').toBe(1);
    expect(store.attachments.list(SEED_VISIT)).toHaveLength(1);
    expect(store.attachments.list(SEED_MEETING)).toHaveLength(1);

    // Deleting one leaves the other whole.
    store.attachments.answer('delete_attachment', { id: first.id });
    expect(store.attachments.image(second.id, 'thumb')).toMatch(/^data:image\/png;base64,/);
    store.attachments.answer('delete_attachment', { id: second.id });
    expect(store.attachments.bodies.size, 'the bytes go with the last one').toBe(0);
  });

  it('lists an owner\'s attachments in the order they were added', async () => {
    const store = seeded();
    for (const name of ['3.png', '1.png', '2.png']) await attach(store, SEED_VISIT, name, png(20, name.charCodeAt(0)));
    expect(store.attachments.list(SEED_VISIT).map((a) => a.name)).toEqual(['3.png', '1.png', '2.png']);
    expect(store.attachments.list('statement:none')).toEqual([]);
  });

  it('reads where and when a JPEG was taken from its EXIF data', async () => {
    const store = seeded();
    const jpeg = jpegWithExif(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]), { lat: 34.0331, lon: -5.0003 }, '2026-11-28T10:15:00');
    const a = await attach(store, SEED_VISIT, 'IMG_0042.JPG', jpeg);
    expect(a.media_type).toBe('image/jpeg');
    expect(a.taken).toBe('2026-11-28 10:15:00');
    expect(a.gps?.lat).toBeCloseTo(34.0331, 4);
    expect(a.gps?.lon).toBeCloseTo(-5.0003, 4);
  });
});

describe('attachment_image', () => {
  it('is a data: address for a photo, not_an_image for a document or a HEIC photo', async () => {
    const store = seeded();
    const photo = await attach(store, SEED_VISIT, 'a.png', png(30));
    const pdf = await attach(store, SEED_VISIT, 'محضر.pdf', new TextEncoder().encode('%PDF-1.7\n…'));
    const heic = new Uint8Array(40);
    heic.set([0, 0, 0, 0x18, ...[...'ftypheic'].map((c) => c.charCodeAt(0))]);
    const iphone = await attach(store, SEED_VISIT, 'IMG_0001.HEIC', heic);
    expect(photo.image).toBe(true);
    expect(pdf).toMatchObject({ media_type: 'application/pdf', image: false });
    expect(iphone).toMatchObject({ media_type: 'image/heic', image: false });
    for (const size of ['thumb', 'preview']) {
      expect(await store.attachments.answer('attachment_image', { id: photo.id, size })).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    }
    expect(() => store.attachments.image(pdf.id, 'thumb')).toThrow(code('not_an_image'));
    expect(() => store.attachments.image(iphone.id, 'preview')).toThrow(code('not_an_image'));
    expect(() => store.attachments.image(photo.id, 'huge')).toThrow(code('invalid_input'));
  });

  it('names by its bytes, not its name: a .jpg that is not a JPEG is no image', () => {
    expect(mediaTypeOf('photo.jpg', new Uint8Array([1, 2, 3, 4]))).toEqual({ media_type: 'image/jpeg', image: false });
    expect(mediaTypeOf('x.bin', new Uint8Array(PNG_SIGNATURE))).toEqual({ media_type: 'image/png', image: true });
    expect(mediaTypeOf('rapport.docx', new Uint8Array([0x50, 0x4b, 3, 4])).media_type).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
  });
});

describe('captions', () => {
  it('are set trimmed, removed with null or blank, one line, against the current revision', async () => {
    const store = seeded();
    const a = await attach(store, SEED_VISIT, 'a.png', png(30));
    const captioned = store.attachments.update(a.id, a.rev, '  قاعة الأنشطة  ');
    expect(captioned.caption).toBe('قاعة الأنشطة');
    expect(captioned.rev).toMatch(/^2-/);
    expect(() => store.attachments.update(a.id, a.rev, 'x'), 'the old revision').toThrow(code('conflict'));
    expect(() => store.attachments.update(a.id, captioned.rev, 'سطر\nثان')).toThrow(code('invalid_input', { field: 'caption' }));
    expect(() => store.attachments.update(a.id, captioned.rev, 'ا'.repeat(501))).toThrow(code('invalid_input', { field: 'caption' }));
    const blank = store.attachments.update(a.id, captioned.rev, '   ');
    expect(blank.caption).toBeNull();
    expect(store.attachments.update(a.id, blank.rev, null).caption).toBeNull();
    expect(store.attachments.list(SEED_VISIT)[0].rev).toMatch(/^4-/);
  });

  it('of an attachment deleted meanwhile: not_found', async () => {
    const store = seeded();
    const a = await attach(store, SEED_VISIT, 'a.png', png(30));
    store.attachments.remove(a.id);
    expect(() => store.attachments.update(a.id, a.rev, 'x')).toThrow(code('not_found'));
    expect(() => store.attachments.remove(a.id)).toThrow(code('not_found'));
  });
});

describe('site visits', () => {
  const visit = (over: Partial<T.SiteVisit> = {}): T.SiteVisit => ({
    meeting: SEED_MEETING as T.MeetingId,
    date: '2026-11-28',
    place: 'مركز حماية الطفولة',
    commune: 'فاس',
    province: 'عمالة فاس',
    purpose: null,
    participants: [SEED_PERSON as T.PersonId],
    findings: ['نقص في الأطر', '  ', 'حاجة إلى تأهيل البناية'],
    ...over,
  });

  it('are added, shown with the meeting in the order added, edited and deleted', () => {
    const store = seeded();
    const added = store.handle('add_visit', { visit: visit() }) as T.Stored<T.SiteVisit, T.VisitId>;
    expect(added.findings, 'blank findings left out').toEqual(['نقص في الأطر', 'حاجة إلى تأهيل البناية']);
    const record = store.handle('meeting_record', { id: SEED_MEETING }) as T.MeetingRecord;
    expect(record.site_visits.map((v) => v.id)).toEqual([SEED_VISIT, added.id]);
    const edited = store.handle('update_visit', { id: added.id, rev: added.rev, visit: visit({ place: 'دار الطالبة', commune: null }) }) as T.Stored<T.SiteVisit, T.VisitId>;
    expect(edited).toMatchObject({ place: 'دار الطالبة', commune: null });
    expect(() => store.handle('update_visit', { id: added.id, rev: added.rev, visit: visit() }), 'the old revision').toThrow(code('conflict'));
    expect(store.handle('delete_visit', { id: added.id })).toBeNull();
    expect((store.handle('meeting_record', { id: SEED_MEETING }) as T.MeetingRecord).site_visits).toHaveLength(1);
  });

  it('need a place, known participants, a real date; stay in their meeting', () => {
    const store = seeded();
    expect(() => store.handle('add_visit', { visit: visit({ place: '  ' }) })).toThrow(code('invalid_input', { field: 'place' }));
    expect(() => store.handle('add_visit', { visit: visit({ participants: ['person:nobody' as T.PersonId] }) })).toThrow(code('not_found'));
    expect(() => store.handle('add_visit', { visit: visit({ date: '28/11/2026' }) })).toThrow(code('invalid_input'));
    const other = store.handle('create_meeting', { meeting: { title: 'أخرى', purpose: [], agenda: [], languages: ['ar'] } }) as T.Stored<T.Meeting, T.MeetingId>;
    const seedRev = store.docs.get(SEED_VISIT)?.rev;
    expect(() => store.handle('update_visit', { id: SEED_VISIT, rev: seedRev, visit: visit({ meeting: other.id }) })).toThrow(code('invalid_input'));
  });

  it('of approved minutes are read-only', async () => {
    const store = seeded();
    store.profile = { name: 'عواطف حيار', role: 'approver' };
    await store.setMeetingStatus({ id: SEED_MEETING, status: 'in_review' });
    await store.setMeetingStatus({ id: SEED_MEETING, status: 'approved' });
    expect(() => store.handle('add_visit', { visit: visit() })).toThrow(code('meeting_locked'));
    expect(() => store.handle('delete_visit', { id: SEED_VISIT })).toThrow(code('meeting_locked'));
  });

  it('deleted, keep their attachments (the backend keeps them), which can still be deleted; an action may come from one', async () => {
    const store = seeded();
    const added = store.handle('add_visit', { visit: visit() }) as T.Stored<T.SiteVisit, T.VisitId>;
    await attach(store, added.id, 'a.png', png(30));
    const action = store.handle('add_action', {
      action: { meeting: SEED_MEETING, title: 'تأهيل البناية', description: null, owner: null, partners: [], amount: null, beneficiaries: null, due: null, status: 'proposed', source: added.id },
    }) as T.Stored<T.FollowUpAction, T.ActionId>;
    expect(action.source, 'a plain document id, as the backend serialises SourceRef').toBe(added.id);
    store.handle('delete_visit', { id: added.id });
    const kept = store.attachments.list(added.id);
    expect(kept).toHaveLength(1);
    expect(store.attachments.remove(kept[0].id), 'its owner gone').toBeNull();
  });
});

describe('the attachment settings', () => {
  it('keep the size limit (1 to 500 MB) and how the minutes show the photos', () => {
    const store = new MockStore();
    expect(store.settings).toMatchObject({ attachment_max_mb: 50, minutes_photos: 'thumbnails' });
    const saved = store.handle('set_settings', { settings: { ...store.settings, attachment_max_mb: 200, minutes_photos: 'full_width' } }) as T.Settings;
    expect(saved).toMatchObject({ attachment_max_mb: 200, minutes_photos: 'full_width' });
    for (const mb of [0, 501, 2.5, -1]) {
      expect(() => store.handle('set_settings', { settings: { ...store.settings, attachment_max_mb: mb } }), String(mb)).toThrow(
        code('invalid_input', { field: 'attachment_max_mb' }),
      );
    }
    expect(() => store.handle('set_settings', { settings: { ...store.settings, minutes_photos: 'huge' } })).toThrow(code('invalid_input'));
    const { attachment_max_mb: _mb, minutes_photos: _photos, ...older } = store.settings;
    expect(store.handle('set_settings', { settings: older }), 'an older client: the defaults').toMatchObject({ attachment_max_mb: 50, minutes_photos: 'thumbnails' });
  });

  it('and the attachments survive the reload that follows an unlock', async () => {
    const store = seeded();
    const a = await attach(store, SEED_VISIT, 'a.png', png(30), 'واجهة');
    const again = new MockStore();
    again.takeBack(JSON.parse(JSON.stringify(store.keep())));
    expect(again.attachments.list(SEED_VISIT)).toEqual([a]);
    expect(again.attachments.image(a.id, 'thumb')).toBe(store.attachments.image(a.id, 'thumb'));
  });
});
