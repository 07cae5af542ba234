// The follow-up dashboard (every action, filtered, with totals, bars, the CSV export and the PDF
// report) and the matters arising of a later meeting (the open actions of earlier meetings of
// its series or region, followed up in place).

import { expect, test } from '@playwright/test';
import { SHOTS, loadDemoAndOpen, shot, watch } from './helpers';

test('the follow-up dashboard: totals, bars per region and status, filters, export', async ({ page }) => {
  const w = watch(page);
  await loadDemoAndOpen(page);
  await page.getByTestId('nav-followup').click();
  await expect(page.getByTestId('nav-followup')).toHaveText('تتبع الالتزامات');
  await expect(page.getByTestId('nav-followup')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('followup-page')).toBeVisible();
  await expect(page.getByTestId('followup-action')).toHaveCount(3);
  await expect(page.getByTestId('followup-total-committed')).toContainText('30.000.000,00');

  // One bar for Fès-Meknès, labelled with the region's name and the sum committed there.
  const bar = page.getByTestId('followup-region-bar');
  await expect(bar).toHaveCount(1);
  await expect(bar.locator('.bar-name')).toHaveText('فاس مكناس');
  await expect(bar.getByTestId('followup-region-committed')).toContainText('30.000.000,00');
  await expect(bar.locator('rect.bar-committed')).toHaveAttribute('width', '100');

  // The breakdown by status: two proposed, one done.
  const status = page.getByTestId('followup-status-bar');
  await expect(status.locator('rect')).toHaveCount(2);
  await expect(status.locator('[data-status="proposed"]')).toContainText('مقترح: 2');
  await expect(status.locator('[data-status="done"]')).toContainText('منجز: 1');
  // Each action names its meeting; the owners' table has one row per owner.
  await expect(page.getByTestId('followup-action').first().getByTestId('action-meeting')).toContainText('فاس مكناس');
  await expect(page.getByTestId('followup-owners').locator('tbody tr')).toHaveCount(2);
  await shot(page, '30-followup-ar');

  // Filtering by status narrows the list and the totals.
  await page.getByTestId('followup-filter-status').selectOption('done');
  await expect(page.getByTestId('followup-action')).toHaveCount(1);
  await expect(status.locator('rect')).toHaveCount(1);
  await expect(page.getByTestId('followup-total-committed')).toHaveText('لا مبالغ ملتزم بها');
  await page.getByTestId('followup-filter-status').selectOption('');
  await expect(page.getByTestId('followup-action')).toHaveCount(3);
  // Only actions in which a party is a partner.
  await page.getByTestId('followup-filter-partner').selectOption({ index: 2 });
  await expect(page.getByTestId('followup-action')).toHaveCount(1);
  await expect(page.getByTestId('followup-total-committed')).toContainText('26.000.000,00');

  // Export: nothing said when the dialog is cancelled, the path once saved.
  const notice = page.locator('.notice[role="status"]');
  await page.evaluate(() => window.__mahdarMock?.cancelNextSave());
  await page.getByTestId('followup-export').click();
  await expect(page.getByTestId('followup-export')).toBeEnabled();
  await expect(notice).toHaveCount(0);
  await page.getByTestId('followup-export').click();
  await expect(notice).toContainText('حُفظ الملف');
  await expect(notice).toContainText('/home/user/Documents/actions.csv');
  expect(w.problems).toEqual([]);
});

test('the filtered actions as a PDF report, named in the language of the list', async ({ page }) => {
  const w = watch(page);
  await loadDemoAndOpen(page);
  await page.getByTestId('nav-followup').click();
  const csv = page.getByTestId('followup-export');
  const pdf = page.getByTestId('followup-export-pdf');
  await expect(csv).toHaveText('تصدير CSV');
  await expect(pdf).toHaveText('تقرير PDF');
  await expect(page.getByRole('group', { name: 'تصدير القائمة المعروضة' })).toBeVisible();

  // Cancelled in the save dialog: nothing said.
  const notice = page.locator('.notice[role="status"]');
  await page.evaluate(() => window.__mahdarMock?.cancelNextSave());
  await pdf.click();
  await expect(pdf).toBeEnabled();
  await expect(notice).toHaveCount(0);
  // Saved: where, named as the backend names it; both buttons wait while it is made.
  await page.getByTestId('followup-filter-status').selectOption('proposed');
  await expect(page.getByTestId('followup-action')).toHaveCount(2);
  await pdf.click();
  await expect(csv).toBeDisabled();
  await expect(notice).toContainText('حُفظ الملف');
  await expect(notice).toContainText('/home/user/Documents/إجراءات التتبع.pdf');
  await expect(pdf).toBeEnabled();

  await page.evaluate(() => window.__mahdarMock?.emit('menu', 'lang-fr'));
  await expect(pdf).toHaveText('Rapport PDF');
  await pdf.click();
  await expect(notice).toContainText('/home/user/Documents/actions de suivi.pdf');
  expect(w.problems).toEqual([]);
});

test('matters arising: the open actions of an earlier meeting of the series, followed up in place', async ({ page }) => {
  const w = watch(page);
  await loadDemoAndOpen(page);
  // The example meeting is the first: nothing arises for it.
  await expect(page.getByTestId('action-item')).toHaveCount(3);
  await expect(page.getByTestId('matters-arising')).toHaveCount(0);

  await page.getByTestId('nav-meetings').click();
  await page.getByTestId('new-meeting').click();
  await page.locator('#mf-series').selectOption({ index: 1 });
  await page.getByTestId('field-region').selectOption('fes-meknes');
  await page.getByTestId('field-date').fill('2026-12-15');
  await page.getByTestId('meeting-save').click();
  await expect(page.getByTestId('meeting-title')).toHaveText('الاجتماع العاشر — جهة فاس مكناس');

  // The example meeting's open actions (its third one is done already).
  const section = page.getByTestId('matters-arising');
  await expect(section).toBeVisible();
  await expect(section.locator('h2')).toHaveText('مسائل عالقة من الاجتماعات السابقة');
  const items = section.getByTestId('arising-action');
  await expect(items).toHaveCount(2);
  await expect(items.first().getByTestId('action-meeting')).toHaveText('الاجتماع التاسع — جهة فاس مكناس');
  // The section as drawn in the whole page (scrolled to the top, the sticky header covers none of it).
  await page.evaluate(() => document.fonts.ready);
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = await section.boundingBox();
  if (!box) throw new Error('the matters arising section has no box');
  await page.screenshot({ path: `${SHOTS}31-matters-arising-ar.png`, fullPage: true, clip: box });

  // Followed up here: in progress (it stays), then done (it leaves the section).
  const id = await items.first().getAttribute('data-action-id');
  const item = section.locator(`[data-action-id="${id}"]`);
  await item.getByRole('button', { name: 'تغيير الحالة' }).click();
  await item.locator('select').selectOption('in_progress');
  await item.locator('textarea').fill('انطلقت الأشغال.');
  await item.getByRole('button', { name: 'تأكيد تغيير الحالة' }).click();
  await expect(item.getByTestId('action-status')).toHaveText('في طور الإنجاز');
  await expect(items).toHaveCount(2);
  await item.getByRole('button', { name: 'تغيير الحالة' }).click();
  await item.locator('select').selectOption('done');
  await item.locator('textarea').fill('أُنجز الإجراء.');
  await item.getByRole('button', { name: 'تأكيد تغيير الحالة' }).click();
  await expect(items).toHaveCount(1);
  await expect(item).toHaveCount(0);

  // The action itself changed: its own meeting shows it done, with the two notes.
  await page.getByTestId('nav-meetings').click();
  await page.getByTestId('meeting-item').first().click();
  const own = page.locator(`[data-testid="action-item"][data-action-id="${id}"]`);
  await expect(own.getByTestId('action-status')).toHaveText('منجز');
  await expect(own).toContainText('أُنجز الإجراء.');
  expect(w.problems).toEqual([]);
});
