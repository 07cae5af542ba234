// The recovery screen: when the data folder's files are damaged (every command fails with
// `store_corrupt`), the app shows what happened, the backups in the data folder, and restores
// the newest good one. The mock backend's `?damaged=1|empty|unusable` (mock-recovery.ts) makes
// the data folder damaged, with three backups, none, or three of which none is usable.

import { expect, test, type Locator, type Page } from '@playwright/test';
import { shot, watch, nothingCutOff } from './helpers';

/** A backend command, as the UI would call it. */
function invoke(page: Page, cmd: string, args: unknown = {}): Promise<unknown> {
  return page.evaluate(
    ([c, a]) =>
      (window as unknown as { __TAURI_INTERNALS__: { invoke: (cmd: string, args: unknown) => Promise<unknown> } }).__TAURI_INTERNALS__
        .invoke(c as string, a)
        .then(
          (value) => ({ ok: true, value }),
          (error: unknown) => ({ ok: false, error }),
        ),
    [cmd, args] as const,
  );
}


const CELLS = 'h1, h2, p, li, .badge, time, code, button, summary';

async function openDamaged(page: Page, scenario: '1' | 'empty' | 'unusable'): Promise<Locator> {
  await page.goto(`/?damaged=${scenario}`);
  const screen = page.getByTestId('recovery-screen');
  await expect(screen).toBeVisible();
  return screen;
}

test('damaged data: the recovery screen instead of the app, the backups listed, in Arabic, right to left', async ({ page }) => {
  const w = watch(page);
  const screen = await openDamaged(page, '1');
  // Instead of the app: no navigation, no search, no catalogue line about the damage.
  await expect(page.getByTestId('nav-meetings')).toHaveCount(0);
  await expect(page.getByTestId('search-input')).toHaveCount(0);
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  expect(await screen.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');

  await expect(screen.getByRole('heading', { level: 1 })).toHaveText('تعذر فتح بيانات محضر');
  await expect(page.getByTestId('recovery-damaged')).toContainText('ملفات البيانات المحفوظة على هذا الحاسوب تالفة');
  await expect(page.getByTestId('recovery-damaged')).toContainText('انقطاع التيار الكهربائي');
  await expect(page.getByTestId('recovery-explain')).toContainText('آخر نسخة احتياطية سليمة');
  await expect(page.getByTestId('recovery-explain')).toContainText('لا تُحذف الملفات التالفة');
  await expect(page.getByTestId('recovery-sync')).toContainText('يعود بالمزامنة');
  // The backend's own words, folded away.
  await expect(page.getByTestId('recovery-cause')).toBeHidden();
  await screen.locator('.technical summary').click();
  await expect(page.getByTestId('recovery-cause')).toContainText('is damaged (corrupted storage file)');

  // Newest first: today's daily backup, yesterday's, the one before a migration.
  const backups = page.getByTestId('recovery-backup');
  await expect(backups).toHaveCount(3);
  await expect(page.getByTestId('recovery-backup-kind')).toHaveText(['يومية', 'يومية', 'قبل ترحيل البيانات']);
  const months = /(يناير|فبراير|مارس|أبريل|ماي|يونيو|يوليوز|غشت|شتنبر|أكتوبر|نونبر|دجنبر)/;
  for (let i = 0; i < 3; i++) {
    await expect(backups.nth(i).getByTestId('recovery-backup-written')).toHaveText(new RegExp(`^\\d{1,2} ${months.source} \\d{4} في \\d{2}:\\d{2}$`));
    await expect(backups.nth(i).getByTestId('recovery-backup-size')).toHaveText(/^\d+,\d ميغابايت$/);
  }
  await expect(backups.first().getByTestId('recovery-backup-size')).toHaveText('1,8 ميغابايت');
  await expect(backups.first().locator('code')).toHaveText(/^daily-\d{4}-\d{2}-\d{2}\.mahdar-backup$/);
  await expect(page.getByTestId('recovery-restore')).toHaveText('استرجاع آخر نسخة احتياطية سليمة');
  await expect(page.getByTestId('recovery-restore')).toHaveClass(/btn-primary/);

  for (const width of [1280, 700]) {
    await page.setViewportSize({ width, height: 800 });
    await nothingCutOff(screen, CELLS, `ar ${width}`);
    await nothingCutOff(page.locator('.recovery-page'), '.top, .brand-name, .langs button', `header ${width}`);
  }
  await shot(page, '50-recovery-ar-narrow');
  await page.setViewportSize({ width: 1280, height: 800 });
  await shot(page, '50-recovery-ar');

  // Restoring: busy, then what was done, and the restart announced.
  const restore = page.getByTestId('recovery-restore');
  await restore.click();
  await expect(restore).toBeDisabled();
  await expect(restore).toHaveText('جارٍ الاسترجاع…');
  await expect(screen).toHaveAttribute('aria-busy', 'true');
  const done = page.getByTestId('recovery-done');
  await expect(done).toBeVisible();
  await expect(page.getByTestId('recovery-restored')).toHaveText(/^استُرجعت 412 وثيقة من النسخة الاحتياطية \u2068daily-\d{4}-\d{2}-\d{2}\.mahdar-backup\u2069\.$/);
  await expect(done).toContainText('الملفات التالفة محفوظة، دون أي تغيير، في:');
  await expect(page.getByTestId('recovery-kept')).toHaveText(/^\/home\/user\/\.local\/share\/mahdar\/store\.damaged-\d{8}T\d{6}Z$/);
  await expect(page.getByTestId('recovery-kept')).toHaveAttribute('dir', 'ltr');
  await expect(page.getByTestId('recovery-restarting')).toHaveText('يُعاد تشغيل محضر الآن…');
  await expect(restore).toHaveCount(0);
  await expect(screen).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  for (const width of [1280, 700]) {
    await page.setViewportSize({ width, height: 800 });
    await nothingCutOff(screen, CELLS, `done ${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await shot(page, '51-recovery-done-ar');
  expect(w.problems).toEqual([]);
});

test('damaged data, in French and English: the language is chosen on the screen or from the menu', async ({ page }) => {
  const w = watch(page);
  const screen = await openDamaged(page, '1');
  await expect(page.getByTestId('recovery-lang-ar')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('recovery-lang-fr').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByTestId('recovery-lang-fr')).toHaveAttribute('aria-pressed', 'true');
  await expect(screen.getByRole('heading', { level: 1 })).toHaveText('Les données de Mahdar ne peuvent pas être ouvertes');
  await expect(page.getByTestId('recovery-explain')).toContainText('Les fichiers endommagés ne sont pas supprimés');
  await expect(page.getByTestId('recovery-backup-kind')).toHaveText(['Quotidienne', 'Quotidienne', 'Avant migration des données']);
  await expect(page.getByTestId('recovery-backup-size').first()).toHaveText('1,8 Mo');
  await expect(page.getByTestId('recovery-restore')).toHaveText('Restaurer la dernière sauvegarde intacte');
  for (const width of [1280, 700]) {
    await page.setViewportSize({ width, height: 800 });
    await nothingCutOff(screen, CELLS, `fr ${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await shot(page, '53-recovery-fr');

  // The native menu switches the language too (nothing is saved: the settings cannot be read).
  await page.evaluate(() => window.__mahdarMock?.emit('menu', 'lang-en'));
  await expect(screen.getByRole('heading', { level: 1 })).toHaveText('Mahdar’s data cannot be opened');
  await expect(page.getByTestId('recovery-backup-kind')).toHaveText(['Daily', 'Daily', 'Before a data migration']);
  await expect(page.getByTestId('recovery-backup-written').first()).toHaveText(/^\d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2}$/);
  // Other menu items do nothing here.
  await page.evaluate(() => window.__mahdarMock?.emit('menu', 'new-meeting'));
  await page.keyboard.press('Control+m');
  await expect(screen).toBeVisible();
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  await page.getByTestId('recovery-restore').click();
  await expect(page.getByTestId('recovery-restored')).toHaveText(/^412 documents restored from the backup /);
  await expect(page.getByTestId('recovery-restarting')).toHaveText('Mahdar restarts now…');
  expect(w.problems).toEqual([]);
});

test('damaged data without any backup: said plainly, nothing to restore here, what to do instead', async ({ page }) => {
  const w = watch(page);
  const screen = await openDamaged(page, 'empty');
  await expect(page.getByTestId('recovery-backups')).toHaveAttribute('data-state', 'none');
  await expect(page.getByTestId('recovery-backup')).toHaveCount(0);
  await expect(page.getByTestId('recovery-none')).toHaveText('لا توجد أي نسخة احتياطية في مجلد البيانات، فلا يمكن استرجاع أي شيء من هنا.');
  await expect(page.getByTestId('recovery-none-help')).toContainText('الدعم التقني');
  await expect(page.getByTestId('recovery-none-help')).toContainText('\u2068mahdar restore\u2069');
  await expect(page.getByTestId('recovery-restore')).toHaveCount(0);
  // Looking again (support may have put a backup in the folder meanwhile).
  await page.getByTestId('recovery-refresh').click();
  await expect(page.getByTestId('recovery-none')).toBeVisible();
  for (const width of [1280, 700]) {
    await page.setViewportSize({ width, height: 800 });
    await nothingCutOff(screen, CELLS, `none ${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await shot(page, '52-recovery-none-ar');

  // As the backend: with no backup, `recover` changes nothing and says why, in one line.
  const answer = (await invoke(page, 'recover')) as { ok: boolean; error: { code: string; message: string } };
  expect(answer.ok).toBe(false);
  expect(answer.error.code).toBe('data_dir');
  expect(answer.error.message).toBe('data folder /home/user/.local/share/mahdar/backups: no usable backup to recover from; nothing was changed');
  expect(w.problems).toEqual([]);
});

test('damaged data, no backup usable: the error is shown as errors are, and the screen stays usable', async ({ page }) => {
  const w = watch(page);
  const screen = await openDamaged(page, 'unusable');
  await expect(page.getByTestId('recovery-backup')).toHaveCount(3);
  const restore = page.getByTestId('recovery-restore');
  await restore.click();
  const banner = page.getByTestId('error-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('لا يمكن استعمال مجلد البيانات.');
  await banner.locator('summary').click();
  await expect(banner.locator('code')).toHaveText('data folder /home/user/.local/share/mahdar/backups: no usable backup to recover from; nothing was changed');
  await expect(restore).toBeEnabled();
  await expect(restore).toHaveText('استرجاع آخر نسخة احتياطية سليمة');
  await expect(page.getByTestId('recovery-done')).toHaveCount(0);
  for (const width of [1280, 700]) {
    await page.setViewportSize({ width, height: 800 });
    await nothingCutOff(screen, `${CELLS}, [data-testid="error-banner"]`, `error ${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await shot(page, '54-recovery-failed-ar');

  // Dismissed, then tried again: the same answer, the screen still there.
  await banner.getByRole('button', { name: 'إخفاء' }).click();
  await expect(banner).toHaveCount(0);
  await restore.click();
  await expect(page.getByTestId('error-banner')).toContainText('لا يمكن استعمال مجلد البيانات.');
  await expect(restore).toBeEnabled();
  await expect(page.getByTestId('recovery-backup')).toHaveCount(3);
  expect(w.problems).toEqual([]);
});

test('data that opens: no recovery screen; the mock has only today\'s backup, and refuses to recover what is not damaged', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('nav-meetings')).toBeVisible();
  await expect(page.getByTestId('recovery-screen')).toHaveCount(0);
  // Written once the first screen is drawn, as the desktop app does.
  await expect
    .poll(async () => ((await invoke(page, 'backups')) as { value: { kind: string; path: string }[] }).value)
    .toEqual([expect.objectContaining({ kind: 'daily', path: expect.stringMatching(/\/backups\/daily-\d{4}-\d{2}-\d{2}\.mahdar-backup$/) })]);
  const answer = (await invoke(page, 'recover')) as { ok: boolean; error: { code: string } };
  expect(answer.ok).toBe(false);
  expect(answer.error.code).toBe('invalid_input');
});
