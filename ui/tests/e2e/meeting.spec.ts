// Creating a meeting from nothing, attendance from the registry, and the approval workflow (as
// the role of the person using this laptop allows), amendments of approved minutes included.

import { expect, test } from '@playwright/test';
import { SHOTS, loadDemoAndOpen, open, saveStatementText, setProfile, shot, watch } from './helpers';

test('a new meeting: nothing is required, missing details are amber', async ({ page }) => {
  const w = watch(page);
  await open(page);
  await page.getByTestId('new-meeting').click();
  const form = page.getByTestId('meeting-form');
  await expect(form).toBeVisible();
  await page.getByTestId('field-region').selectOption('fes-meknes');
  await page.getByTestId('field-format').selectOption('hybrid');
  await page.getByTestId('field-venue').fill('مقر ولاية جهة فاس مكناس');
  await expect(form.locator('.badge-missing')).toHaveCount(2);
  await shot(page, '08-new-meeting-ar');
  await page.getByTestId('meeting-save').click();

  await expect(page.getByTestId('meeting-page')).toBeVisible();
  await expect(page.getByTestId('meeting-title')).toHaveText('الاجتماع — جهة فاس مكناس');
  await expect(page.getByTestId('missing-warning')).toHaveCount(2);

  // Attendance: nobody in the registry yet, so a new person, added at once.
  await page.getByTestId('attendance-add').click();
  await expect(page.getByTestId('person-search')).toBeFocused();
  await page.keyboard.type('زنيبر');
  await expect(page.getByText('لا أحد في السجل يطابق')).toBeVisible();
  await page.getByTestId('person-new').click();
  await expect(page.getByTestId('person-new-name-ar')).toHaveValue('زنيبر');
  await page.getByTestId('person-new-name-ar').fill('السعيد الزنيبر');
  await page.getByTestId('person-new-title').fill('والي جهة فاس مكناس عامل عمالة فاس');
  await page.getByTestId('person-new-kind').selectOption('individual');
  await page.getByTestId('person-new-save').click();
  await expect(page.getByTestId('attendance-item')).toHaveCount(1);
  await expect(page.getByTestId('attendance-item')).toContainText('السعيد الزنيبر');
  await expect(page.getByTestId('attendance-item').locator('input[type=text]').first()).toHaveValue('والي جهة فاس مكناس عامل عمالة فاس');

  // And found again by the search, with the article: arrows + Enter add nobody twice.
  await page.getByTestId('person-search').fill('الزنيبر');
  await expect(page.getByTestId('person-option').first()).toContainText('مسجل في الحضور');

  // A decision.
  await page.getByTestId('decision-input').fill('تشكيل لجنة جهوية لتتبع تنزيل الاستراتيجية.');
  await page.getByTestId('decision-add').click();
  await expect(page.getByTestId('decision-item')).toHaveCount(1);

  // An action typed by hand, the amount read by the backend.
  await page.getByTestId('action-add').click();
  await page.getByTestId('action-title').fill('تأهيل المراكز الاجتماعية');
  await page.getByTestId('action-amount').fill('2,5 مليون درهم');
  await page.getByTestId('action-save').click();
  await expect(page.getByTestId('action-item')).toHaveCount(1);
  await expect(page.getByTestId('actions-total')).toContainText('2.500.000,00');
  await shot(page, '09-new-meeting-page-ar');
  expect(w.problems).toEqual([]);
});

test('the next meeting of a series gets the next rank', async ({ page }) => {
  await open(page);
  await page.getByTestId('load-demo').click();
  await expect(page.getByTestId('meeting-item')).toHaveCount(1);
  await page.getByTestId('new-meeting').click();
  await page.locator('#mf-series').selectOption({ index: 1 });
  await expect(page.locator('#mf-rank')).toHaveValue('10');
  await page.getByTestId('field-region').selectOption('oriental');
  await page.getByTestId('field-date').fill('2026-11-28');
  await page.getByTestId('field-start-time').fill('10:00');
  await page.getByTestId('meeting-save').click();
  await expect(page.getByTestId('meeting-title')).toHaveText('الاجتماع العاشر — جهة الشرق');

  // The date in Gregorian form with the Hijri date beside it, corrected by the settings.
  const header = page.locator('.meeting-header');
  await expect(header).toContainText('28 نونبر 2026');
  await expect(header).toContainText('18 جمادى الآخرة 1448 هـ');
  await expect(header).toContainText('10:00');
  await expect(page.getByTestId('missing-warning')).toHaveCount(2); // venue and format
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-hijri').selectOption('1');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  await page.goBack();
  await expect(page.locator('.meeting-header')).toContainText('19 جمادى الآخرة 1448 هـ');
});

test('approved minutes are read-only, follow-up goes on', async ({ page }) => {
  const w = watch(page);
  await loadDemoAndOpen(page);
  await setProfile(page, 'approver');
  await expect(page.getByTestId('meeting-page')).toBeVisible();
  await page.getByTestId('status-in_review').click();
  await expect(page.getByTestId('meeting-status')).toHaveText('قيد المراجعة');
  await page.getByTestId('status-approved').click();
  await expect(page.getByTestId('meeting-status')).toHaveText('مصادق عليه');

  await expect(page.getByTestId('meeting-edit')).toBeDisabled();
  await expect(page.getByTestId('minutes-mode')).toBeDisabled();
  await expect(page.getByTestId('attendance-add')).toHaveCount(0);
  await expect(page.getByTestId('action-add')).toHaveCount(0);
  await expect(page.getByTestId('attendance-item').first().locator('select').first()).toBeDisabled();

  // Ctrl+M is refused, with the reason.
  await page.keyboard.press('Control+m');
  await expect(page.getByTestId('minutes-panel')).toHaveCount(0);
  await expect(page.getByTestId('error-banner')).toBeVisible();

  // Follow-up: due date and a change of status with a note (only the allowed next statuses).
  const first = page.getByTestId('action-item').first();
  await first.locator('input[type=date]').fill('2027-06-30');
  await first.locator('input[type=date]').dispatchEvent('change');
  await expect(first).toContainText('2027');
  await first.getByRole('button', { name: 'تغيير الحالة' }).click();
  const options = await first.locator('select option').allTextContents();
  expect(options).toEqual(['متفق عليه', 'في طور الإنجاز', 'متعثر', 'ملغى']);
  await first.getByRole('button', { name: 'تأكيد تغيير الحالة' }).click();
  await expect(first).toContainText('اكتب ملاحظة توثق هذا التغيير.');
  await first.locator('textarea').fill('وُقّعت اتفاقية الشراكة.');
  await first.getByRole('button', { name: 'تأكيد تغيير الحالة' }).click();
  await expect(first.getByTestId('action-status')).toHaveText('متفق عليه');
  await expect(first).toContainText('وُقّعت اتفاقية الشراكة.');
  await shot(page, '10-approved-ar');
  const errors = w.problems;
  expect(errors).toEqual([]);
});

test('the workflow follows the role of the person using this laptop; approving shows the SHA-256', async ({ page }) => {
  const w = watch(page);
  await loadDemoAndOpen(page);

  // Nobody said who uses this laptop: a notice and a way to Settings, no buttons.
  const notice = page.getByTestId('workflow-no-profile');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('أدخل أولا اسمك ودورك في الإعدادات');
  await expect(page.locator('[data-testid^="status-"]')).toHaveCount(0);
  await expect(page.getByTestId('approval')).toHaveCount(0);
  // The backend refuses as well.
  const refused = await page.evaluate(() =>
    (window as unknown as { __TAURI_INTERNALS__: { invoke: (cmd: string, args: unknown) => Promise<unknown> } }).__TAURI_INTERNALS__
      .invoke('set_meeting_status', { id: 'meeting:018bcfe5-6801-7d61-a864-617253656501', status: 'in_review' })
      .then(() => null, (e: { code: string }) => e.code),
  );
  expect(refused).toBe('no_profile');

  // Settings: a bad name is refused in one line, and what was typed stays.
  await page.getByTestId('workflow-settings-link').click();
  await expect(page.getByTestId('profile-settings')).toBeVisible();
  await page.getByTestId('profile-role').selectOption('reviewer');
  await page.getByTestId('profile-save').click();
  await expect(page.getByTestId('profile-error')).toHaveText('أدخل اسما.');
  const long = 'م'.repeat(121);
  await page.getByTestId('profile-name').fill(long);
  await page.getByTestId('profile-save').click();
  await expect(page.getByTestId('profile-error')).toContainText('120');
  await expect(page.getByTestId('profile-name')).toHaveValue(long);
  await page.getByTestId('profile-name').fill('  سعاد   بنعلي ');
  await page.getByTestId('profile-save').click();
  await expect(page.getByTestId('profile-saved')).toBeVisible();
  await expect(page.getByTestId('profile-error')).toHaveCount(0);
  await expect(page.getByTestId('profile-name')).toHaveValue('سعاد بنعلي');
  await shot(page, '12-profile-settings-ar', true);
  await page.goBack();

  // A reviewer sends the minutes to review and may send them back, but not approve them.
  await expect(page.getByTestId('workflow-profile')).toHaveText('مستعمل هذا الحاسوب: \u2068سعاد بنعلي\u2069 (مراجع/ة)');
  await page.getByTestId('status-in_review').click();
  await expect(page.getByTestId('meeting-status')).toHaveText('قيد المراجعة');
  await expect(page.getByTestId('status-draft')).toBeEnabled();
  const approve = page.getByTestId('status-approved');
  await expect(approve).toBeDisabled();
  await expect(approve).toHaveAttribute('title', 'المصادقة على المحضر: من صلاحيات «مصادق/ة» فقط.');
  await expect(page.getByTestId('workflow-why')).toHaveText('المصادقة على المحضر: من صلاحيات «مصادق/ة» فقط.');
  await page.locator('.meeting-header .toolbar').screenshot({ path: `${SHOTS}12-reviewer-workflow-ar.png` });
  const notAllowed = await page.evaluate(() =>
    (window as unknown as { __TAURI_INTERNALS__: { invoke: (cmd: string, args: unknown) => Promise<unknown> } }).__TAURI_INTERNALS__
      .invoke('set_meeting_status', { id: 'meeting:018bcfe5-6801-7d61-a864-617253656501', status: 'approved' })
      .then(() => null, (e: { code: string; details: unknown }) => [e.code, e.details]),
  );
  expect(notAllowed).toEqual(['not_allowed', { role: 'reviewer', from: 'in_review', to: 'approved' }]);
  await expect(page.getByTestId('meeting-status')).toHaveText('قيد المراجعة');

  // An approver approves: who, as what, when, and the SHA-256 of the minutes as approved.
  await setProfile(page, 'approver', 'عواطف حيار');
  await expect(page.getByTestId('status-approved')).toBeEnabled();
  await expect(page.getByTestId('workflow-why')).toHaveCount(0);
  await page.getByTestId('status-approved').click();
  await expect(page.getByTestId('meeting-status')).toHaveText('مصادق عليه');
  const hash = page.getByTestId('approval-sha256');
  await expect(hash).toHaveText(/^[0-9a-f]{64}$/);
  await expect(hash).toHaveAttribute('dir', 'ltr');
  const sha256 = await hash.textContent();
  await expect(page.getByTestId('approval-by')).toContainText('صادق على المحضر \u2068عواطف حيار\u2069 (مصادق/ة) يوم');
  await expect(page.getByTestId('approval')).toContainText('mahdar verify-minutes');
  await expect(page.getByTestId('status-published')).toBeEnabled();
  // Back to draft from approved minutes is starting an amendment (asked first: see below).
  await expect(page.getByTestId('status-draft')).toHaveText('إعداد تعديل على المحضر');
  await expect(page.getByTestId('status-draft')).toBeEnabled();

  // The hash is selectable, and stays inside the header (it may wrap) at any width.
  const header = page.locator('.meeting-header');
  // The header alone, from the top of the page (an element shot would slide it under the sticky bar).
  const headerShot = async (name: string) => {
    await page.evaluate(() => document.fonts.ready);
    await page.evaluate(() => window.scrollTo(0, 0));
    const box = await header.boundingBox();
    await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true, clip: box! });
  };
  expect(await hash.evaluate((el) => getComputedStyle(el).userSelect)).not.toBe('none');
  for (const width of [1280, 900, 560]) {
    await page.setViewportSize({ width, height: 800 });
    const h = await header.boundingBox();
    const c = await hash.boundingBox();
    expect(h && c, `width ${width}`).toBeTruthy();
    expect(c!.x, `width ${width}`).toBeGreaterThanOrEqual(h!.x);
    expect(c!.x + c!.width, `width ${width}`).toBeLessThanOrEqual(h!.x + h!.width + 0.5);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), `width ${width}`).toBe(true);
    if (width === 900) await headerShot('13-approved-header-narrow-ar');
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await headerShot('13-approved-header-ar');

  // Publishing keeps the approval; published minutes can only have an amendment started.
  await page.getByTestId('status-published').click();
  await expect(page.getByTestId('meeting-status')).toHaveText('منشور');
  await expect(hash).toHaveText(sha256 ?? '');
  await expect(page.locator('[data-testid^="status-"]')).toHaveCount(1);
  await expect(page.getByTestId('status-draft')).toHaveText('إعداد تعديل على المحضر');
  await expect(page.getByTestId('workflow-no-profile')).toHaveCount(0);
  expect(w.problems).toEqual([]);
});

test('an amendment of approved minutes: the approved version stays, the changes since are shown, approving again is amendment 1', async ({ page }) => {
  const w = watch(page);
  // A backend call from the page: its answer, or its error's code and details.
  const invoke = (cmd: string, args: unknown) =>
    page.evaluate(
      ([c, a]) =>
        (window as unknown as { __TAURI_INTERNALS__: { invoke: (cmd: string, args: unknown) => Promise<unknown> } }).__TAURI_INTERNALS__
          .invoke(c as string, a)
          .then(
            (value) => ({ value, error: null }),
            (e: { code: string; details: unknown }) => ({ value: null, error: [e.code, e.details] }),
          ),
      [cmd, args] as const,
    );
  const meetingId = 'meeting:018bcfe5-6801-7d61-a864-617253656501';
  await loadDemoAndOpen(page);
  await setProfile(page, 'approver', 'عواطف حيار');
  await page.getByTestId('status-in_review').click();
  await expect(page.getByTestId('meeting-status')).toHaveText('قيد المراجعة');
  await page.getByTestId('status-approved').click();
  await expect(page.getByTestId('meeting-status')).toHaveText('مصادق عليه');
  const hash = page.getByTestId('approval-sha256');
  await expect(hash).toHaveText(/^[0-9a-f]{64}$/);
  const approvedSha = (await hash.textContent()) ?? '';
  await expect(page.getByTestId('amendment-changes')).toHaveCount(0);

  // A reviewer may not start an amendment: the button is there, disabled, with whose step it is.
  await setProfile(page, 'reviewer', 'سعاد بنعلي');
  const amend = page.getByTestId('status-draft');
  await expect(amend).toHaveText('إعداد تعديل على المحضر');
  await expect(amend).toBeDisabled();
  const why = 'إعداد تعديل على المحضر: من صلاحيات «كاتب/ة المحضر» أو «مصادق/ة» فقط.';
  await expect(amend).toHaveAttribute('title', why);
  await expect(page.locator('#workflow-why-draft')).toHaveText(why);
  const refused = await invoke('set_meeting_status', { id: meetingId, status: 'draft' });
  expect(refused.error).toEqual(['not_allowed', { role: 'reviewer', from: 'approved', to: 'draft' }]);

  // The secretary starts it, after a confirmation saying what it means; "no" changes nothing.
  await setProfile(page, 'secretary', 'محمد العلمي');
  await expect(amend).toBeEnabled();
  await amend.click();
  const confirm = page.getByRole('group', { name: /تبقى الصيغة المصادق عليها محفوظة كما صودق عليها/ });
  await expect(confirm).toContainText('ويتعيّن عرض التعديل على المصادقة من جديد');
  await expect(page.getByTestId('status-draft-confirm')).toBeFocused();
  await expect(page.getByTestId('status-draft-confirm')).toHaveText('نعم، إعداد التعديل');
  await page.locator('.meeting-header .toolbar').screenshot({ path: `${SHOTS}14-amend-confirm-ar.png` });
  await page.getByTestId('status-draft-cancel').click();
  await expect(amend).toBeFocused();
  await expect(page.getByTestId('meeting-status')).toHaveText('مصادق عليه');
  await amend.click();
  await page.getByTestId('status-draft-confirm').click();
  await expect(page.getByTestId('meeting-status')).toHaveText('مسودة');

  // Amendment 1 in preparation; the approved version, its approver and fingerprint, as they were.
  const block = page.getByTestId('approval');
  await expect(block).toHaveAttribute('data-amending', 'true');
  await expect(page.getByTestId('amendment-in-progress')).toHaveText(
    'التعديل رقم 1 قيد الإعداد، وتبقى الصيغة المصادق عليها كما هي دون تغيير:',
  );
  await expect(page.getByTestId('approval-by')).toContainText('صادق على المحضر \u2068عواطف حيار\u2069 (مصادق/ة) يوم');
  await expect(hash).toHaveText(approvedSha);
  await expect(block).toContainText('بصمة الصيغة المصادق عليها (SHA-256)');
  const panel = page.getByTestId('amendment-changes');
  await expect(panel.getByRole('heading', { name: 'التغييرات منذ الصيغة المصادق عليها' })).toBeFocused();
  await expect(panel.getByTestId('amendment-changes-none')).toHaveText('لا تغيير بعد: المحضر مطابق للصيغة المصادق عليها.');
  await expect(page.getByTestId('meeting-edit')).toBeEnabled();

  // The secretary corrects the third statement: the panel shows that text, before and after.
  const statement = page.getByTestId('statement-item').nth(2);
  const statementId = await statement.getAttribute('data-statement-id');
  const before = ((await statement.locator('p.text').textContent()) ?? '').trim();
  expect(before.length).toBeGreaterThan(20);
  const after = `${before} (تصويب)`;
  await saveStatementText(statement, after);
  const change = panel.getByTestId('amendment-change');
  await expect(change).toHaveCount(1);
  await expect(change).toHaveAttribute('data-path', `statements[${statementId}].text`);
  await expect(change.getByTestId('amendment-change-subject')).toHaveText(/^مداخلة \u2068.+\u2069$/);
  await expect(change.getByTestId('amendment-change-field')).toHaveText('النص');
  await expect(change.getByTestId('amendment-change-before')).toHaveText(before);
  await expect(change.getByTestId('amendment-change-after')).toHaveText(after);
  await expect(change.getByTestId('amendment-change-after').locator('mark')).toHaveText('(تصويب)');
  await expect(panel.getByTestId('amendment-changes-count')).toHaveText('تغيير واحد');
  // The same as the backend's answer.
  const verification = (await invoke('verify_minutes', { id: meetingId })).value as {
    matches: boolean; amendment_in_progress: number | null; changes: { path: string; before: unknown; after: unknown }[];
  };
  expect(verification.matches).toBe(false);
  expect(verification.amendment_in_progress).toBe(1);
  expect(verification.changes).toEqual([{ path: `statements[${statementId}].text`, before, after }]);

  // The panel in Arabic, right to left, nothing cut off, at the page's width and a narrow one.
  // An element alone, from the top of the page (an element shot would slide it under the sticky bar).
  const clipShot = async (what: typeof panel, name: string) => {
    await page.evaluate(() => document.fonts.ready);
    await page.evaluate(() => window.scrollTo(0, 0));
    const box = await what.boundingBox();
    await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true, clip: box! });
  };
  const panelShot = (name: string) => clipShot(panel, name);
  expect(await panel.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  for (const width of [1280, 700]) {
    await page.setViewportSize({ width, height: 800 });
    const p = (await panel.boundingBox())!;
    for (const cell of await change.locator('.what, .side').all()) {
      const c = (await cell.boundingBox())!;
      expect(c.x, `width ${width}`).toBeGreaterThanOrEqual(p.x - 0.5);
      expect(c.x + c.width, `width ${width}`).toBeLessThanOrEqual(p.x + p.width + 0.5);
      // Nothing hidden inside a cell either.
      expect(await cell.evaluate((el) => el.scrollWidth <= el.clientWidth + 1), `width ${width}`).toBe(true);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), `width ${width}`).toBe(true);
    await panelShot(width === 1280 ? '15-amendment-changes-ar' : '15-amendment-changes-narrow-ar');
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await clipShot(block, '15-amendment-approval-block-ar');

  // The approver approves again: amendment 1, with a fingerprint of its own.
  await setProfile(page, 'approver', 'عواطف حيار');
  await page.getByTestId('status-in_review').click();
  await expect(page.getByTestId('meeting-status')).toHaveText('قيد المراجعة');
  await expect(page.getByTestId('amendment-in-progress')).toBeVisible();
  await expect(panel.getByTestId('amendment-change')).toHaveCount(1);
  await page.getByTestId('status-approved').click();
  await expect(page.getByTestId('meeting-status')).toHaveText('مصادق عليه');
  await expect(page.getByTestId('approval-by')).toContainText('الصيغة المعدَّلة رقم 1');
  await expect(hash).toHaveText(/^[0-9a-f]{64}$/);
  await expect(hash).not.toHaveText(approvedSha);
  await expect(block).toHaveAttribute('data-amending', 'false');
  await expect(page.getByTestId('amendment-in-progress')).toHaveCount(0);
  await expect(panel).toHaveCount(0);
  const again = (await invoke('verify_minutes', { id: meetingId })).value as {
    matches: boolean; amendment_in_progress: number | null; changes: unknown[]; approval: { amendment: number; sha256: string };
  };
  expect(again).toMatchObject({ matches: true, amendment_in_progress: null, changes: [], approval: { amendment: 1 } });
  expect(again.approval.sha256).toBe(await hash.textContent());
  await shot(page, '16-amendment-approved-ar');
  expect(w.problems).toEqual([]);
});

test('a statement edited twice: the form opens on its own text each time, and a delete question is put away', async ({ page }) => {
  await loadDemoAndOpen(page);
  const statement = page.getByTestId('statement-item').nth(1);
  const original = ((await statement.locator('p.text').textContent()) ?? '').trim();
  // «حذف» asks; «تعديل» then puts the question away (the tools stay in the page, hidden).
  await statement.getByRole('button', { name: 'حذف', exact: true }).click();
  await expect(statement.getByRole('button', { name: 'نعم، احذف' })).toBeVisible();
  await statement.getByRole('button', { name: 'تعديل', exact: true }).click();
  await expect(statement.locator('textarea')).toHaveValue(original);
  await statement.locator('textarea').fill(`${original} (أ)`);
  await statement.getByRole('button', { name: 'حفظ', exact: true }).click();
  await expect(statement.locator('p.text')).toHaveText(`${original} (أ)`);
  await expect(statement.locator('textarea')).toBeHidden();
  await expect(statement.getByRole('button', { name: 'نعم، احذف' })).toHaveCount(0);
  await expect(statement.getByRole('button', { name: 'حذف', exact: true })).toBeVisible();
  // Opened again, then cancelled: the saved text, not what was typed and cancelled.
  await statement.getByRole('button', { name: 'تعديل', exact: true }).click();
  await expect(statement.locator('textarea')).toHaveValue(`${original} (أ)`);
  await statement.locator('textarea').fill('نص لن يحفظ');
  await statement.getByRole('button', { name: 'إلغاء', exact: true }).click();
  await expect(statement.locator('p.text')).toHaveText(`${original} (أ)`);
  await statement.getByRole('button', { name: 'تعديل', exact: true }).click();
  await expect(statement.locator('textarea')).toHaveValue(`${original} (أ)`);
  await expect(statement.locator('textarea')).toBeFocused();
});

test('the registry: add and edit people and organisations', async ({ page }) => {
  await open(page);
  await page.getByTestId('load-demo').click();
  await expect(page.getByTestId('meeting-item')).toHaveCount(1);
  await page.getByTestId('nav-registry').click();
  await expect(page.getByTestId('registry-person')).toHaveCount(6);
  await page.getByTestId('registry-search').fill('الانصاري');
  await expect(page.getByTestId('registry-person')).toHaveCount(1);
  await page.getByTestId('registry-person').getByRole('button', { name: 'تعديل' }).click();
  const editor = page.getByTestId('person-editor');
  await editor.getByRole('button', { name: '+ إضافة صفة' }).click();
  await editor.locator('input[type=text]').nth(-2).fill('رئيس مجلس جهة فاس مكناس');
  await editor.getByTestId('person-save').click();
  await expect(page.getByTestId('person-editor')).toHaveCount(0);
  await page.getByTestId('registry-add-organisation').click();
  await page.getByTestId('organisation-editor').locator('input').first().fill('التعاون الوطني');
  await page.getByTestId('organisation-save').click();
  await expect(page.getByTestId('registry-organisation')).toHaveCount(4);
  await shot(page, '11-registry-ar');
});
