// The meeting's Export menu: formats and document language, keyboard, progress while the file
// is made, what came of it (saved where, or cancelled). The files themselves are checked on the
// real backend (crates/mahdar/tests/facade/documents.rs) and in the desktop e2e.

import { expect, test } from '@playwright/test';
import { loadDemoAndOpen } from './helpers';

test('export the minutes as PDF in French from an Arabic window', async ({ page }) => {
  await loadDemoAndOpen(page);
  const button = page.getByTestId('export-button');
  await expect(button).toHaveText(/تصدير/);
  await button.click();
  const menu = page.getByTestId('export-menu');
  await expect(menu.getByRole('menuitem')).toHaveCount(6);
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await expect(page.getByTestId('export-lang-ar')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('export-lang-fr').click();
  await expect(page.getByTestId('export-lang-fr')).toHaveAttribute('aria-pressed', 'true');
  await page.screenshot({ path: test.info().outputPath('export-menu.png') });
  await page.getByTestId('export-pdf').click();
  await expect(menu).toBeHidden();
  // Progress, then the outcome, in the window's language.
  await expect(page.getByTestId('export-status')).toContainText('جارٍ');
  await expect(button).toBeDisabled();
  const notice = page.locator('.notice[role="status"]');
  await expect(notice).toContainText('حُفظ الملف');
  await expect(notice).toContainText('mahdar-pdf-fr.pdf');
  await expect(page.getByTestId('export-status')).toBeEmpty();
  await page.screenshot({ path: test.info().outputPath('export-done.png') });
  await expect(button).toBeEnabled();
});

test('the menu is used from the keyboard and Escape closes it', async ({ page }) => {
  await loadDemoAndOpen(page);
  await page.getByTestId('export-button').focus();
  await page.keyboard.press('Enter');
  const items = page.getByTestId('export-menu').getByRole('menuitem');
  await expect(items.nth(0)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(items.nth(5)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(items.nth(0)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('export-menu')).toBeHidden();
  await expect(page.getByTestId('export-button')).toBeFocused();
  // A click elsewhere closes it too.
  await page.getByTestId('export-button').click();
  await page.getByTestId('meeting-title').click();
  await expect(page.getByTestId('export-menu')).toBeHidden();
});

test('a cancelled save dialog writes nothing and says so', async ({ page }) => {
  await loadDemoAndOpen(page);
  await page.evaluate(() => window.__mahdarMock?.emit('menu', 'lang-en'));
  await page.evaluate(() => window.__mahdarMock?.cancelNextSave());
  await page.getByTestId('export-button').click();
  await expect(page.getByTestId('export-lang-en')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('export-csv').click();
  await expect(page.locator('.notice[role="status"]')).toContainText('Export cancelled: no file was written.');
});

test('an export is cancelled while the file is made, and nothing is written', async ({ page }) => {
  await loadDemoAndOpen(page);
  await page.evaluate(() => window.__mahdarMock?.slowExports());
  await page.getByTestId('export-button').click();
  await page.getByTestId('export-docx').click();
  const cancel = page.getByTestId('export-cancel');
  await expect(cancel).toHaveText('إلغاء');
  await page.screenshot({ path: test.info().outputPath('export-rendering.png') });
  await cancel.click();
  await expect(page.locator('.notice[role="status"]')).toContainText('أُلغي التصدير، ولم يُكتب أي ملف.');
  await expect(cancel).toBeHidden();
  await expect(page.getByTestId('export-button')).toBeEnabled();
});
