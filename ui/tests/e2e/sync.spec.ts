// Sync: the settings (address, user, password never shown back, continuous), the status in the
// header, and the conflicts panel where a person chooses between the versions a sync brought
// back. `?conflict=1` starts the mock as a laptop that has just synced and got two conflicts in
// the example meeting: a statement proofread on both laptops, and an action edited here and
// deleted on the other. The real resolution is tested on the backend (crates/mahdar-sync).

import { expect, test, type Page } from '@playwright/test';
import { open, shot, watch } from './helpers';

async function openWithConflicts(page: Page): Promise<void> {
  await page.goto('/?conflict=1');
  await expect(page.getByTestId('nav-meetings')).toBeVisible();
}

test('two conflicts: the versions side by side, one kept, the deletion refused, none left', async ({ page }) => {
  const w = watch(page);
  await openWithConflicts(page);

  const indicator = page.getByTestId('sync-conflicts');
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'up_to_date');
  await expect(page.getByTestId('sync-state')).toContainText('متزامن — آخر مزامنة:');
  await expect(indicator).toHaveAttribute('data-count', '2');
  await expect(indicator).toHaveText('تعارضان');
  await indicator.click();

  const panel = page.getByTestId('conflicts-page');
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('conflicts-intro')).toContainText('ولا يضيع شيء في الحالتين');
  const items = page.getByTestId('conflict-item');
  await expect(items).toHaveCount(2);

  await test.step('the statement: both versions of its text, side by side', async () => {
    await page.locator('[data-testid="conflict-item"][data-kind="edit"]').click();
    const detail = page.getByTestId('conflict-detail');
    await expect(detail).toHaveAttribute('data-id', /^statement:/);
    await expect(detail.getByTestId('conflict-version')).toHaveCount(2);
    await expect(detail.getByTestId('conflict-version').nth(0).getByTestId('conflict-shown')).toHaveText('المعروضة حاليا');
    const rows = detail.getByTestId('conflict-row');
    await expect(rows).toHaveCount(1);
    await expect(rows).toHaveAttribute('data-field', 'text');
    const cells = rows.getByTestId('conflict-cell');
    // This laptop corrected one word, the other laptop two others.
    await expect(cells.nth(0)).toContainText('الترابيين حول بلورة');
    await expect(cells.nth(0)).toContainText('في الاسرة');
    await expect(cells.nth(1)).toContainText('الترابيين جول بلورة');
    await expect(cells.nth(1)).toContainText('في الأسرة');
    // The words that differ are marked in each.
    await expect(cells.nth(0).locator('mark')).toHaveText(['حول', 'الى', 'الاسرة']);
    await expect(cells.nth(1).locator('mark')).toHaveText(['جول', 'إلى', 'الأسرة']);
    // Side by side, the version shown now on the inline-start side (the right, in Arabic).
    const shown = await cells.nth(0).boundingBox();
    const other = await cells.nth(1).boundingBox();
    expect(shown && other && Math.abs(shown.y - other.y) < 1, 'the two versions are on one row').toBe(true);
    expect(shown && other && shown.x > other.x, 'the version shown now is to the right').toBe(true);
    await expect(detail.getByTestId('conflict-edit')).toBeVisible();
    await shot(page, 'sync-conflicts-ar');

    // Keep the other laptop's version.
    await detail.getByTestId('conflict-keep').nth(1).click();
    await expect(page.locator('.notice[role="status"]')).toContainText('حُسم التعارض');
    await expect(items).toHaveCount(1);
    await expect(indicator).toHaveAttribute('data-count', '1');
    await expect(indicator).toHaveText('تعارض واحد');
  });

  await test.step('the action edited here and deleted there: keeping the edit', async () => {
    const detail = page.getByTestId('conflict-detail');
    await expect(detail).toHaveAttribute('data-id', /^action:/);
    await expect(detail).toContainText('عُدّلت على حاسوب وحُذفت على آخر');
    await expect(detail.getByTestId('conflict-row')).toHaveCount(3);
    await expect(detail.locator('td.deleted')).toHaveText('حُذفت على حاسوب آخر');
    await expect(detail.getByTestId('conflict-edit')).toHaveCount(0);
    const keep = detail.getByTestId('conflict-keep');
    await expect(keep.nth(0)).toHaveText('اعتماد هذه النسخة');
    await expect(keep.nth(1)).toHaveText('اعتماد الحذف');
    await shot(page, 'sync-conflicts-edit-delete-ar');
    await keep.nth(0).click();
    await expect(page.getByTestId('conflicts-none')).toBeVisible();
    await expect(indicator).toHaveCount(0);
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  });

  await test.step('the meeting shows what was kept', async () => {
    await page.getByTestId('nav-meetings').click();
    await page.getByTestId('meeting-item').click();
    await expect(page.getByTestId('statement-item').nth(1)).toContainText('في الأسرة');
    await expect(page.getByTestId('action-item')).toHaveCount(3);
  });
  expect(w.problems).toEqual([]);
});

test('a conflict edited and kept: the text combines both corrections', async ({ page }) => {
  const w = watch(page);
  await openWithConflicts(page);
  await page.getByTestId('sync-conflicts').click();
  await page.locator('[data-testid="conflict-item"][data-kind="edit"]').click();
  const detail = page.getByTestId('conflict-detail');
  await detail.getByTestId('conflict-edit').click();
  const box = detail.getByTestId('conflict-editor-field');
  await expect(box).toHaveCount(1);
  await expect(box).toBeFocused();
  // It starts from the version shown now.
  const start = await box.inputValue();
  expect(start).toContain('حول بلورة');
  await box.fill(start.replace('الاسرة', 'الأسرة').replace('الى', 'إلى'));
  await detail.getByTestId('conflict-editor-save').click();
  await expect(page.getByTestId('conflicts-page').getByTestId('conflict-item')).toHaveCount(1);
  await expect(page.getByTestId('sync-conflicts')).toHaveAttribute('data-count', '1');

  await page.getByTestId('nav-meetings').click();
  await page.getByTestId('meeting-item').click();
  const statement = page.getByTestId('statement-item').nth(1);
  await expect(statement).toContainText('حول بلورة');
  await expect(statement).toContainText('في الأسرة');
  await expect(statement).toContainText('مشيرة إلى أن');
  expect(w.problems).toEqual([]);
});

test('a bad server address is refused in one line, and what was typed stays', async ({ page }) => {
  await open(page);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'off');
  await expect(page.getByTestId('sync-state')).toHaveText(/المزامنة غير مفعّلة/);
  await page.getByTestId('nav-settings').click();
  const url = page.getByTestId('sync-url');
  await url.fill('sync.example.org/mahdar');
  await page.getByTestId('sync-save').click();
  const error = page.getByTestId('sync-error');
  await expect(error).toContainText('عنوان الخادم غير صالح.');
  await expect(error).toContainText('invalid server address "sync.example.org/mahdar": relative URL without a base');
  await expect(url).toHaveValue('sync.example.org/mahdar');
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'off');
  await error.scrollIntoViewIfNeeded();
  await shot(page, 'sync-settings-error-ar', true);

  // Corrected, it is saved.
  await url.fill('https://sync.example.org');
  await page.getByTestId('sync-save').click();
  await expect(error).toContainText('the address must name a database');
  await url.fill('https://sync.example.org/mahdar');
  await page.getByTestId('sync-save').click();
  await expect(page.getByTestId('sync-message')).toHaveText('حُفظت إعدادات المزامنة.');
  await expect(error).toHaveCount(0);
});

test('sync settings: the password is kept without being shown, sync now, a refused password', async ({ page }) => {
  const w = watch(page);
  await open(page);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('sync-url').fill('https://sync.example.org/mahdar');
  await page.getByTestId('sync-user').fill('secretariat');
  await page.getByTestId('sync-password').fill('s3cret');
  await page.getByTestId('sync-save').click();
  await expect(page.getByTestId('sync-message')).toHaveText('حُفظت إعدادات المزامنة.');
  await expect(page.getByTestId('sync-password')).toHaveValue('');
  await expect(page.getByTestId('sync-password-stored')).toBeVisible();
  await expect(page.getByTestId('sync-state')).toHaveText(/لم تُجرَ أي مزامنة بعد/);

  // Sync now: its progress in the header, then the time it was done.
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'syncing');
  await expect(page.getByTestId('sync-state')).toContainText('جارٍ');
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'up_to_date');
  await expect(page.getByTestId('sync-state')).toContainText('متزامن — آخر مزامنة:');
  await expect(page.getByTestId('sync-settings-status')).toContainText('متزامن');

  // Continuous: saved with an empty password box (the stored one is kept), it syncs by itself.
  await page.getByTestId('sync-continuous').check();
  await page.getByTestId('sync-save').click();
  await expect(page.getByTestId('sync-password-stored')).toBeVisible();
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'syncing');
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'up_to_date');
  await page.getByTestId('sync-continuous').uncheck();
  await page.getByTestId('sync-save').click();
  await expect(page.getByTestId('sync-message')).toHaveText('حُفظت إعدادات المزامنة.');

  // The stored password is removed; the rest stays.
  await page.getByTestId('sync-password-remove').click();
  await expect(page.getByTestId('sync-message')).toHaveText('حُذفت كلمة المرور المحفوظة.');
  await expect(page.getByTestId('sync-password-stored')).toHaveCount(0);
  await expect(page.getByTestId('sync-url')).toHaveValue('https://sync.example.org/mahdar');
  await expect(page.getByTestId('sync-continuous')).not.toBeChecked();

  // The server refuses: said in one line, and the reason is the indicator's tooltip.
  await page.evaluate(() => window.__mahdarMock?.failNextSync('unauthorized'));
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-error')).toContainText('رفض الخادم اسم المستخدم أو كلمة المرور');
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'failed');
  await expect(page.getByTestId('sync-state')).toHaveText(/تعذرت المزامنة/);
  await expect(page.getByTestId('sync-state')).toHaveAttribute('title', /refused the user name or password/);
  expect(w.problems).toEqual([]);
});
