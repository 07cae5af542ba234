// About Mahdar (the Help menu's «حول محضر», or the link in Settings): the version, the data folder
// and what it holds, encryption, backups and sync, from `diagnostics`; and the diagnostics bundle,
// saved without the meetings' content unless the box is ticked (`save_diagnostics`).

import { expect, test } from '@playwright/test';
import { invoke, loadDemoAndOpen, nothingCutOff, open, recordCalls, recordedCalls, shot, watch } from './helpers';

test('About, from Settings: the figures in Arabic, and the bundle exported without the content unless asked', async ({ page }) => {
  const w = watch(page);
  await loadDemoAndOpen(page);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('settings-about').click();
  const about = page.getByTestId('about');
  await expect(about).toBeVisible();
  await expect(page).toHaveURL(/#\/about$/);
  await expect(about.getByRole('heading', { level: 1 })).toHaveText('حول محضر');
  await expect(page.getByTestId('nav-settings'), 'About belongs with Settings').toHaveAttribute('aria-current', 'page');

  const diagnostics = await invoke<{ documents: number; store_bytes: number }>(page, 'diagnostics');
  await expect(page.getByTestId('about-version')).toHaveText('0.1.0');
  await expect(page.getByTestId('about-schema-version')).toHaveText('2');
  await expect(page.getByTestId('about-format-version')).toHaveText('1');
  await expect(page.getByTestId('about-data-dir')).toHaveText('memory://mahdar (in-browser mock backend)');
  await expect(page.getByTestId('about-data-dir')).toHaveAttribute('dir', 'ltr');
  await expect(page.getByTestId('about-store-size')).toHaveText(/^\d+(,\d)? (كيلوبايت|ميغابايت)$/);
  await expect(page.getByTestId('about-documents')).toHaveText(`${diagnostics.documents} وثيقة`);
  await expect(page.getByTestId('about-attachments')).toHaveText('لا ملفات مرفقة');
  await expect(page.getByTestId('about-encrypted')).toHaveText('البيانات غير مشفرة');
  // Today's backup, written once the first screen was drawn (before the example was loaded).
  await expect(page.getByTestId('about-backups')).toHaveText('نسخة احتياطية واحدة');
  await expect(page.getByTestId('about-last-backup')).toHaveText(/^\d{1,2} \S+ \d{4} في \d{2}:\d{2} \(\d+(,\d)? (بايت|كيلوبايت|ميغابايت)\)$/);
  await expect(page.getByTestId('about-last-sync')).toHaveText('لم تُجرَ أي مزامنة بعد');
  await expect(page.getByTestId('about-sync-server')).toHaveText('لم يُحدَّد أي خادم للمزامنة');
  await expect(page.getByTestId('about-system')).toHaveText('linux (x86_64)');
  await expect(page.getByTestId('about-include-content')).not.toBeChecked();
  await expect(page.getByTestId('about-include-content-warning')).toContainText('نص المحاضر');
  await nothingCutOff(about, 'dt, dd, p, button, label', 'the About screen');
  await shot(page, 'about-ar');

  // Exported: without the content, unless the box is ticked; the path said as other exports say it.
  await recordCalls(page);
  await page.getByTestId('about-export-diagnostics').click();
  const notice = page.locator('.notice[role="status"]');
  await expect(notice).toContainText('حُفظ الملف');
  await expect(notice).toContainText(/mahdar-diagnostics-\d{4}-\d{2}-\d{2}\.zip/);
  await page.getByTestId('about-include-content').check();
  await page.getByTestId('about-export-diagnostics').click();
  await expect(notice).toContainText(/mahdar-diagnostics-\d{4}-\d{2}-\d{2}\.zip/);
  expect(await recordedCalls(page, 'save_diagnostics')).toEqual([
    { cmd: 'save_diagnostics', args: { includeContent: false } },
    { cmd: 'save_diagnostics', args: { includeContent: true } },
  ]);

  // The save dialog cancelled: said, nothing written.
  await page.evaluate(() => window.__mahdarMock?.cancelNextSave());
  await page.getByTestId('about-export-diagnostics').click();
  await expect(notice).toContainText('أُلغي التصدير، ولم يُكتب أي ملف.');
  expect(w.problems).toEqual([]);
});

test('the Help menu opens About; the figures follow the data, the sync server shown without its credentials', async ({ page }) => {
  const w = watch(page);
  await open(page);
  await invoke(page, 'set_sync_settings', {
    settings: { url: 'https://secretariat:kalimat-sirr@sync.example.org/mahdar', user: null, password: null, continuous: false },
  });
  await page.evaluate(() => window.__mahdarMock?.emit('menu', 'about'));
  await expect(page.getByTestId('about')).toBeVisible();
  await expect(page.getByTestId('about-documents')).toHaveText('لا وثائق');
  await expect(page.getByTestId('about-sync-server')).toHaveText('https://sync.example.org/mahdar');

  // In French, at once.
  await page.evaluate(() => window.__mahdarMock?.emit('menu', 'lang-fr'));
  await expect(page.getByTestId('about').getByRole('heading', { level: 1 })).toHaveText('À propos de Mahdar');
  await expect(page.getByTestId('about-documents')).toHaveText('0 document');
  await expect(page.getByTestId('about-last-sync')).toHaveText('Jamais synchronisé');
  await expect(page.getByTestId('about-export-diagnostics')).toHaveText('Exporter le paquet de diagnostic');
  await shot(page, 'about-fr');
  expect(w.problems).toEqual([]);
});

test('data written by a newer Mahdar: a plain screen says so, in Arabic, and nothing else is offered', async ({ page }) => {
  await page.goto('/?toonew=1');
  const screen = page.getByTestId('cannot-open');
  await expect(screen).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(screen.getByRole('heading', { level: 1 })).toHaveText('تعذّر فتح البيانات');
  await expect(page.getByTestId('cannot-open-reason')).toHaveText('البيانات محفوظة بإصدار أحدث من محضر: يرجى تحديث التطبيق.');
  await expect(screen).toContainText('لم يُغيَّر شيء في مجلد البيانات');
  await expect(page.getByTestId('nav-meetings'), 'no screen that would fail on every read').toHaveCount(0);
  await expect(page.getByTestId('first-run')).toHaveCount(0);
  await nothingCutOff(screen, 'h1, p', 'the cannot-open screen');
  await shot(page, 'cannot-open-ar');
});

test('a data folder open in another window already: said plainly, with what to do', async ({ page }) => {
  await page.goto('/?inuse=1');
  const screen = page.getByTestId('cannot-open');
  await expect(screen).toBeVisible();
  await expect(page.getByTestId('cannot-open-reason')).toHaveText('مجلد البيانات مستعمل من طرف نسخة أخرى من محضر.');
  await expect(screen).toContainText('يُرجى استعمال نافذة محضر المفتوحة');
  await expect(page.getByTestId('nav-meetings')).toHaveCount(0);
  await expect(page.getByTestId('empty-state'), 'no empty list offering what would fail').toHaveCount(0);
});
