// Creating a meeting from nothing, attendance from the registry, and the approval workflow.

import { expect, test } from '@playwright/test';
import { loadDemoAndOpen, open, shot, watch } from './helpers';

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
