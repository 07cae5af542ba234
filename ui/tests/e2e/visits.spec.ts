// Journey 3, at the site: the field delegation records the institution it visited, what it
// found, and photos (captioned, previewed larger, the position of a photo that has one shown
// as text), and an action arising from the visit; a file over the limit of Settings is said in
// a line naming it. Files are attached to the meeting, a statement and a progress entry too;
// approved minutes show the visit and its photos read-only, while follow-up (a progress entry
// and its scanned PDF) goes on.

import { expect, test, type Locator, type Page } from '@playwright/test';
import { SHOTS, loadDemoAndOpen, nothingCutOff, setProfile, shot, watch } from './helpers';
import { sitePhoto } from './images';
import { jpegWithExif } from '../../src/lib/ipc/exif';

/** A backend command, as the UI would call it (to read what the mock stored). */
function invoke(page: Page, cmd: string, args: unknown = {}): Promise<unknown> {
  return page.evaluate(
    ([c, a]) =>
      (window as unknown as { __TAURI_INTERNALS__: { invoke: (cmd: string, args: unknown) => Promise<unknown> } }).__TAURI_INTERNALS__.invoke(
        c as string,
        a,
      ),
    [cmd, args] as const,
  );
}

const PLACE = 'مركز الرعاية الاجتماعية عين قادوس';
const FINDINGS = ['نقص في الأطر التربوية المؤهلة', 'حاجة البناية إلى إعادة التأهيل', 'غياب فضاء للأنشطة الرياضية'];
const CAPTION = 'واجهة المركز من الجهة الشمالية';

const PHOTOS = [
  { name: 'واجهة المركز.png', mimeType: 'image/png', buffer: sitePhoto([205, 180, 140], 0) },
  { name: 'قاعة الأنشطة.png', mimeType: 'image/png', buffer: sitePhoto([190, 120, 100], 1) },
  { name: 'المطبخ الجماعي.png', mimeType: 'image/png', buffer: sitePhoto([225, 225, 215], 2) },
];

const PDF = { name: 'اتفاقية الشراكة.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n% محضر\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') };

/** Adds a visit of the meeting from the form, and returns its item. */
async function addVisit(page: Page): Promise<Locator> {
  await page.getByTestId('visit-add').click();
  const form = page.getByTestId('visit-form');
  await expect(page.getByTestId('visit-place')).toBeFocused();
  // Saved without a place: said under the box, nothing sent.
  await page.getByTestId('visit-save').click();
  await expect(form.getByTestId('visit-place-error')).toHaveText('يتعين إدخال المؤسسة أو الموقع موضوع الزيارة.');
  await expect(page.getByTestId('visit-place')).toBeFocused();
  await page.getByTestId('visit-place').fill(PLACE);
  await expect(form.getByTestId('visit-place-error')).toHaveCount(0);
  await page.getByTestId('visit-commune').fill('فاس');
  await page.getByTestId('visit-province').fill('عمالة فاس');
  await page.getByTestId('visit-date').fill('2026-11-28');
  await page.getByTestId('visit-purpose').fill('الاطلاع على ظروف إيواء المستفيدين');
  await form.getByTestId('visit-participant').first().check();
  await page.getByTestId('visit-findings').fill(`${FINDINGS.join('\n')}\n\n`);
  await page.getByTestId('visit-save').click();
  await expect(form).toHaveCount(0);
  const visit = page.getByTestId('visit-item').filter({ hasText: PLACE });
  await expect(visit).toHaveCount(1);
  // Ready for the photos: the focus is on its «إرفاق ملف».
  await expect(visit.getByTestId('attach-button')).toBeFocused();
  return visit;
}

/** The photos of a visit decoded and drawn (under the app's CSP, as `data:` images). */
async function drawn(thumbs: Locator): Promise<number[]> {
  return thumbs.evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).naturalWidth));
}

test('a site visit: place, findings, three photos captioned and previewed, right to left', async ({ page }) => {
  test.setTimeout(120_000);
  const w = watch(page);
  await loadDemoAndOpen(page);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('visit-item')).toHaveCount(1);

  const visit = await addVisit(page);
  await expect(visit.getByTestId('visit-place-text')).toHaveText(PLACE);
  await expect(visit.getByTestId('visit-findings-list').locator('li')).toHaveText(FINDINGS);
  await expect(visit).toContainText('عمالة فاس');
  await expect(visit).toContainText('الغرض: ');
  await expect(visit).toContainText('المشاركون: ');
  const visitId = (await visit.getAttribute('data-visit-id')) as string;
  const stored = (await invoke(page, 'meeting_record', { id: 'meeting:018bcfe5-6801-7d61-a864-617253656501' })) as {
    site_visits: { id: string; place: string; commune: string; date: string; findings: string[]; participants: string[] }[];
  };
  const saved = stored.site_visits.find((v) => v.id === visitId);
  expect(saved, 'the visit is stored with the meeting').toMatchObject({ place: PLACE, commune: 'فاس', date: '2026-11-28', findings: FINDINGS });
  expect(saved?.participants).toHaveLength(1);

  // Three photos at once; each says "saving" until it is on disk, then shows its thumbnail.
  await visit.getByTestId('attach-input').setInputFiles(PHOTOS);
  await expect(visit.getByTestId('attachment-item')).toHaveCount(3);
  await expect(visit.getByTestId('attachment-saving')).toHaveCount(0);
  await expect(visit.getByTestId('attachment-thumb')).toHaveCount(3);
  await expect.poll(() => drawn(visit.getByTestId('attachment-thumb'))).toEqual([480, 480, 480]);
  await expect(visit.getByTestId('attachment-name')).toHaveText(PHOTOS.map((p) => p.name));
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  const listed = (await invoke(page, 'attachments', { owner: visitId })) as { name: string; media_type: string; image: boolean }[];
  expect(listed.map((a) => [a.name, a.media_type, a.image])).toEqual(PHOTOS.map((p) => [p.name, 'image/png', true]));

  // A caption, typed in place and saved with Enter; Escape puts back the one saved.
  const caption = visit.getByTestId('attachment-caption').first();
  await caption.fill(CAPTION);
  await caption.press('Enter');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  await expect.poll(async () => ((await invoke(page, 'attachments', { owner: visitId })) as { caption: string | null }[])[0].caption).toBe(CAPTION);
  await caption.fill('نص لم يُحفظ');
  await caption.press('Escape');
  await expect(caption).toHaveValue(CAPTION);
  // The second gets one by leaving the box.
  await visit.getByTestId('attachment-caption').nth(1).fill('قاعة الأنشطة بعد الترميم');
  await visit.getByTestId('attachment-caption').nth(2).focus();
  await expect.poll(async () => ((await invoke(page, 'attachments', { owner: visitId })) as { caption: string | null }[])[1].caption).toBe(
    'قاعة الأنشطة بعد الترميم',
  );

  // Back on the page later: the captions are there.
  await page.getByTestId('nav-meetings').click();
  await page.getByTestId('meeting-item').click();
  const again = page.getByTestId('visit-item').filter({ hasText: PLACE });
  await expect(again.getByTestId('attachment-caption').first()).toHaveValue(CAPTION);

  // Right to left: the first photo on the right, the next to its left; Arabic joined, nothing cut off.
  const boxes = await again.getByTestId('attachment-item').evaluateAll((items) => items.map((i) => i.getBoundingClientRect().x));
  expect(boxes[0], 'the first photo is to the right of the second').toBeGreaterThan(boxes[1]);
  expect(boxes[1], 'and the second to the right of the third').toBeGreaterThan(boxes[2]);
  await nothingCutOff(again, '[data-testid="attachment-item"], .about, .name, h3, h4, .findings li, .actions-row', 'the visit with its photos');
  // Its bottom at the window's: the sticky header then covers nothing of it.
  await again.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await page.evaluate(() => document.fonts.ready);
  await again.screenshot({ path: `${SHOTS}visit-photos-rtl.png` });

  // The preview: larger, with its caption; Escape closes it and the focus is back on the photo.
  await again.getByTestId('attachment-thumb').first().click();
  const preview = page.getByTestId('attachment-preview');
  await expect(preview).toBeVisible();
  await expect(preview.getByTestId('attachment-preview-image')).toHaveAttribute('data-size', 'preview');
  await expect(preview.getByTestId('attachment-preview-caption')).toHaveText(CAPTION);
  await expect(preview).toContainText(PHOTOS[0].name);
  await expect(preview.getByTestId('attachment-gps'), 'a PNG says nowhere').toHaveCount(0);
  await shot(page, 'visit-photo-preview', true);
  await page.keyboard.press('Escape');
  await expect(preview).toHaveCount(0);
  await expect(again.locator('.thumb-button').first()).toBeFocused();

  // Deleting one asks first.
  await again.getByTestId('attachment-delete').last().click();
  await again.getByTestId('attachment-delete-confirm').click();
  await expect(again.getByTestId('attachment-item')).toHaveCount(2);
  expect(w.problems).toEqual([]);
});

test('a photo taken with its position: shown as text in the preview; HEIC and documents listed with a name and a size', async ({ page }) => {
  const w = watch(page);
  await loadDemoAndOpen(page);
  const visit = page.getByTestId('visit-item').first();
  // A JPEG as a phone makes it: drawn by the browser, with the EXIF of a photo taken in Fès.
  const jpeg64 = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 480;
    const g = canvas.getContext('2d') as CanvasRenderingContext2D;
    g.fillStyle = '#8fb8d8';
    g.fillRect(0, 0, 640, 480);
    g.fillStyle = '#b08850';
    g.fillRect(0, 330, 640, 150);
    g.fillStyle = '#e0d2b4';
    g.fillRect(160, 150, 320, 190);
    return canvas.toDataURL('image/jpeg', 0.9).split(',')[1];
  });
  const jpeg = jpegWithExif(new Uint8Array(Buffer.from(jpeg64, 'base64')), { lat: 34.0331, lon: -5.0003 }, '2026-11-28T10:15:00');
  const heic = Buffer.alloc(4096);
  heic.set([0, 0, 0, 0x18, ...Buffer.from('ftypheic', 'latin1')]);
  await visit.getByTestId('attach-input').setInputFiles([
    { name: 'IMG_0042.JPG', mimeType: 'image/jpeg', buffer: Buffer.from(jpeg) },
    { name: 'IMG_0043.HEIC', mimeType: 'image/heic', buffer: heic },
    PDF,
  ]);
  await expect(visit.getByTestId('attachment-item')).toHaveCount(3);

  // The HEIC photo: its name, and why it is not shown.
  const iphone = visit.getByTestId('attachment-item').filter({ hasText: 'IMG_0043.HEIC' });
  await expect(iphone.getByTestId('attachment-no-preview')).toHaveText('لا يمكن عرض معاينة لهذه الصورة.');
  await expect(iphone.getByTestId('attachment-thumb')).toHaveCount(0);
  await expect(iphone).toContainText('4 كيلوبايت');
  // The document: an icon with its kind, its name and size.
  const pdf = visit.getByTestId('attachment-item').filter({ hasText: PDF.name });
  await expect(pdf.locator('.icon')).toHaveText('PDF');
  await expect(pdf).toContainText(`${PDF.buffer.length} بايت`);
  await expect(pdf.getByTestId('attachment-no-preview')).toHaveCount(0);

  await visit.getByTestId('attachment-thumb').first().click();
  const preview = page.getByTestId('attachment-preview');
  await expect(preview.getByTestId('attachment-gps')).toHaveText('الإحداثيات: 34.0331، \u200e-5.0003');
  await expect(preview.getByTestId('attachment-taken')).toContainText('2026');
  await expect(preview.getByTestId('attachment-taken')).toContainText('10:15');
  await shot(page, 'visit-photo-gps', true);
  await preview.locator('.facts').screenshot({ path: `${SHOTS}visit-photo-gps-line.png` });
  await preview.getByTestId('attachment-preview-close').click();
  await expect(preview).toHaveCount(0);

  // A copy saved out: the photo with a position offers a copy without it; the document does not.
  const phone = visit.getByTestId('attachment-item').filter({ hasText: 'IMG_0042.JPG' });
  await expect(phone.getByTestId('attachment-save-no-gps')).toHaveText('حفظ نسخة دون الموقع');
  await expect(pdf.getByTestId('attachment-save-no-gps')).toHaveCount(0);
  await pdf.getByTestId('attachment-save').click();
  await expect(page.locator('.notice[role="status"]')).toContainText(PDF.name);
  expect(w.problems).toEqual([]);
});

test('a file over the limit of Settings is refused in a line naming it; the others are attached', async ({ page }) => {
  const w = watch(page);
  await loadDemoAndOpen(page);
  await page.getByTestId('nav-settings').click();
  const section = page.getByTestId('attachment-settings');
  await expect(section.getByRole('heading', { name: 'المرفقات' })).toBeVisible();
  const size = page.getByTestId('settings-attachment-max-mb');
  await expect(size).toHaveValue('50');
  await expect(section.getByTestId('settings-minutes-photos-thumbnails')).toBeChecked();
  const settings = async () => ((await invoke(page, 'app_info')) as { settings: { attachment_max_mb: number; minutes_photos: string } }).settings;

  // Out of range: said under the box, not sent.
  await size.fill('0');
  await size.blur();
  await expect(page.getByTestId('settings-attachment-max-mb-error')).toHaveText('يتعين إدخال عدد صحيح من 1 إلى 500.');
  expect((await settings()).attachment_max_mb).toBe(50);
  await size.fill('1');
  await size.blur();
  await expect(page.getByTestId('settings-attachment-max-mb-error')).toHaveCount(0);
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  expect((await settings()).attachment_max_mb).toBe(1);
  await section.getByTestId('settings-minutes-photos-full_width').check();
  await expect.poll(async () => (await settings()).minutes_photos).toBe('full_width');
  await shot(page, 'settings-attachments', true);
  await page.goBack();

  const visit = page.getByTestId('visit-item').first();
  await visit.getByTestId('attach-input').setInputFiles([
    { name: 'صورة كبيرة.png', mimeType: 'image/png', buffer: Buffer.concat([PHOTOS[0].buffer, Buffer.alloc(2 * 1024 * 1024)]) },
    PHOTOS[1],
  ]);
  await expect(visit.getByTestId('attachment-item')).toHaveCount(1);
  const error = visit.getByTestId('attachment-error');
  await expect(error).toHaveCount(1);
  await expect(error).toContainText('تعذر إرفاق');
  await expect(error).toContainText('صورة كبيرة.png');
  await expect(error).toContainText('(1 ميغابايت)');
  await expect(error).toContainText('2 ميغابايت');
  await expect(page.getByTestId('error-banner'), 'said in its line, not in the banner').toHaveCount(0);

  // The backend refuses it the same way, when asked directly.
  const refused = await page.evaluate(async () => {
    const owner = document.querySelector('[data-testid="visit-item"]')?.getAttribute('data-visit-id') ?? '';
    const internals = (window as unknown as { __TAURI_INTERNALS__: { invoke: (c: string, a: unknown, o: unknown) => Promise<unknown> } }).__TAURI_INTERNALS__;
    try {
      await internals.invoke('attach', new Uint8Array(2 * 1024 * 1024), {
        headers: { 'x-owner': encodeURIComponent(owner), 'x-name': encodeURIComponent('كبير.pdf'), 'x-caption': '' },
      });
      return null;
    } catch (e) {
      return e;
    }
  });
  expect(refused).toMatchObject({ code: 'too_large', details: { limit_mb: 1 } });

  // Lowered elsewhere while the window still says 50 MB: the backend's refusal is said the same way.
  await page.getByTestId('nav-settings').click();
  await size.fill('50');
  await size.blur();
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  await invoke(page, 'set_settings', { settings: { ...(await settings()), attachment_max_mb: 1 } });
  await page.goBack();
  await page.getByTestId('visit-item').first().getByTestId('attach-input').setInputFiles([
    { name: 'صورة ثانية.png', mimeType: 'image/png', buffer: Buffer.concat([PHOTOS[2].buffer, Buffer.alloc(1536 * 1024)]) },
  ]);
  await expect(page.getByTestId('visit-item').first().getByTestId('attachment-error')).toContainText('صورة ثانية.png');
  await expect(page.getByTestId('visit-item').first().getByTestId('attachment-error')).toContainText('(1 ميغابايت)');
  await page.getByTestId('visit-item').first().getByTestId('attachment-error').scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 200));
  await shot(page, 'visit-attach-too-large', true);
  expect(w.problems).toEqual([]);
});

test('an action arising from a visit: drafted with its link back, listed under the visit', async ({ page }) => {
  const w = watch(page);
  await loadDemoAndOpen(page);
  const visit = page.getByTestId('visit-item').first();
  const actionsBefore = await page.getByTestId('action-item').count();
  await visit.getByTestId('visit-add-action').click();
  const form = page.getByTestId('action-form');
  await expect(page.getByTestId('action-title')).toBeFocused();
  await expect(form).toContainText('إجراء ناتج عن زيارة ميدانية');
  await expect(form).toContainText('المصدر: زيارة ميدانية: ');
  await expect(form).toContainText('مؤسسات الحماية الاجتماعية');
  await page.getByTestId('action-title').fill('تأهيل فضاءات الإيواء بالمركز');
  await page.getByTestId('action-amount').fill('2 مليون');
  await page.getByTestId('action-save').click();
  await expect(page.getByTestId('action-item')).toHaveCount(actionsBefore + 1);
  await expect(visit.getByTestId('visit-actions')).toContainText('تأهيل فضاءات الإيواء بالمركز');
  await expect(visit.getByTestId('visit-add-action'), 'back to the visit, to add another').toBeFocused();
  const added = page.getByTestId('action-item').filter({ hasText: 'تأهيل فضاءات الإيواء بالمركز' });
  await expect(added).toContainText('المصدر: زيارة ميدانية: ');
  const views = (await invoke(page, 'actions', {})) as { title: string; source: string | null }[];
  expect(views.find((a) => a.title === 'تأهيل فضاءات الإيواء بالمركز')?.source, 'the source is the visit\'s id').toBe(
    await visit.getAttribute('data-visit-id'),
  );

  // Edited: the place changes where it is shown; deleted after a confirmation, its action stays.
  await visit.getByTestId('visit-edit').click();
  await expect(page.getByTestId('visit-place')).toHaveValue('مؤسسات الحماية الاجتماعية');
  await page.getByTestId('visit-place').fill('مؤسسات الرعاية الاجتماعية');
  await page.getByTestId('visit-save').click();
  await expect(visit.getByTestId('visit-place-text')).toHaveText('مؤسسات الرعاية الاجتماعية');
  await visit.getByTestId('visit-delete').click();
  await expect(visit).toContainText('تبقى الإجراءات الناتجة عنها في جدول التتبع');
  await visit.getByTestId('visit-delete-confirm').click();
  await expect(page.getByTestId('visit-item')).toHaveCount(0);
  await expect(page.getByTestId('visits')).toContainText('لم تُسجَّل أي زيارة ميدانية');
  await expect(page.getByTestId('action-item')).toHaveCount(actionsBefore + 1);
  expect(w.problems).toEqual([]);
});

test('files of the meeting and of a statement; approved minutes show them read-only, a progress entry still takes its scan', async ({ page }) => {
  test.setTimeout(120_000);
  const w = watch(page);
  await loadDemoAndOpen(page);

  // The meeting's own files.
  const meetingFiles = page.getByTestId('meeting-attachments');
  await meetingFiles.getByTestId('attach-input').setInputFiles([PDF]);
  await expect(meetingFiles.getByTestId('attachment-item')).toHaveCount(1);

  // A statement's, from the button among its tools (the system's file chooser).
  const statement = page.getByTestId('statement-item').first();
  const chooser = page.waitForEvent('filechooser');
  await statement.getByTestId('statement-attach').click();
  await (await chooser).setFiles([PHOTOS[0]]);
  await expect(statement.getByTestId('attachment-item')).toHaveCount(1);
  await expect(statement.getByTestId('attachment-thumb')).toHaveCount(1);
  await statement.getByTestId('attachment-caption').fill('صورة المتدخل');
  await statement.getByTestId('attachment-caption').press('Enter');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');

  // A visit's photo, captioned.
  const visit = page.getByTestId('visit-item').first();
  await visit.getByTestId('attach-input').setInputFiles([PHOTOS[1]]);
  await visit.getByTestId('attachment-caption').fill(CAPTION);
  await visit.getByTestId('attachment-caption').press('Enter');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');

  await setProfile(page, 'approver');
  await page.getByTestId('status-in_review').click();
  await page.getByTestId('status-approved').click();
  await expect(page.getByTestId('meeting-status')).toHaveText('مصادق عليه');

  // Read-only: no new visit, no file added or deleted, captions as text; the photo still opens.
  await expect(page.getByTestId('visit-add')).toHaveCount(0);
  await expect(visit.getByTestId('visit-edit')).toHaveCount(0);
  await expect(visit.getByTestId('visit-add-action')).toHaveCount(0);
  await expect(visit.getByTestId('attach-input')).toHaveCount(0);
  await expect(visit.getByTestId('attachment-caption')).toHaveCount(0);
  await expect(visit.getByTestId('attachment-caption-text')).toHaveText(CAPTION);
  await expect(visit.getByTestId('attachment-delete')).toHaveCount(0);
  await expect(statement.getByTestId('statement-attach')).toHaveCount(0);
  await expect(statement.getByTestId('attachment-caption-text')).toHaveText('صورة المتدخل');
  await expect(meetingFiles.getByTestId('attachment-item')).toHaveCount(1);
  await expect(meetingFiles.getByTestId('attach-input')).toHaveCount(0);
  await visit.getByTestId('attachment-thumb').click();
  await expect(page.getByTestId('attachment-preview-caption')).toHaveText(CAPTION);
  await page.keyboard.press('Escape');

  // Follow-up goes on: a progress entry, then its scanned convention.
  const action = page.getByTestId('action-item').first();
  await action.getByRole('button', { name: 'إضافة مستجد' }).click();
  await action.locator('textarea').fill('وُقّعت اتفاقية الشراكة.');
  await action.getByRole('button', { name: 'تسجيل المستجد' }).click();
  await expect(action).toContainText('وُقّعت اتفاقية الشراكة.');
  const entry = action.locator('.log li').filter({ hasText: 'وُقّعت اتفاقية الشراكة.' });
  await entry.getByTestId('attach-input').setInputFiles([PDF]);
  await expect(entry.getByTestId('attachment-item')).toHaveCount(1);
  await expect(entry.getByTestId('attachment-name')).toHaveText(PDF.name);
  expect(w.problems).toEqual([]);
});

test('a file name, a caption and a visit typed with markup are shown as text, never run', async ({ page }) => {
  const w = watch(page);
  await page.addInitScript(() => {
    (window as unknown as { __csp: string[] }).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __csp: string[] }).__csp.push(e.violatedDirective));
  });
  await loadDemoAndOpen(page);
  const NAME = '<img src=x onerror="window.__pwned=1">.png';
  const CAPTION_HTML = '<script>window.__pwned=1</script> واجهة';
  const PLACE_HTML = '"><svg onload=window.__pwned=1> مركز';
  await page.getByTestId('visit-add').click();
  await page.getByTestId('visit-place').fill(PLACE_HTML);
  await page.getByTestId('visit-findings').fill('<b>نقص</b> في الأطر');
  await page.getByTestId('visit-save').click();
  const visit = page.getByTestId('visit-item').filter({ hasText: 'مركز' });
  await expect(visit.getByTestId('visit-place-text')).toHaveText(PLACE_HTML);
  await expect(visit.getByTestId('visit-findings-list')).toHaveText('<b>نقص</b> في الأطر');
  await visit.getByTestId('attach-input').setInputFiles([{ ...PHOTOS[0], name: NAME }]);
  await expect(visit.getByTestId('attachment-name')).toHaveText(NAME);
  await visit.getByTestId('attachment-caption').fill(CAPTION_HTML);
  await visit.getByTestId('attachment-caption').press('Enter');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  await visit.getByTestId('attachment-thumb').click();
  await expect(page.getByTestId('attachment-preview-caption')).toHaveText(CAPTION_HTML);
  await expect(page.getByTestId('attachment-preview')).toContainText(NAME);
  const found = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned,
    csp: (window as unknown as { __csp: string[] }).__csp,
    made: document.querySelectorAll('img[src="x"], img[onerror], svg[onload], b, main script').length,
  }));
  expect(found).toEqual({ pwned: undefined, csp: [], made: 0 });
  expect(w.problems).toEqual([]);
});
