// Journey 5 of JOURNEYS.md against the built UI and the mock backend: the secretary pastes the
// news agency's report of a meeting; Mahdar proposes the region, the rank in the series, the
// attendees, who said what and the amounts as actions, each highlighted in the text; the
// secretary accepts one, rejects one, fixes one, accepts the rest, and finds it all on the
// meeting's page. Then: text that looks like HTML stays text; an empty text cannot be sent.

import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { nothingCutOff, open, shot, watch } from './helpers';

/** The seed report, as the backend's draft of it (and the mock) holds it. */
const SEED_REPORT: string = JSON.parse(
  readFileSync(new URL('../../src/lib/ipc/seed-report-draft.json', import.meta.url), 'utf8'),
).source;

/** The proposal rows of a kind, in the screen's order. */
const rows = (page: Page, kind: string): Locator => page.locator(`[data-testid^="proposal-"][data-kind="${kind}"]`);

/** The direction an element is laid out in (its computed `direction`). */
const direction = (el: Locator): Promise<string> => el.evaluate((e) => getComputedStyle(e).direction);

/** A proposal's number (its row's `data-no`). */
async function numberOf(row: Locator): Promise<number> {
  return Number(await row.getAttribute('data-no'));
}

async function count(page: Page, status: 'pending' | 'accepted' | 'rejected'): Promise<number> {
  return Number(await page.getByTestId(`report-${status}`).getAttribute('data-count'));
}

async function pasteAndExtract(page: Page, text: string): Promise<void> {
  await open(page);
  await page.getByTestId('new-meeting-from-report').click();
  await expect(page).toHaveURL(/#\/meetings\/new-report$/);
  const box = page.getByTestId('report-text');
  await expect(box, 'the text box has the focus').toBeFocused();
  await box.fill(text);
  await page.getByTestId('report-submit').click();
  await expect(page.getByTestId('report-review')).toBeVisible();
}

test('a press report becomes a reviewed meeting: accept one, reject one, edit one, accept all', async ({ page }) => {
  const w = watch(page);

  await test.step('paste the report: its characters are counted, the proposals extracted', async () => {
    await open(page);
    await page.getByTestId('new-meeting-from-report').click();
    const box = page.getByTestId('report-text');
    await expect(box).toHaveAttribute('dir', 'auto');
    await box.fill(SEED_REPORT);
    await expect(page.getByTestId('report-count')).toHaveAttribute('data-count', String(Array.from(SEED_REPORT).length));
    await expect(page.getByTestId('report-submit')).toHaveText('استخراج المقترحات');
    await shot(page, 'report-01-paste-ar');
    await page.getByTestId('report-submit').click();
    await expect(page).toHaveURL(/#\/report\/meeting%3A/);
    await expect(page.getByTestId('report-review')).toBeVisible();
    await shot(page, 'report-02-review-ar-all-pending', true);
  });

  const total = await page.locator('[data-testid^="proposal-"][data-kind]').count();

  await test.step('the review: the text right to left, every span highlighted, the list grouped, all pending', async () => {
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    const source = page.getByTestId('report-source');
    await expect(source, "the person's text takes its own direction").toHaveAttribute('dir', 'auto');
    expect(await direction(source), 'an Arabic report reads right to left').toBe('rtl');
    await expect(source, 'the whole text is shown, as text').toHaveText(SEED_REPORT);
    expect(total).toBeGreaterThan(20);
    expect(await count(page, 'pending')).toBe(total);
    expect(await count(page, 'accepted')).toBe(0);
    // The text is on the inline start (the right, in Arabic), the proposals beside it.
    const text = await page.locator('.text-pane').boundingBox();
    const list = await page.locator('.list-pane').boundingBox();
    expect(text && list && text.x > list.x, 'the text is to the right of the proposals').toBe(true);
    // Groups in order, with their Arabic headings.
    await expect(page.locator('.group h3')).toHaveText(['بيانات الاجتماع', 'الحضور', 'المداخلات', 'الإجراءات', 'الزيارات الميدانية']);
    await expect(rows(page, 'attendee')).toHaveCount(6);
    await expect(rows(page, 'statement')).toHaveCount(8);
    await expect(rows(page, 'action')).toHaveCount(3);
    await expect(rows(page, 'visit')).toHaveCount(1);
    // What the report does not say is missing, not invented.
    await expect(page.getByTestId('report-missing-date')).toHaveText(/التاريخ: غير مذكور في التقرير/);
    await expect(page.getByTestId('report-missing-venue')).toHaveText(/مكان الانعقاد: غير مذكور في التقرير/);
    // A statement reads as its speaker's name, its kind, its channel.
    const press = rows(page, 'statement').filter({ hasText: 'وكالة المغرب العربي للأنباء' });
    await expect(press).toContainText('عواطف حيار');
    await expect(press).toContainText('تصريح صحفي');
    // An action's amount, in dirhams as the rest of the app writes it.
    await expect(rows(page, 'action').filter({ hasText: '26.000.000,00' })).toHaveCount(1);
    // The wali's span, and his name's later spelling, are highlighted.
    const wali = rows(page, 'attendee').filter({ hasText: 'السعيد الزنيبر' });
    const no = await numberOf(wali);
    const marks = page.locator(`[data-testid="report-mark"][data-nos~="${no}"]`);
    await expect(marks.first()).toBeVisible();
    const marked = (await marks.allTextContents()).join('');
    expect(marked).toContain('السعيد الزنيبر');
    expect(marked).toContain('السعيد زنيبر');
    await nothingCutOff(page.getByTestId('report-review'), '.proposal, .group h3, .count, .missing-item', 'review ar 1280');
  });

  await test.step('pointing at a proposal shows its passage; clicking a passage reaches its proposal', async () => {
    const last = rows(page, 'statement').last();
    const no = await numberOf(last);
    await last.hover();
    const marks = page.locator(`[data-testid="report-mark"][data-nos~="${no}"]`);
    await expect(marks.first()).toHaveClass(/active/);
    await expect(marks.first(), 'scrolled into the text box').toBeInViewport();
    const region = rows(page, 'region');
    const regionNo = await numberOf(region);
    await page.locator(`[data-testid="report-mark"][data-no="${regionNo}"]`).first().click();
    await expect(page.getByTestId(`proposal-${regionNo}`)).toBeFocused();
  });

  await test.step('accept one: the wali, with the keyboard', async () => {
    const wali = rows(page, 'attendee').filter({ hasText: 'السعيد الزنيبر' });
    const no = await numberOf(wali);
    await page.getByTestId(`proposal-accept-${no}`).focus();
    await page.keyboard.press('Enter');
    await expect(wali).toHaveAttribute('data-status', 'accepted');
    await expect(page.getByTestId(`proposal-status-${no}`)).toHaveText('مقبول');
    expect(await count(page, 'accepted')).toBe(1);
    expect(await count(page, 'pending')).toBe(total - 1);
    await expect(page.locator(`[data-testid="report-mark"][data-no="${no}"]`).first()).toHaveAttribute('data-status', 'accepted');
    // On to the next pending proposal.
    await expect(page.locator(':focus')).toHaveAttribute('data-testid', /^proposal-accept-\d+$/);
    await expect(page.getByTestId('report-said')).toHaveText(`قُبل المقترح ${no}.`);
  });

  await test.step('reject one: the second purpose; it can be reopened, and rejected again', async () => {
    const purpose = rows(page, 'purpose').last();
    const no = await numberOf(purpose);
    await page.getByTestId(`proposal-reject-${no}`).click();
    await expect(purpose).toHaveAttribute('data-status', 'rejected');
    expect(await count(page, 'rejected')).toBe(1);
    await page.getByTestId(`proposal-reopen-${no}`).click();
    await expect(purpose).toHaveAttribute('data-status', 'pending');
    await expect(page.getByTestId(`proposal-accept-${no}`)).toBeFocused();
    await page.getByTestId(`proposal-reject-${no}`).click();
    await expect(purpose).toHaveAttribute('data-status', 'rejected');
  });

  await test.step('edit one: the 26 million partnership, renamed, its amount typed as spoken', async () => {
    const action = rows(page, 'action').filter({ hasText: '26.000.000,00' });
    const no = await numberOf(action);
    await page.getByTestId(`proposal-edit-${no}`).click();
    const form = page.getByTestId(`proposal-edit-form-${no}`);
    await expect(form.getByTestId('edit-title'), 'the first field has the focus').toBeFocused();
    await form.getByTestId('edit-title').fill('شراكة من أجل التمكين الاقتصادي للنساء');
    await form.getByTestId('edit-amount').fill('26 مليون درهم');
    await shot(page, 'report-03-edit-ar', true);
    await page.getByTestId(`proposal-accept-edited-${no}`).click();
    await expect(action).toHaveAttribute('data-status', 'accepted');
    await expect(action).toContainText('عُدّل قبل قبوله');
    await expect(action).toContainText('شراكة من أجل التمكين الاقتصادي للنساء');
  });

  await test.step('Escape closes an edit without changing anything', async () => {
    const statement = rows(page, 'statement').first();
    const no = await numberOf(statement);
    await page.getByTestId(`proposal-edit-${no}`).click();
    await expect(page.getByTestId(`proposal-edit-form-${no}`)).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId(`proposal-edit-form-${no}`)).toHaveCount(0);
    await expect(page.getByTestId(`proposal-edit-${no}`)).toBeFocused();
    await expect(statement).toHaveAttribute('data-status', 'pending');
  });

  await test.step('the review in Arabic: joined, right to left, nothing cut off', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByTestId('report-source').evaluate((el) => el.scrollTo(0, 0));
    await shot(page, 'report-04-review-ar', true);
    await shot(page, 'report-04-review-ar-full-page');
    // Each group beside the text, as the secretary sees it while scrolling.
    for (const group of ['meeting', 'attendee', 'statement', 'action', 'visit'] as const) {
      await page.getByTestId(`proposal-group-${group}`).evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 80));
      await shot(page, `report-group-${group}-ar`, true);
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    await nothingCutOff(page.getByTestId('report-review'), '.proposal, .proposal .what > *, .toolbar, .count', 'review ar mixed');
  });

  await test.step('accept all, after a confirmation', async () => {
    const pending = await count(page, 'pending');
    await page.getByTestId('accept-all').click();
    await expect(page.getByTestId('accept-all-confirm')).toBeFocused();
    await expect(page.locator('.confirm')).toContainText(String(pending));
    await page.getByTestId('accept-all-confirm').click();
    await expect(page.getByTestId('report-pending')).toHaveAttribute('data-count', '0');
    expect(await count(page, 'rejected')).toBe(1);
    expect(await count(page, 'accepted')).toBe(total - 1);
    await expect(page.getByTestId('report-done')).toBeVisible();
    await expect(page.getByTestId('report-meeting-link')).toBeFocused();
    await expect(page.locator('[data-testid="report-mark"][data-status="pending"]')).toHaveCount(0);
  });

  await test.step('the meeting page: 6 attendees, 8 statements, 3 actions of 30 000 000 dirhams', async () => {
    await page.getByTestId('report-meeting-link').click();
    await expect(page.getByTestId('meeting-page')).toBeVisible();
    await expect(page.getByTestId('meeting-title')).toHaveText('الاجتماع التاسع — جهة فاس مكناس');
    await expect(page.getByTestId('attendance-item')).toHaveCount(6);
    await expect(page.getByTestId('attendance-item').first()).toContainText('عواطف حيار');
    await expect(page.getByTestId('statement-item')).toHaveCount(8);
    await expect(page.getByTestId('action-item')).toHaveCount(3);
    await expect(page.getByTestId('action-list')).toContainText('شراكة من أجل التمكين الاقتصادي للنساء');
    const sum = await page.getByTestId('actions-total').textContent();
    expect(sum).toContain('30.000.000,00');
    expect(sum).toContain('د.م.');
    // Nothing waits for review any more: only the way back to the report.
    await expect(page.getByTestId('report-banner')).not.toContainText('في انتظار المراجعة');
    await expect(page.getByTestId('report-review-link')).toHaveText('التقرير ومقترحاته');
    await shot(page, 'report-05-meeting-ar');
  });

  expect(w.problems).toEqual([]);
});

test('the meeting page of a draft from a report says how many proposals wait, and leads to them', async ({ page }) => {
  const w = watch(page);
  await pasteAndExtract(page, SEED_REPORT);
  const total = await count(page, 'pending');
  await page.getByTestId('report-meeting-link').click();
  await expect(page.getByTestId('report-banner')).toContainText(`${total} مقترحا في انتظار المراجعة`);
  await expect(page.getByTestId('missing-warning').first()).toBeVisible();
  await page.getByTestId('report-review-link').click();
  await expect(page.getByTestId('report-review')).toBeVisible();
  await expect(page.getByTestId('report-pending')).toHaveAttribute('data-count', String(total));
  expect(w.problems).toEqual([]);
});

test('what needs a rejected attendee waits: another speaker for a statement; accept all leaves the rest, saying why', async ({ page }) => {
  const w = watch(page);
  await pasteAndExtract(page, SEED_REPORT);
  const minister = rows(page, 'attendee').filter({ hasText: 'عواطف حيار' });
  const ministerNo = await numberOf(minister);
  await page.getByTestId(`proposal-reject-${ministerNo}`).click();
  await expect(minister).toHaveAttribute('data-status', 'rejected');
  const statement = rows(page, 'statement').first();
  const no = await numberOf(statement);
  await expect(page.getByTestId(`proposal-blocked-${no}`)).toContainText('رُفض المتدخل');
  await expect(page.getByTestId(`proposal-accept-${no}`)).toBeDisabled();
  // An action from her statement waits too, through that statement.
  const action = rows(page, 'action').first();
  await expect(page.getByTestId(`proposal-blocked-${await numberOf(action)}`)).toContainText(`المقترح ${ministerNo} (`);
  await expect(page.getByTestId('accept-all-blocked')).toBeVisible();

  // Given to another attendee, the statement is accepted, and that attendee with it.
  await page.getByTestId(`proposal-edit-${no}`).click();
  const form = page.getByTestId(`proposal-edit-form-${no}`);
  const wali = rows(page, 'attendee').filter({ hasText: 'السعيد الزنيبر' });
  await form.getByTestId('edit-speaker').selectOption({ label: 'السعيد الزنيبر' });
  await page.getByTestId(`proposal-accept-edited-${no}`).click();
  await expect(statement).toHaveAttribute('data-status', 'accepted');
  await expect(wali).toHaveAttribute('data-status', 'accepted');
  await expect(statement).toContainText('السعيد الزنيبر');

  // Accept all: what still needs her stays pending, listed with the reason.
  await page.getByTestId('accept-all').click();
  await page.getByTestId('accept-all-confirm').click();
  const problems = page.getByTestId('report-problems');
  await expect(problems).toBeVisible();
  await expect(problems).toBeFocused();
  const listed = await problems.locator('li').count();
  expect(listed).toBeGreaterThan(0);
  await expect(page.getByTestId('report-pending')).toHaveAttribute('data-count', String(listed));
  await expect(problems.locator('li').first()).toContainText('يعتمد على ما رُفض');
  await shot(page, 'report-07-problems-ar', true);
  // A problem leads to its proposal.
  await problems.locator('li button').first().click();
  await expect(page.locator('.proposal:focus')).toHaveAttribute('data-status', 'pending');
  // Reopened, she is accepted with the rest.
  await page.getByTestId(`proposal-reopen-${ministerNo}`).click();
  await page.getByTestId('accept-all').click();
  await page.getByTestId('accept-all-confirm').click();
  await expect(page.getByTestId('report-pending')).toHaveAttribute('data-count', '0');
  await expect(page.getByTestId('report-problems')).toHaveCount(0);
  expect(w.problems).toEqual([]);
});

test('someone the report names only by a title waits for a name: accept all says why; named, she goes in', async ({ page }) => {
  const w = watch(page);
  // The mock's canned draft of this text (as the backend reads it): attendee 1 «الوزيرة», named by
  // her title only, and statement 2 by her.
  const text = 'وقالت الوزيرة إن اللقاء مكن من الوقوف على الاكراهات.';
  await pasteAndExtract(page, text);
  await expect(rows(page, 'attendee')).toHaveCount(1);
  await expect(rows(page, 'statement')).toHaveCount(1);
  const attendee = page.getByTestId('proposal-1');
  const statement = page.getByTestId('proposal-2');

  await test.step('the row says the name is missing; her statement waits for it', async () => {
    await expect(page.getByTestId('proposal-unnamed-1')).toContainText('الاسم غير مذكور في التقرير');
    await expect(page.getByTestId('proposal-accept-1')).toBeEnabled();
    await expect(page.getByTestId('proposal-waits-2')).toContainText('لم يذكر التقرير من المتدخل إلا صفته');
    await expect(page.getByTestId('proposal-accept-2')).toBeDisabled();
    await page.getByTestId('proposal-group-attendee').evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 80));
    await shot(page, 'report-08-unnamed-note-ar', true);
  });

  await test.step('accept all leaves both pending, saying why in Arabic', async () => {
    await page.getByTestId('accept-all').click();
    await page.getByTestId('accept-all-confirm').click();
    const problems = page.getByTestId('report-problems');
    await expect(problems).toBeFocused();
    await expect(problems.locator('li')).toHaveCount(2);
    await expect(page.getByTestId('report-problem-1')).toContainText('لم يذكر التقرير اسم هذا الشخص، بل صفته فقط؛ عدّل المقترح لإضافة الاسم');
    await expect(page.getByTestId('report-problem-2')).toContainText('يعتمد على من لم يذكر التقرير اسمه: المقترح 1 (\u2068الوزيرة\u2069)؛ أضف الاسم إلى مقترحه أولا');
    await expect(problems.locator('code'), "the backend's English line is not shown for a reason the app words").toHaveCount(0);
    await expect(attendee).toHaveAttribute('data-status', 'pending');
    await expect(statement).toHaveAttribute('data-status', 'pending');
    expect(await count(page, 'pending')).toBe(2);
    await nothingCutOff(page.getByTestId('report-review'), '.proposal, .problems li, .warn', 'unnamed ar');
    await shot(page, 'report-08-unnamed-problems-ar');
  });

  await test.step('"accept" opens the form with the name empty and focused; the title again is refused', async () => {
    await page.getByTestId('proposal-accept-1').click();
    const form = page.getByTestId('proposal-edit-form-1');
    const name = form.getByTestId('edit-name');
    await expect(name).toBeFocused();
    await expect(name).toHaveValue('');
    await expect(form.getByTestId('edit-title')).toHaveValue('الوزيرة');
    await expect(form.getByTestId('edit-name-hint')).toHaveText('اكتب اسم الشخص، لا صفته.');
    await expect(page.getByTestId('proposal-accept-edited-1')).toBeDisabled();
    await expect(attendee, 'nothing was sent').toHaveAttribute('data-status', 'pending');
    await name.fill('الوزيره');
    await expect(form.getByTestId('edit-name-hint')).toHaveText('هذه صفة وليست اسما: اكتب اسم الشخص.');
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('proposal-accept-edited-1')).toBeDisabled();
    await shot(page, 'report-09-unnamed-edit-ar', true);
    await name.fill('عواطف حيار');
    await expect(page.getByTestId('proposal-accept-edited-1')).toBeEnabled();
    await page.getByTestId('proposal-accept-edited-1').click();
    await expect(attendee).toHaveAttribute('data-status', 'accepted');
    await expect(attendee).toContainText('عواطف حيار');
    await expect(page.getByTestId('proposal-unnamed-1')).toHaveCount(0);
    await expect(page.getByTestId('report-problems'), 'what was said no longer holds').toHaveCount(0);
    await expect(page.getByTestId('proposal-waits-2')).toHaveCount(0);
    await expect(page.getByTestId('proposal-accept-2')).toBeEnabled();
  });

  await test.step('accept all then takes her statement', async () => {
    await page.getByTestId('accept-all').click();
    await page.getByTestId('accept-all-confirm').click();
    await expect(page.getByTestId('report-pending')).toHaveAttribute('data-count', '0');
    await expect(page.getByTestId('report-problems')).toHaveCount(0);
    await expect(page.getByTestId('report-done')).toBeVisible();
    await page.getByTestId('report-meeting-link').click();
    await expect(page.getByTestId('attendance-item')).toHaveCount(1);
    await expect(page.getByTestId('attendance-item')).toContainText('عواطف حيار');
    await expect(page.getByTestId('statement-item')).toHaveCount(1);
  });
  expect(w.problems).toEqual([]);
});

test('text that looks like HTML is shown as text, never run', async ({ page }) => {
  const w = watch(page);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const text = 'Réunion à Fès <img src=x onerror=alert(1)> <script>alert(2)</script> <b>gras</b>';
  await pasteAndExtract(page, text);
  const source = page.getByTestId('report-source');
  await expect(source).toHaveText(text);
  await expect(source.locator('img, script, b'), 'no element was made from the text').toHaveCount(0);
  await expect(source).toHaveAttribute('dir', 'auto');
  expect(await direction(source), 'a French text reads left to right').toBe('ltr');
  await expect(page.locator('html'), 'in a page that stays right to left').toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('report-none')).toBeVisible();
  await expect(page.getByTestId('report-missing-date')).toBeVisible();
  await page.waitForTimeout(300);
  expect(dialogs, 'no script ran').toEqual([]);
  expect(w.problems).toEqual([]);
});

test('an empty text cannot be sent; a failure keeps what was pasted', async ({ page }) => {
  const w = watch(page);
  await open(page);
  await page.getByTestId('new-meeting-from-report').click();
  const box = page.getByTestId('report-text');
  const submit = page.getByTestId('report-submit');
  await expect(submit).toBeDisabled();
  await box.fill('   \n\n  ');
  await expect(submit, 'blank is empty').toBeDisabled();
  await box.press('Enter');
  await expect(page.getByTestId('report-review')).toHaveCount(0);

  // The backend fails (a full disk, say): the banner says so, the text stays.
  await box.fill(SEED_REPORT);
  await expect(submit).toBeEnabled();
  await page.evaluate(() => window.__mahdarMock?.failNextWrite('storage'));
  await submit.click();
  await expect(page.getByTestId('error-banner')).toBeVisible();
  await expect(box).toHaveValue(SEED_REPORT);
  await expect(box).toBeFocused();
  // And it survives a look at another screen.
  await page.getByTestId('nav-settings').click();
  await page.goBack();
  await expect(page.getByTestId('report-text')).toHaveValue(SEED_REPORT);
  await page.getByTestId('report-submit').click();
  await expect(page.getByTestId('report-review')).toBeVisible();
  expect(w.problems.filter((p) => !p.includes('simulated failure'))).toEqual([]);
});

test('the review in French and English keeps the Arabic report right to left', async ({ page }) => {
  const w = watch(page);
  await pasteAndExtract(page, SEED_REPORT);
  for (const [lang, heading] of [['fr', 'Données de la réunion'], ['en', 'The meeting']] as const) {
    await page.evaluate((l) => window.__mahdarMock?.emit('menu', `lang-${l}`), lang);
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    await expect(page.locator('.group h3').first()).toHaveText(heading);
    await expect(page.getByTestId('report-source')).toHaveAttribute('dir', 'auto');
    expect(await direction(page.getByTestId('report-source'))).toBe('rtl');
    const text = await page.locator('.text-pane').boundingBox();
    const list = await page.locator('.list-pane').boundingBox();
    expect(text && list && text.x < list.x, `${lang}: the text is on the left, where a page starts`).toBe(true);
    await nothingCutOff(page.getByTestId('report-review'), '.proposal, .group h3, .count', `review ${lang}`);
  }
  await shot(page, 'report-06-review-en', true);
  expect(w.problems).toEqual([]);
});
