// Journey 1 of JOURNEYS.md against the built UI and the mock backend: first run in Arabic, the
// example meeting, minute-taking with the keyboard only, reordering, French.

import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { DIST, open, shot, watch } from './helpers';

const PROTOCOL_ORDER = [
  'عواطف حيار',
  'السعيد الزنيبر',
  'عمال أقاليم وعمالات الجهة',
  'عبد الواحد الأنصاري',
  'ممثلو الهيئات المنتخبة',
  'المجتمع المدني',
];

test('the build has no inline script or style (the app runs under a strict CSP)', () => {
  const html = readFileSync(`${DIST}index.html`, 'utf8');
  expect(html, 'every script is a file').not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  expect(html, 'no <style> element').not.toMatch(/<style/);
  expect(html, 'no style attribute').not.toMatch(/\sstyle=/);
  expect(html, 'no event handler attribute').not.toMatch(/\son[a-z]+\s*=/i);
  expect(html, 'no javascript: address').not.toMatch(/javascript\s*:/i);
});

test('first run: the empty state, in Arabic, right to left', async ({ page }) => {
  const w = watch(page);
  await open(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  const empty = page.getByTestId('empty-state');
  await expect(empty).toBeVisible();
  await expect(empty).toContainText('لا توجد اجتماعات بعد');
  await expect(page.getByTestId('load-demo')).toHaveText('تحميل الاجتماع النموذجي');
  await expect(page.getByTestId('new-meeting')).toHaveText('اجتماع جديد');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'idle');

  // Navigation sits on the inline-start side: the right, in Arabic.
  const nav = await page.getByTestId('nav-meetings').boundingBox();
  const main = await empty.boundingBox();
  expect(nav && main && nav.x > main.x, 'the navigation is to the right of the content').toBe(true);

  // The bundled fonts are used, for both scripts.
  await page.evaluate(() => document.fonts.ready);
  const loaded = await page.evaluate(() =>
    [...document.fonts].filter((f) => f.status === 'loaded').map((f) => `${f.family} ${f.unicodeRange}`),
  );
  expect(loaded.some((f) => f.includes('IBM Plex Sans Arabic') && f.includes('U+600-6FF')), `the Arabic face is loaded: ${loaded}`).toBe(true);
  expect(loaded.some((f) => f.includes('IBM Plex Sans Arabic') && f.includes('U+0-FF')), `the Latin face is loaded: ${loaded}`).toBe(true);
  const family = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  expect(family).toContain('IBM Plex Sans Arabic');

  await shot(page, '01-first-run-ar');
  expect(w.problems).toEqual([]);
});

test('the example meeting, minute-taking with the keyboard, reordering, French', async ({ page }) => {
  const w = watch(page);

  await test.step('load the example meeting: the list shows it', async () => {
    await open(page);
    await page.getByTestId('load-demo').click();
    await expect(page.getByTestId('meeting-list')).toBeVisible();
    const item = page.getByTestId('meeting-item');
    await expect(item).toHaveCount(1);
    await expect(item).toContainText('الاجتماع التاسع — جهة فاس مكناس');
    await expect(item).toContainText('ناقص: التاريخ');
    await expect(page.getByTestId('meeting-list')).toContainText('اللقاءات الجهوية لبلورة الاستراتيجية الجديدة');
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
    await shot(page, '02-meetings-list-ar');
  });

  await test.step('open it: 6 attendees in protocol order, 8 statements, 3 actions, 30 000 000 MAD', async () => {
    await page.getByTestId('meeting-item').press('Enter');
    await expect(page.getByTestId('meeting-page')).toBeVisible();
    await expect(page.getByTestId('meeting-title')).toHaveText('الاجتماع التاسع — جهة فاس مكناس');
    await expect(page.getByTestId('missing-warning')).toHaveCount(3);
    const attendees = page.getByTestId('attendance-item');
    await expect(attendees).toHaveCount(6);
    for (let i = 0; i < PROTOCOL_ORDER.length; i++) await expect(attendees.nth(i)).toContainText(PROTOCOL_ORDER[i]);
    await expect(page.getByTestId('statement-item')).toHaveCount(8);
    await expect(page.getByTestId('action-item')).toHaveCount(3);
    const total = await page.getByTestId('actions-total').textContent();
    expect(total).toContain('30.000.000,00');
    expect(total).toContain('د.م.');
    await shot(page, '03-meeting-ar');
  });

  await test.step('minute-taking, keyboard only: "زنيبر" Enter, text, Enter → saved, appended', async () => {
    await page.keyboard.press('Control+m');
    await expect(page.getByTestId('minutes-panel')).toBeVisible();
    const speaker = page.getByTestId('speaker-input');
    await expect(speaker).toBeFocused();
    await page.keyboard.type('زنيبر');
    await expect(page.getByTestId('speaker-option').first()).toContainText('السعيد الزنيبر');
    await page.keyboard.press('Enter');
    const text = page.getByTestId('statement-input');
    await expect(text).toBeFocused();
    const said = 'أكد السيد الوالي أن السلطات المحلية ستواكب تنزيل الشراكة المقترحة.';
    await page.keyboard.type(said);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('minutes-status')).toHaveAttribute('data-state', 'saved');
    await expect(page.getByTestId('statement-item')).toHaveCount(9);
    const last = page.getByTestId('statement-item').last();
    await expect(last).toContainText(said);
    await expect(last).toContainText('السعيد الزنيبر');
    await expect(speaker).toBeFocused();
    await expect(speaker).toHaveValue('');
    await expect(text).toHaveValue('');
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  });

  await test.step('a press statement in two keystrokes, then an action from it', async () => {
    await page.keyboard.type('الوزيرة');
    await expect(page.getByTestId('speaker-option').first()).toContainText('عواطف حيار');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+Shift+P');
    await expect(page.getByTestId('channel-input')).toHaveValue('وكالة المغرب العربي للأنباء');
    await page.keyboard.type('أعلنت الوزيرة عن رصد 5 ملايين درهم لدعم مراكز القرب الاجتماعية.');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('statement-item')).toHaveCount(10);
    await expect(page.getByTestId('statement-item').last()).toContainText('تصريح صحفي');
    await expect(page.getByTestId('statement-item').last()).toContainText('وكالة المغرب العربي للأنباء');

    await page.keyboard.press('Control+Shift+A');
    const form = page.getByTestId('action-form');
    await expect(form).toBeVisible();
    await expect(page.getByTestId('action-amount')).toHaveValue('5000000');
    await expect(page.getByTestId('action-due')).toHaveValue('');
    await expect(form).toContainText('ناقص: أجل الإنجاز');
    await expect(page.getByTestId('action-owner')).toHaveValue('org:018bcfe5-680a-7d61-a864-61725365650a');
    await expect(page.getByTestId('action-title')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(form).toBeHidden();
    await expect(page.getByTestId('speaker-input')).toBeFocused();
    await shot(page, '04-minutes-ar', true);
  });

  await test.step('a failed save keeps the text in the box and says why', async () => {
    await page.evaluate(() => window.__mahdarMock?.failNextWrite('internal'));
    await page.keyboard.type('الانصاري');
    await expect(page.getByTestId('speaker-option').first()).toContainText('عبد الواحد الأنصاري');
    await page.keyboard.press('Enter');
    const said = 'نوه رئيس الجهة بالمقاربة التشاركية.';
    await page.keyboard.type(said);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('minutes-status')).toHaveAttribute('data-state', 'error');
    await expect(page.getByTestId('statement-input')).toHaveValue(said);
    await expect(page.getByTestId('minutes-message')).toContainText('لم تُحفظ المداخلة');
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'error');
    await expect(page.getByTestId('statement-item')).toHaveCount(10);
    await shot(page, '05-minutes-error-ar', true);
    await page.getByTestId('statement-input').press('Enter');
    await expect(page.getByTestId('minutes-status')).toHaveAttribute('data-state', 'saved');
    await expect(page.getByTestId('statement-item')).toHaveCount(11);
    await expect(page.getByTestId('statement-item').last()).toContainText(said);
  });

  await test.step('nobody absent or unknown is offered as a speaker', async () => {
    await page.keyboard.type('بنكيران');
    await expect(page.getByTestId('speaker-option')).toHaveCount(0);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('minutes-message')).toContainText('لا أحد من الحاضرين يطابق');
    await page.getByTestId('speaker-input').fill('');
  });

  await test.step('Escape leaves the mode', async () => {
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('minutes-panel')).toBeHidden();
    await expect(page.getByTestId('action-item')).toHaveCount(4);
    const total = await page.getByTestId('actions-total').textContent();
    expect(total).toContain('35.000.000,00');
  });

  await test.step('Alt+ArrowUp moves a focused statement before its neighbour', async () => {
    const items = page.getByTestId('statement-item');
    const lastText = (await items.nth(10).locator('.text').textContent()) ?? '';
    const before = (await items.nth(9).locator('.text').textContent()) ?? '';
    await items.nth(10).focus();
    await page.keyboard.press('Alt+ArrowUp');
    await expect(items.nth(9).locator('.text')).toHaveText(lastText);
    await expect(items.nth(10).locator('.text')).toHaveText(before);
    await expect(items.nth(9)).toBeFocused();
    await page.keyboard.press('Alt+ArrowUp');
    await expect(items.nth(8).locator('.text')).toHaveText(lastText);
    await page.keyboard.press('Alt+ArrowDown');
    await expect(items.nth(9).locator('.text')).toHaveText(lastText);
    await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  });

  await test.step('switch to French: left to right, French labels', async () => {
    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('settings-data-dir')).not.toBeEmpty();
    await page.getByTestId('settings-language').selectOption('fr');
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByTestId('nav-meetings')).toHaveText('Réunions');
    await expect(page.getByTestId('nav-settings')).toHaveText('Paramètres');
    await shot(page, '06-settings-fr');
    await page.getByTestId('nav-meetings').click();
    await expect(page.getByTestId('meeting-item')).toContainText('9e réunion — région Fès-Meknès');
    await page.getByTestId('meeting-item').click();
    await expect(page.getByTestId('meeting-title')).toHaveText('9e réunion — région Fès-Meknès');
    await expect(page.getByTestId('attendance-item').first()).toContainText('Aawatif Hayar');
    await expect(page.getByTestId('actions-total')).toContainText('35.000.000,00');
    await shot(page, '07-meeting-fr');
  });

  await test.step('the native menu switches the language back to Arabic', async () => {
    await page.evaluate(() => window.__mahdarMock?.emit('menu', 'lang-ar'));
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.getByTestId('meeting-title')).toHaveText('الاجتماع التاسع — جهة فاس مكناس');
    await page.evaluate(() => window.__mahdarMock?.emit('menu', 'minutes-mode'));
    await expect(page.getByTestId('minutes-panel')).toBeVisible();
    await expect(page.getByTestId('speaker-input')).toBeFocused();
    await page.getByTestId('minutes-exit').click();
    await expect(page.getByTestId('minutes-panel')).toBeHidden();
  });

  expect(w.problems).toEqual([]);
});
