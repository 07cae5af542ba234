// Minute-taking never loses nor doubles a statement: leaving the mode while a save is on its
// way, and reloading the window with text typed but not yet entered.

import { expect, test } from '@playwright/test';
import { loadDemoAndOpen, watch } from './helpers';

test('Escape during a save neither loses nor repeats the statement', async ({ page }) => {
  const w = watch(page);
  await loadDemoAndOpen(page);
  await expect(page.getByTestId('statement-item')).toHaveCount(8);
  await page.getByTestId('minutes-mode').click();
  await page.getByTestId('speaker-input').fill('زنيبر');
  await page.keyboard.press('Enter');
  await page.getByTestId('statement-input').fill('أكد السيد الوالي دعم السلطات المحلية للشراكة.');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape'); // while the save (60 ms in the mock) is on its way
  await expect(page.getByTestId('minutes-panel')).toBeHidden();
  await expect(page.getByTestId('statement-item')).toHaveCount(9);
  await page.getByTestId('minutes-mode').click();
  await expect(page.getByTestId('speaker-input')).toHaveValue('');
  await expect(page.getByTestId('statement-input')).toHaveValue('', { timeout: 2000 });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('statement-item')).toHaveCount(9);
  expect(w.problems).toEqual([]);
});

test('text typed but not yet entered survives a reload of the window', async ({ page }) => {
  await loadDemoAndOpen(page);
  await page.getByTestId('minutes-mode').click();
  await page.getByTestId('speaker-input').fill('حيار');
  await page.keyboard.press('Enter');
  await page.getByTestId('statement-input').fill('نص لم يحفظ بعد');
  await page.reload();
  // The mock backend lives in the page (a reload empties it): load the example meeting again.
  await page.getByTestId('nav-meetings').click();
  await page.getByTestId('load-demo').click();
  await page.getByTestId('meeting-item').click();
  await page.getByTestId('minutes-mode').click();
  await expect(page.getByTestId('statement-input')).toHaveValue('نص لم يحفظ بعد');
});
