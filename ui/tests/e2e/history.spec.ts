// The history of changes (the audit trail): on the meeting page, folded until asked for, newest
// first by day, each entry with who, on which computer, what, and the fields before and after;
// on the follow-up page, each action's own history in a dialog. The mock backend records every
// write as the backend does, so what is shown here is what the edits made.

import { expect, test, type Locator, type Page } from '@playwright/test';
import { SHOTS, loadDemoAndOpen, saveStatementText, setProfile, watch } from './helpers';

/** An element alone, from the top of the page (an element shot would slide it under the sticky bar). */
async function clipShot(page: Page, what: Locator, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = await what.boundingBox();
  if (!box) throw new Error(`${name}: nothing to shoot`);
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true, clip: box });
}

/** Nothing of the entries sticks out of `panel`, nothing is hidden inside a value, the page does not scroll sideways. */
async function nothingCutOff(page: Page, panel: Locator, cells: string, label: string): Promise<void> {
  // Measured in the page at once (the entries are many).
  const out = await panel.evaluate((el, selector) => {
    const p = el.getBoundingClientRect();
    const wrong: string[] = [];
    for (const cell of el.querySelectorAll<HTMLElement>(selector)) {
      const c = cell.getBoundingClientRect();
      if (c.width === 0 && c.height === 0) continue; // folded away
      if (c.left < p.left - 0.5 || c.right > p.right + 0.5) wrong.push(`${cell.className} sticks out`);
      if (cell.scrollWidth > cell.clientWidth + 1) wrong.push(`${cell.className} hides ${cell.scrollWidth - cell.clientWidth}px`);
    }
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth) wrong.push('the page scrolls sideways');
    return { checked: el.querySelectorAll(selector).length, wrong };
  }, cells);
  expect(out.checked, label).toBeGreaterThan(0);
  expect(out.wrong, label).toEqual([]);
}

/** Edits a statement's text on the meeting page; returns its id and the text before and after. */
async function editStatement(page: Page, n: number, suffix: string) {
  const statement = page.getByTestId('statement-item').nth(n);
  const id = (await statement.getAttribute('data-statement-id')) as string;
  const before = ((await statement.locator('p.text').textContent()) ?? '').trim();
  const after = `${before} ${suffix}`;
  await saveStatementText(statement, after);
  return { id, before, after };
}

test("the meeting's history: a statement edited, who did it, before and after; the seed as created", async ({ page }) => {
  const w = watch(page);
  await loadDemoAndOpen(page);
  await setProfile(page, 'secretary', 'عواطف حيار');
  await expect(page.getByTestId('meeting-page')).toBeVisible();
  const edit = await editStatement(page, 2, '(تصويب)');

  // Folded until asked for.
  const section = page.getByTestId('history-section');
  const toggle = section.getByTestId('history-toggle');
  await expect(section.getByRole('heading', { name: 'سجل التغييرات' })).toBeVisible();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(toggle).toHaveText('عرض السجل');
  await expect(section.getByTestId('history-entry')).toHaveCount(0);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');

  // All made today: one day; the edit first (newest), then the 19 documents of the example.
  const entries = section.getByTestId('history-entry');
  await expect(entries).toHaveCount(20);
  await expect(section.getByTestId('history-day')).toHaveCount(1);
  // The day as the app writes a day: weekday, day, month (Moroccan names), year; never "11/30/2026".
  await expect(section.getByTestId('history-day').locator('h3')).toHaveText(
    /^(الاثنين|الثلاثاء|الأربعاء|الخميس|الجمعة|السبت|الأحد) \d{1,2} (يناير|فبراير|مارس|أبريل|ماي|يونيو|يوليوز|غشت|شتنبر|أكتوبر|نونبر|دجنبر) \d{4}$/,
  );
  await expect(section.getByTestId('history-count')).toHaveText('20 عملية');
  const newest = entries.first();
  await expect(newest).toHaveAttribute('data-op', 'edited');
  await expect(newest).toHaveAttribute('data-doc', edit.id);
  await expect(newest.getByTestId('history-time')).toHaveText(/^\d{2}:\d{2}$/);
  await expect(newest.getByTestId('history-who')).toContainText('عواطف حيار');
  await expect(newest.getByTestId('history-who')).toContainText('(كاتب/ة المحضر)');
  await expect(newest.getByTestId('history-who')).toContainText('على الحاسوب \u2068mock\u2069');
  await expect(newest.getByTestId('history-what')).toContainText('تعديل');
  await expect(newest.getByTestId('history-what')).toContainText('مداخلة');
  const change = newest.getByTestId('history-change');
  await expect(change).toHaveCount(1);
  await expect(change).toHaveAttribute('data-path', 'text');
  await expect(change.getByTestId('history-change-field')).toHaveText('النص');
  await expect(change.getByTestId('history-before')).toHaveText(edit.before);
  await expect(change.getByTestId('history-after')).toHaveText(edit.after);
  await expect(change.getByTestId('history-after')).toHaveAttribute('dir', 'auto');
  await expect(change.getByTestId('history-after').locator('mark')).toHaveText('(تصويب)');

  // The example's documents, created before anyone said who they were: their fields folded away.
  const created = section.locator('[data-testid="history-entry"][data-op="created"]');
  await expect(created).toHaveCount(19);
  await expect(created.first().getByTestId('history-who')).toContainText('مستعمل غير محدد');
  const statementCreated = section.locator(`[data-testid="history-entry"][data-op="created"][data-doc="${edit.id}"]`);
  await expect(statementCreated.getByTestId('history-change').first()).toBeHidden();
  await statementCreated.getByTestId('history-details').click();
  await expect(statementCreated.locator('[data-testid="history-change"][data-path="text"] [data-testid="history-after"]')).toHaveText(edit.before);

  // Filtered by kind: the statements (8 created, 1 edited), then everything again.
  const filter = section.getByTestId('history-filter');
  await expect(filter.locator('option')).toHaveText(['الكل', 'معلومات الاجتماع', 'الحضور', 'المداخلات', 'إجراءات التتبع', 'الزيارات الميدانية']);
  await filter.selectOption('statement');
  await expect(entries).toHaveCount(9);
  await filter.selectOption('attendance');
  await expect(entries).toHaveCount(6);
  await filter.selectOption('');
  await expect(entries).toHaveCount(20);

  // In Arabic, right to left, nothing cut off, at the page's width and a narrow one.
  expect(await section.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  const cells = '.entry, .values .side, .what, .who, .field-name';
  for (const width of [1280, 700]) {
    await page.setViewportSize({ width, height: 800 });
    await nothingCutOff(page, section, cells, `ar ${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await clipShot(page, section, '40-history-ar');

  // Open, it follows the page's saves; folded and opened again, it asks again.
  const second = await editStatement(page, 0, '(تدقيق)');
  await expect(entries).toHaveCount(21);
  await expect(entries.first()).toHaveAttribute('data-doc', second.id);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(entries).toHaveCount(0);
  const third = await editStatement(page, 1, '(مراجعة)');
  await toggle.click();
  await expect(entries).toHaveCount(22);
  await expect(entries.first()).toHaveAttribute('data-doc', third.id);
  await expect(entries.first().getByTestId('history-after')).toHaveText(third.after);

  // In French, left to right.
  await page.evaluate(() => window.__mahdarMock?.emit('menu', 'lang-fr'));
  await expect(section.getByRole('heading', { name: 'Historique des modifications' })).toBeVisible();
  await expect(entries.first().getByTestId('history-what')).toContainText('Modification');
  await expect(entries.first().getByTestId('history-what')).toContainText('intervention');
  await expect(entries.first().getByTestId('history-who')).toContainText('(Secrétaire)');
  await expect(section.getByTestId('history-count')).toHaveText('22 opérations');
  await expect(section.getByTestId('history-day').locator('h3')).toHaveText(
    /^(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}$/,
  );
  await expect(created.first().getByTestId('history-who')).toContainText('Utilisateur non défini');
  expect(await section.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
  for (const width of [1280, 700]) {
    await page.setViewportSize({ width, height: 800 });
    await nothingCutOff(page, section, cells, `fr ${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await clipShot(page, section, '41-history-fr');
  expect(w.problems).toEqual([]);
});

test('versions brought by a sync are listed last, as derived from the revisions', async ({ page }) => {
  const w = watch(page);
  await page.goto('/?conflict=1');
  await page.getByTestId('meeting-item').click();
  const section = page.getByTestId('history-section');
  await section.getByTestId('history-toggle').click();
  const derived = section.locator('[data-testid="history-entry"][data-recorded="false"]');
  await expect(derived).toHaveCount(2);
  await expect(derived.first().getByTestId('history-derived')).toHaveText('مستخلص من سجل النسخ (مثلاً دمج عند المزامنة)');
  await expect(derived.first().getByTestId('history-time')).toHaveText('');
  const days = section.getByTestId('history-day');
  await expect(days).toHaveCount(2);
  await expect(days.last().locator('h3')).toHaveText('وقت غير مسجل');
  await expect(days.last().getByTestId('history-entry')).toHaveCount(2);
  // The statement corrected on this laptop before the sync: its text, before and after.
  const statement = days.last().locator('[data-kind="statement"]');
  await expect(statement.getByTestId('history-change')).toHaveAttribute('data-path', 'text');
  await expect(statement.getByTestId('history-after').locator('mark')).not.toHaveCount(0);
  expect(w.problems).toEqual([]);
});

test("an action's history from the follow-up page, in a dialog that Escape closes", async ({ page }) => {
  const w = watch(page);
  await loadDemoAndOpen(page);
  await page.getByTestId('nav-followup').click();
  const item = page.getByTestId('followup-action').first();
  const title = ((await item.locator('h3').textContent()) ?? '').trim();
  // (Filling a date box fires its change event: the due date is saved once.)
  await item.locator('input[type=date]').fill('2027-03-31');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  await expect(item).toContainText('2027');

  const button = item.getByTestId('action-history');
  await expect(button).toHaveText('السجل');
  await button.click();
  const dialog = page.getByTestId('history-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading', { level: 2 })).toHaveText(`سجل التغييرات: \u2068${title}\u2069`);
  // Its own history only: created with the example, then its due date set.
  const entries = dialog.getByTestId('history-entry');
  await expect(entries).toHaveCount(2);
  await expect(entries.first()).toHaveAttribute('data-op', 'edited');
  await expect(entries.first().getByTestId('history-what')).toContainText('إجراء تتبع');
  const due = entries.first().getByTestId('history-change');
  await expect(due).toHaveAttribute('data-path', 'due');
  await expect(due.getByTestId('history-change-field')).toHaveText('أجل الإنجاز');
  await expect(due.getByTestId('history-before')).toHaveText('—');
  await expect(due.getByTestId('history-after')).toHaveText('2027-03-31');
  await expect(entries.last()).toHaveAttribute('data-op', 'created');
  await entries.last().getByTestId('history-details').click();
  await expect(entries.last().locator('[data-path="title"] [data-testid="history-after"]')).toHaveText(title);
  // One kind only: no filter.
  await expect(dialog.getByTestId('history-filter')).toHaveCount(0);

  // Nothing cut off, in the dialog either.
  await nothingCutOff(page, dialog, '.entry, .values .side, .what, .who, .field-name', 'dialog');
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `${SHOTS}42-action-history-ar.png` });

  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(button).toBeFocused();
  // And with its button.
  await button.click();
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('history-close').click();
  await expect(dialog).toHaveCount(0);
  expect(w.problems).toEqual([]);
});
