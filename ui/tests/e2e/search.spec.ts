// The search box: Ctrl+K from anywhere, results as you type grouped by kind, the words found
// marked as written, arrows and Enter open the item in its meeting. (Spelling variants and
// ranking are the backend's: crates/mahdar/tests/facade/search.rs and the quality set.)

import { expect, test } from '@playwright/test';
import { loadDemoAndOpen, shot } from './helpers';

test('Ctrl+K, type, see results grouped, open a statement in its meeting', async ({ page }) => {
  await loadDemoAndOpen(page);
  await page.getByTestId('nav-meetings').click();
  await page.keyboard.press('Control+k');
  const input = page.getByTestId('search-input');
  await expect(input).toBeFocused();
  await page.keyboard.type('زنيبر', { delay: 30 });
  const results = page.getByTestId('search-results');
  await expect(results).toBeVisible();
  await expect(results.getByRole('group', { name: 'المداخلات' })).toBeVisible();
  await expect(results.getByRole('group', { name: 'الأشخاص والهيئات' })).toBeVisible();
  const hits = page.getByTestId('search-hit');
  await expect(hits.first()).toHaveAttribute('aria-selected', 'true');
  await expect(results.locator('mark').first()).toHaveText(/زنيبر/);
  await shot(page, 'search-results', true);

  // The first statement: arrows to it, Enter opens it in its meeting, focused.
  const statements = results.locator('[data-kind="statement"]');
  const first = statements.first();
  const index = Number((await first.getAttribute('id'))?.replace('search-hit-', ''));
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(results).toBeHidden();
  await expect(page.getByTestId('meeting-page')).toBeVisible();
  await expect(page.locator('[data-statement-id]:focus')).toContainText('الزنيبر');
});

test('nothing found says so, and Escape clears the box', async ({ page }) => {
  await loadDemoAndOpen(page);
  await page.keyboard.press('Control+k');
  await page.keyboard.type('كلمةغيرموجودة');
  await expect(page.getByTestId('search-none')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('search-results')).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('search-input')).toHaveValue('');
});
