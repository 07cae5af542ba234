// Encryption at rest, as the window shows it: the unlock screen instead of the app while the data
// is encrypted and locked (`store_locked`), the passphrase asked for and a wrong one said under
// its box; encrypting from Settings, changing the passphrase, locking by hand and after a while
// without activity, never losing what was being typed; and restoring encrypted backups. The mock
// backend's `?locked=1` starts with the example meeting in an encrypted, locked data folder
// (passphrase «كلمة سر تجريبية»); `?damaged=1&encrypted=1` with damaged data and encrypted
// backups (mock-lock.ts, mock-recovery.ts).

import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { watch, nothingCutOff } from './helpers';

const PASSPHRASE = 'كلمة سر تجريبية';
const SHOTS = '/tmp/ui-shots';
mkdirSync(SHOTS, { recursive: true });

/** A screenshot of the window in /tmp/ui-shots/<name>.png, fonts loaded. */
async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });
}

/** A screenshot of one part of the page (the page's own header, sticky, is not drawn over it). */
async function partShot(page: Page, part: Locator, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = await part.boundingBox();
  if (!box) throw new Error(`${name}: not shown`);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true, clip: box });
}


/** The whole of `locator` is inside the window (nothing below the fold, nothing beside it). */
async function inWindow(page: Page, locator: Locator, label: string): Promise<void> {
  const box = await locator.boundingBox();
  const size = page.viewportSize();
  expect(box, label).not.toBeNull();
  if (!box || !size) return;
  expect(box.x, label).toBeGreaterThanOrEqual(0);
  expect(box.y, label).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, label).toBeLessThanOrEqual(size.width + 0.5);
  expect(box.y + box.height, label).toBeLessThanOrEqual(size.height + 0.5);
}

const CELLS = 'h1, p, label, input, button, .brand-name, .brand-tagline';

async function openLocked(page: Page): Promise<Locator> {
  await page.goto('/?locked=1');
  const screen = page.getByTestId('unlock-screen');
  await expect(screen).toBeVisible();
  return screen;
}

/** Types the passphrase on the unlock screen and waits for the app on the open data. */
async function unlock(page: Page, passphrase = PASSPHRASE): Promise<void> {
  await page.getByTestId('unlock-passphrase').fill(passphrase);
  await page.getByTestId('unlock-passphrase').press('Enter');
  await expect(page.getByTestId('nav-meetings')).toBeVisible();
  await expect(page.getByTestId('unlock-screen')).toHaveCount(0);
}

/** Encrypts the (unencrypted) data from Settings. */
async function encrypt(page: Page, passphrase: string): Promise<void> {
  await page.getByTestId('nav-settings').click();
  const section = page.getByTestId('encryption-settings');
  await page.getByTestId('encrypt-passphrase').fill(passphrase);
  await page.getByTestId('encrypt-confirm').fill(passphrase);
  await page.getByTestId('encrypt-submit').click();
  await expect(section).toHaveAttribute('data-state', 'on');
}

test('locked data: the unlock screen instead of the app; a wrong passphrase said under the box, kept selected; the right one opens the meetings', async ({ page }) => {
  const w = watch(page);
  const screen = await openLocked(page);
  // Instead of the app: no navigation, no search, no error banner.
  await expect(page.getByTestId('nav-meetings')).toHaveCount(0);
  await expect(page.getByTestId('search-input')).toHaveCount(0);
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  expect(await screen.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');

  await expect(page.locator('.unlock-page .brand-name')).toHaveText('محضر');
  await expect(screen.getByRole('heading', { level: 1 })).toHaveText('فتح بيانات محضر');
  await expect(page.getByTestId('unlock-explain')).toHaveText('البيانات المحفوظة على هذا الحاسوب مشفرة، ولا يمكن فتحها إلا بعبارة المرور.');
  await expect(page.getByTestId('unlock-forgotten')).toContainText('لا يستطيع أحد استرجاع عبارة مرور منسية');
  await expect(page.getByTestId('unlock-forgotten')).toContainText('من خادم المزامنة أو من نسخة احتياطية');
  const field = page.getByTestId('unlock-passphrase');
  await expect(field).toBeFocused();
  await expect(field).toHaveAttribute('type', 'password');
  await expect(page.getByRole('textbox', { name: 'عبارة المرور' })).toBeVisible();
  await expect(page.getByTestId('unlock-submit')).toHaveText('فتح');

  for (const size of [{ width: 800, height: 600 }, { width: 1280, height: 800 }]) {
    await page.setViewportSize(size);
    await nothingCutOff(page.locator('.unlock-page'), CELLS, `ar ${size.width}×${size.height}`);
    await inWindow(page, page.getByTestId('unlock-forgotten'), `the whole screen in ${size.width}×${size.height}`);
    await shot(page, `unlock-ar-${size.width}x${size.height}`);
  }

  // Nothing typed: asked for, without asking the backend.
  await page.getByTestId('unlock-submit').click();
  await expect(page.getByTestId('unlock-passphrase-error')).toHaveText('أدخل عبارة المرور.');

  // Shown and hidden again.
  await field.fill('كلمة سر خاطئة');
  await expect(page.getByTestId('unlock-passphrase-error')).toHaveCount(0);
  await page.getByTestId('unlock-passphrase-show').click();
  await expect(field).toHaveAttribute('type', 'text');
  await expect(page.getByTestId('unlock-passphrase-show')).toHaveText('إخفاء');
  await page.getByTestId('unlock-passphrase-show').click();
  await expect(field).toHaveAttribute('type', 'password');

  // Wrong: busy while the key is derived, then one line under the box, what was typed selected.
  await field.press('Enter');
  await expect(page.getByTestId('unlock-submit')).toBeDisabled();
  await expect(page.getByTestId('unlock-submit')).toHaveText('جارٍ الفتح…');
  await expect(screen).toHaveAttribute('aria-busy', 'true');
  const error = page.getByTestId('unlock-passphrase-error');
  await expect(error).toHaveText('عبارة المرور غير صحيحة: أعد كتابتها.');
  await expect(screen).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByTestId('unlock-submit')).toBeEnabled();
  await expect(field).toHaveValue('كلمة سر خاطئة');
  await expect(field).toBeFocused();
  expect(await field.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd, el.value.length])).toEqual([0, 13, 13]);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  const lines = await error.evaluate((el) => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)));
  expect(lines, 'the message is one line').toBe(1);
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  await shot(page, 'unlock-ar-wrong');

  // Typing again replaces the selection; the right passphrase opens the data, and the window
  // starts again on it: the example meeting in the list, the lock in the header.
  await page.keyboard.type(PASSPHRASE);
  await expect(field).toHaveValue(PASSPHRASE);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('meeting-item')).toHaveCount(1);
  await expect(page.getByTestId('unlock-screen')).toHaveCount(0);
  await expect(page.getByTestId('lock-header')).toBeVisible();
  await expect(page.getByTestId('lock-header')).toHaveText('قفل');
  await expect(page.getByTestId('lock-header')).toHaveAttribute('title', 'قفل محضر: لا تُفتح البيانات بعده إلا بعبارة المرور');
  for (const size of [{ width: 1280, height: 800 }, { width: 800, height: 600 }]) {
    await page.setViewportSize(size);
    await nothingCutOff(page.locator('header.top'), '.brand-name, .states > *, .lock span', `header ${size.width}`);
    await inWindow(page, page.getByTestId('lock-header'), `the lock in the header at ${size.width}`);
    await expect(page.getByRole('button', { name: 'قفل' })).toBeVisible();
    // The search keeps room for its placeholder.
    const search = await page.getByTestId('search-input').evaluate((el: HTMLInputElement) => {
      const probe = document.createElement('span');
      probe.textContent = el.placeholder;
      probe.style.font = getComputedStyle(el).font;
      document.body.append(probe);
      const needed = probe.getBoundingClientRect().width;
      probe.remove();
      const style = getComputedStyle(el);
      return { width: el.clientWidth - parseFloat(style.paddingInlineStart) - parseFloat(style.paddingInlineEnd), needed };
    });
    expect(search.width, `the search's placeholder at ${size.width}`).toBeGreaterThan(search.needed);
    await shot(page, `app-header-lock-ar-${size.width}x${size.height}`);
  }
  expect(w.problems).toEqual([]);
});

test('locked data, in French and English: the language is chosen on the screen or from the menu', async ({ page }) => {
  const w = watch(page);
  const screen = await openLocked(page);
  await expect(page.getByTestId('unlock-lang-ar')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('unlock-lang-fr').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(screen.getByRole('heading', { level: 1 })).toHaveText('Ouvrir les données de Mahdar');
  await expect(page.getByTestId('unlock-submit')).toHaveText('Ouvrir');
  await page.getByTestId('unlock-passphrase').fill('mauvaise phrase');
  await page.getByTestId('unlock-passphrase').press('Enter');
  await expect(page.getByTestId('unlock-passphrase-error')).toHaveText('Phrase de passe incorrecte : saisissez-la à nouveau.');
  for (const size of [{ width: 800, height: 600 }, { width: 1280, height: 800 }]) {
    await page.setViewportSize(size);
    await nothingCutOff(page.locator('.unlock-page'), CELLS, `fr ${size.width}`);
    await inWindow(page, page.getByTestId('unlock-forgotten'), `fr ${size.width}`);
  }
  await shot(page, 'unlock-fr-1280x800');

  // The native menu switches the language too; other menu items and shortcuts do nothing here.
  await page.evaluate(() => window.__mahdarMock?.emit('menu', 'lang-en'));
  await expect(screen.getByRole('heading', { level: 1 })).toHaveText('Open Mahdar’s data');
  await page.evaluate(() => window.__mahdarMock?.emit('menu', 'new-meeting'));
  await page.keyboard.press('Control+m');
  await expect(screen).toBeVisible();
  await page.setViewportSize({ width: 800, height: 600 });
  await nothingCutOff(page.locator('.unlock-page'), CELLS, 'en 800');
  await shot(page, 'unlock-en-800x600');
  // Every command but those of the key is refused while locked.
  const refused = await page.evaluate(() =>
    (window as unknown as { __TAURI_INTERNALS__: { invoke: (c: string, a: unknown) => Promise<unknown> } }).__TAURI_INTERNALS__
      .invoke('meetings', { filter: {} })
      .then(() => null, (e: { code: string }) => e.code),
  );
  expect(refused).toBe('store_locked');
  expect(w.problems).toEqual([]);
});

test('encrypting from Settings: a short or mismatched passphrase refused before asking, then encrypted, locked and opened again', async ({ page }) => {
  const w = watch(page);
  await page.goto('/');
  await page.getByTestId('load-demo').click();
  await expect(page.getByTestId('meeting-item')).toHaveCount(1);
  await expect(page.getByTestId('lock-header')).toHaveCount(0);
  await page.getByTestId('nav-settings').click();
  const section = page.getByTestId('encryption-settings');
  await expect(section).toHaveAttribute('data-state', 'off');
  await expect(section.getByRole('heading', { level: 2 })).toHaveText('التشفير وحماية البيانات');
  await expect(section).toContainText('يصبح مجلد البيانات ونسخه الاحتياطية وفهرس البحث غير قابلة للقراءة دون عبارة المرور');
  await expect(page.getByTestId('encryption-warning')).toHaveText('لا يستطيع أحد استرجاع عبارة مرور منسية، فاحفظها في مكان آمن.');
  await expect(section).toContainText('8 أحرف على الأقل');
  await partShot(page, section, 'settings-encryption-off-ar');

  // Seven Arabic characters: too short (counted as characters), said under the box, nothing sent.
  const passphrase = page.getByTestId('encrypt-passphrase');
  const confirm = page.getByTestId('encrypt-confirm');
  await passphrase.fill('سبعة حر');
  await confirm.fill('سبعة حر');
  await page.getByTestId('encrypt-submit').click();
  await expect(page.getByTestId('encrypt-passphrase-error')).toHaveText('عبارة المرور قصيرة جدا: 8 أحرف على الأقل.');
  await expect(passphrase).toBeFocused();
  await expect(page.getByTestId('encrypt-busy')).toHaveText('');
  await expect(section).toHaveAttribute('data-state', 'off');

  // Long enough, typed differently the second time.
  await passphrase.fill('عبارة مرور جديدة');
  await expect(page.getByTestId('encrypt-passphrase-error')).toHaveCount(0);
  await confirm.fill('عبارة مرور جديده');
  await page.getByTestId('encrypt-submit').click();
  await expect(page.getByTestId('encrypt-confirm-error')).toHaveText('العبارتان غير متطابقتين.');
  await expect(confirm).toBeFocused();
  await expect(section).toHaveAttribute('data-state', 'off');
  await partShot(page, section, 'settings-encryption-refused-ar');

  // The same twice: encrypted in place, busy meanwhile, then said.
  await confirm.fill('عبارة مرور جديدة');
  await expect(page.getByTestId('encrypt-confirm-error')).toHaveCount(0);
  await page.getByTestId('encrypt-submit').click();
  await expect(page.getByTestId('encrypt-submit')).toBeDisabled();
  await expect(page.getByTestId('encrypt-busy')).toHaveText('جارٍ التشفير… قد يستغرق ذلك بضع ثوانٍ.');
  await expect(section).toHaveAttribute('aria-busy', 'true');
  await expect(section).toHaveAttribute('data-state', 'on');
  await expect(page.getByTestId('encrypt-done')).toHaveText('شُفّرت البيانات: ستُطلب عبارة المرور عند كل فتح لمحضر من الآن فصاعدا.');
  await expect(page.getByTestId('encryption-state')).toHaveText('البيانات المحفوظة على هذا الحاسوب مشفرة.');
  await expect(page.getByTestId('auto-lock')).toHaveValue('15');
  await expect(page.getByTestId('auto-lock').locator('option')).toHaveText(['أبدا', 'بعد 5 دقائق', 'بعد 10 دقائق', 'بعد 15 دقيقة', 'بعد 30 دقيقة', 'بعد 60 دقيقة']);
  await expect(page.getByTestId('lock-header')).toBeVisible();
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  for (const width of [1280, 800]) {
    await page.setViewportSize({ width, height: width === 800 ? 600 : 800 });
    await nothingCutOff(section, 'h2, h3, p, label, input, select, button', `encrypted settings ${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await partShot(page, section, 'settings-encryption-on-ar');
  await page.setViewportSize({ width: 800, height: 600 });
  await partShot(page, section, 'settings-encryption-on-ar-800');
  await page.setViewportSize({ width: 1280, height: 800 });

  // A second time: refused by the backend as it is.
  const again = await page.evaluate(() =>
    (window as unknown as { __TAURI_INTERNALS__: { invoke: (c: string, a: unknown) => Promise<unknown> } }).__TAURI_INTERNALS__
      .invoke('encrypt_data', { passphrase: 'une autre phrase' })
      .then(() => null, (e: { code: string }) => e.code),
  );
  expect(again).toBe('already_encrypted');

  // Locked by hand: the old way in no longer works, the new passphrase does, and the data is all there.
  await page.getByTestId('lock-now').click();
  await expect(page.getByTestId('unlock-screen')).toBeVisible();
  await expect(page.getByTestId('unlock-passphrase')).toBeFocused();
  await page.getByTestId('unlock-passphrase').fill(PASSPHRASE);
  await page.getByTestId('unlock-passphrase').press('Enter');
  await expect(page.getByTestId('unlock-passphrase-error')).toHaveText('عبارة المرور غير صحيحة: أعد كتابتها.');
  await page.keyboard.type('عبارة مرور جديدة');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('encryption-settings')).toHaveAttribute('data-state', 'on');
  await page.getByTestId('nav-meetings').click();
  await expect(page.getByTestId('meeting-item')).toHaveCount(1);
  expect(w.problems).toEqual([]);
});

test('changing the passphrase: the current one checked, the new one long enough and typed twice', async ({ page }) => {
  const w = watch(page);
  await openLocked(page);
  await unlock(page);
  await page.getByTestId('nav-settings').click();
  const section = page.getByTestId('encryption-settings');
  await expect(section).toHaveAttribute('data-state', 'on');

  const current = page.getByTestId('change-current');
  const next = page.getByTestId('change-new');
  const confirm = page.getByTestId('change-confirm');
  // Nothing typed.
  await page.getByTestId('change-submit').click();
  await expect(page.getByTestId('change-current-error')).toHaveText('أدخل عبارة المرور.');
  // Too short, then not the same twice: said before asking.
  await current.fill(PASSPHRASE);
  await next.fill('قصيرة');
  await page.getByTestId('change-submit').click();
  await expect(page.getByTestId('change-new-error')).toHaveText('عبارة المرور قصيرة جدا: 8 أحرف على الأقل.');
  await next.fill('عبارة المرور الثانية');
  await confirm.fill('عبارة المرور الثانيه');
  await page.getByTestId('change-submit').click();
  await expect(page.getByTestId('change-confirm-error')).toHaveText('العبارتان غير متطابقتين.');
  // The current one wrong: said under it, selected.
  await confirm.fill('عبارة المرور الثانية');
  await current.fill('ليست هي العبارة');
  await page.getByTestId('change-submit').click();
  await expect(page.getByTestId('change-current-error')).toHaveText('عبارة المرور الحالية غير صحيحة.');
  await expect(current).toBeFocused();
  expect(await current.evaluate((el: HTMLInputElement) => el.selectionEnd! - el.selectionStart!)).toBe([...'ليست هي العبارة'].length);
  await partShot(page, section, 'settings-change-wrong-ar');
  // Right: changed, the boxes emptied.
  await current.fill(PASSPHRASE);
  await page.getByTestId('change-submit').click();
  await expect(page.getByTestId('change-done')).toHaveText('غُيّرت عبارة المرور.');
  await expect(current).toHaveValue('');
  await expect(next).toHaveValue('');
  await expect(confirm).toHaveValue('');

  // Locked from the header, by keyboard: only the new passphrase opens it.
  await page.getByTestId('lock-header').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('unlock-screen')).toBeVisible();
  await page.getByTestId('unlock-passphrase').fill(PASSPHRASE);
  await page.getByTestId('unlock-passphrase').press('Enter');
  await expect(page.getByTestId('unlock-passphrase-error')).toBeVisible();
  await unlock(page, 'عبارة المرور الثانية');
  expect(w.problems).toEqual([]);
});

test('«قفل الآن»: what is being typed is saved first, the unlock screen keeps the language in use', async ({ page }) => {
  const w = watch(page);
  await openLocked(page);
  await unlock(page);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-language').selectOption('fr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  // A letterhead typed a moment ago (saved 0.7 s after typing stops): locking does not wait for it.
  await page.getByTestId('settings-letterhead-fr').fill('Royaume du Maroc\nDélégation régionale');
  await page.getByTestId('lock-now').click();
  const screen = page.getByTestId('unlock-screen');
  await expect(screen).toBeVisible();
  await expect(screen.getByRole('heading', { level: 1 })).toHaveText('Ouvrir les données de Mahdar');
  await expect(page.getByTestId('unlock-lang-fr')).toHaveAttribute('aria-pressed', 'true');
  await unlock(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings-letterhead-fr')).toHaveValue('Royaume du Maroc\nDélégation régionale');
  await expect(page.getByTestId('lock-now')).toHaveText('Verrouiller maintenant');
  expect(w.problems).toEqual([]);
});

test('locking never loses what was typed: an edit that cannot be saved keeps the data open', async ({ page }) => {
  const w = watch(page);
  await openLocked(page);
  await unlock(page);
  await page.getByTestId('meeting-item').click();
  await expect(page.getByTestId('statement-item')).toHaveCount(8);
  await page.getByTestId('decision-input').fill('قرار كتب قبل القفل مباشرة');
  // The disk refuses the next write: not locked, said, and the decision still in its box.
  await page.evaluate(() => window.__mahdarMock?.failNextWrite('storage'));
  await page.getByTestId('lock-header').click();
  await expect(page.getByTestId('error-banner')).toContainText('تعذرت الكتابة على القرص.');
  await expect(page.getByText('لم يُقفل محضر: تعذر حفظ بعض التعديلات الجارية')).toBeVisible();
  await expect(page.getByTestId('unlock-screen')).toHaveCount(0);
  await expect(page.getByTestId('decision-input')).toHaveValue('قرار كتب قبل القفل مباشرة');
  // Again: saved, then locked; and there after the unlock.
  await page.getByTestId('lock-header').click();
  await expect(page.getByTestId('unlock-screen')).toBeVisible();
  await unlock(page);
  await expect(page.getByTestId('meeting-page')).toBeVisible();
  await expect(page.getByTestId('decision-item').last()).toContainText('قرار كتب قبل القفل مباشرة');
  await expect(page.getByTestId('decision-input')).toHaveValue('');
  expect(w.problems.filter((p) => !p.includes('simulated failure'))).toEqual([]);
});

test('auto-lock: after the delay without activity the statement being typed is saved, then the data locked; it is there after unlocking', async ({ page }) => {
  const w = watch(page);
  await page.clock.install();
  await openLocked(page);
  await unlock(page);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('auto-lock').selectOption('5');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');

  await page.getByTestId('nav-meetings').click();
  await page.getByTestId('meeting-item').click();
  await expect(page.getByTestId('statement-item')).toHaveCount(8);
  await page.getByTestId('minutes-mode').click();
  await page.getByTestId('speaker-input').fill('زنيبر');
  await page.keyboard.press('Enter');
  const typed = 'أكد السيد الوالي أن الأشغال ستنطلق قبل نهاية السنة';
  await page.getByTestId('statement-input').fill(typed);
  await page.getByTestId('statement-input').press('End');

  // Four minutes: nothing. The disk then refuses the first save: still open, tried again later.
  await page.clock.fastForward('04:00');
  await expect(page.getByTestId('unlock-screen')).toHaveCount(0);
  await page.evaluate(() => window.__mahdarMock?.failNextWrite('storage'));
  await page.clock.fastForward('01:01');
  await expect(page.getByTestId('minutes-status')).toHaveAttribute('data-state', 'error');
  await expect(page.getByTestId('unlock-screen')).toHaveCount(0);
  await expect(page.getByTestId('statement-input')).toHaveValue(typed);
  await expect(page.getByTestId('statement-item')).toHaveCount(8);

  // A minute later: saved, then locked.
  await page.clock.fastForward('01:01');
  await expect(page.getByTestId('unlock-screen')).toBeVisible();
  await unlock(page);
  await expect(page.getByTestId('meeting-page')).toBeVisible();
  await expect(page.getByTestId('statement-item')).toHaveCount(9);
  await expect(page.getByTestId('statement-item').last()).toContainText(typed);
  // And once only (the draft of the minutes does not hold it any more).
  await page.getByTestId('minutes-mode').click();
  await expect(page.getByTestId('statement-input')).toHaveValue('');

  // Activity keeps it open; "never" never locks.
  await page.keyboard.press('Escape');
  await page.clock.fastForward('04:00');
  await page.mouse.move(300, 300);
  await page.mouse.move(320, 310);
  await page.clock.fastForward('04:00');
  await expect(page.getByTestId('unlock-screen')).toHaveCount(0);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('auto-lock').selectOption('0');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  await page.clock.fastForward('02:00:00');
  await expect(page.getByTestId('unlock-screen')).toHaveCount(0);
  await expect(page.getByTestId('nav-settings')).toBeVisible();
  expect(w.problems.filter((p) => !p.includes('simulated failure'))).toEqual([]);
});

test('damaged data with encrypted backups: the passphrase asked for before restoring, a wrong one said under its box', async ({ page }) => {
  const w = watch(page);
  await page.goto('/?damaged=1&encrypted=1');
  const screen = page.getByTestId('recovery-screen');
  await expect(screen).toBeVisible();
  await expect(page.getByTestId('recovery-backup')).toHaveCount(3);
  await expect(page.getByTestId('recovery-backup-encrypted')).toHaveText(['مشفرة', 'مشفرة', 'مشفرة']);
  await expect(page.getByTestId('recovery-encrypted')).toHaveText('هذه النسخ الاحتياطية مشفرة: أدخل عبارة المرور قبل الاسترجاع.');
  const field = page.getByTestId('recovery-passphrase');
  await expect(field).toHaveAttribute('type', 'password');

  const restore = page.getByTestId('recovery-restore');
  await restore.click();
  await expect(page.getByTestId('recovery-passphrase-error')).toHaveText('أدخل عبارة المرور.');
  await field.fill('ليست هي العبارة');
  await restore.click();
  await expect(restore).toHaveText('جارٍ الاسترجاع…');
  await expect(page.getByTestId('recovery-passphrase-error')).toHaveText('عبارة المرور غير صحيحة: أعد كتابتها.');
  await expect(field).toBeFocused();
  await expect(field).toHaveValue('ليست هي العبارة');
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  await expect(page.getByTestId('recovery-done')).toHaveCount(0);
  for (const size of [{ width: 1280, height: 800 }, { width: 800, height: 600 }]) {
    await page.setViewportSize(size);
    await nothingCutOff(screen, 'h1, h2, p, li, .badge, time, code, button, label, input', `encrypted recovery ${size.width}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await shot(page, 'recovery-encrypted-ar', true);

  // Enter in the box restores, with the passphrase.
  await field.fill(PASSPHRASE);
  await field.press('Enter');
  await expect(page.getByTestId('recovery-done')).toBeVisible();
  await expect(page.getByTestId('recovery-restored')).toContainText('استُرجعت 412 وثيقة');
  expect(w.problems).toEqual([]);
});

test('damaged data with unencrypted backups: no passphrase asked for', async ({ page }) => {
  await page.goto('/?damaged=1');
  await expect(page.getByTestId('recovery-backup')).toHaveCount(3);
  await expect(page.getByTestId('recovery-backup-encrypted')).toHaveCount(0);
  await expect(page.getByTestId('recovery-passphrase')).toHaveCount(0);
  await expect(page.getByTestId('recovery-encrypted')).toHaveCount(0);
});

test('encrypted and damaged: the passphrase opens the data, found damaged, and the recovery screen takes over', async ({ page }) => {
  const w = watch(page);
  await page.goto('/?locked=1&damaged=1&encrypted=1');
  await expect(page.getByTestId('unlock-screen')).toBeVisible();
  await page.getByTestId('unlock-passphrase').fill(PASSPHRASE);
  await page.getByTestId('unlock-passphrase').press('Enter');
  const screen = page.getByTestId('recovery-screen');
  await expect(screen).toBeVisible();
  await expect(page.getByTestId('unlock-screen')).toHaveCount(0);
  await expect(page.getByTestId('recovery-backup-encrypted')).toHaveCount(3);
  await page.getByTestId('recovery-passphrase').fill(PASSPHRASE);
  await page.getByTestId('recovery-restore').click();
  await expect(page.getByTestId('recovery-done')).toBeVisible();
  expect(w.problems).toEqual([]);
});
