// The first-run setup (`?firstrun=1`: the mock backend starts with `first_run` true and keeps its
// state across reloads): shown instead of the app, Arabic and right to left; the language applied
// and saved at once; the name and role, a passphrase, the sync server, the example meeting, each
// skippable; finishing (or skipping it all from any step) calls `finish_first_run`, and the
// setup never comes back. A step that fails says why and stays, what was typed kept.

import { expect, test, type Page } from '@playwright/test';
import { invoke, nothingCutOff, openFirstRun, recordCalls, recordedCalls, shot, watch } from './helpers';

async function atStep(page: Page, step: string, n: number, lang: 'ar' | 'fr' = 'ar'): Promise<void> {
  await expect(page.getByTestId(`first-run-step-${step}`)).toBeVisible();
  await expect(page.getByTestId('first-run-progress')).toHaveText(lang === 'ar' ? `الخطوة ${n} من 5` : `Étape ${n} sur 5`);
}

test('the setup in Arabic, right to left: every step, the example meeting opened at the end, and not again after a reload', async ({ page }) => {
  const w = watch(page);
  await openFirstRun(page);
  await recordCalls(page);
  const html = page.locator('html');
  await expect(html).toHaveAttribute('dir', 'rtl');
  await expect(html).toHaveAttribute('lang', 'ar');
  // Instead of the app: no navigation, no search.
  await expect(page.getByTestId('nav-meetings')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('مرحبًا بكم في محضر');

  // 1. The language, Arabic chosen already.
  await atStep(page, 'language', 1);
  await expect(page.getByTestId('first-run-lang-ar')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('first-run-lang-fr')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('first-run-back'), 'nothing before the first step').toHaveCount(0);
  await nothingCutOff(page.getByTestId('first-run'), 'h1, h2, p, button, li', 'the first step');
  await shot(page, 'first-run-language-ar');
  await page.getByTestId('first-run-next').click();

  // 2. The name and the role: nothing typed is said under the boxes, and the step stays.
  await atStep(page, 'profile', 2);
  await expect(page.getByTestId('first-run-step-profile').getByRole('heading')).toBeFocused();
  await page.getByTestId('first-run-next').click();
  await expect(page.getByTestId('first-run-profile-error')).toHaveText('أدخل اسما.');
  await atStep(page, 'profile', 2);
  await page.getByTestId('first-run-name').fill('  عواطف   حيار ');
  await page.getByTestId('first-run-next').click();
  await expect(page.getByTestId('first-run-profile-error')).toHaveText('اختر دورا.');
  await expect(page.getByTestId('first-run-name')).toHaveValue('  عواطف   حيار ');
  await page.getByTestId('first-run-role').selectOption('secretary');
  await expect(page.getByTestId('first-run-profile-error')).toHaveCount(0);
  await page.getByTestId('first-run-next').click();

  // 3. The passphrase: what a forgotten one means, then skipped.
  await atStep(page, 'passphrase', 3);
  expect(await invoke(page, 'user_profile')).toEqual({ name: 'عواطف حيار', role: 'secretary' });
  await expect(page.getByTestId('first-run-passphrase-warning')).toContainText('لا يستطيع أحد استرجاع عبارة مرور منسية');
  // Back, and the profile is there as saved.
  await page.getByTestId('first-run-back').click();
  await atStep(page, 'profile', 2);
  await expect(page.getByTestId('first-run-name')).toHaveValue('عواطف حيار');
  await expect(page.getByTestId('first-run-role')).toHaveValue('secretary');
  await page.getByTestId('first-run-next').click();
  await atStep(page, 'passphrase', 3);
  await page.getByTestId('first-run-skip').click();

  // 4. The sync server, skipped: nothing saved.
  await atStep(page, 'sync', 4);
  await expect(page.getByTestId('first-run-server')).toHaveAttribute('dir', 'ltr');
  await page.getByTestId('first-run-skip').click();

  // 5. The example meeting, loaded; then «ابدأ العمل».
  await atStep(page, 'example', 5);
  await expect(page.getByTestId('first-run-skip'), 'the last step finishes').toHaveCount(0);
  await page.getByTestId('first-run-load-example').click();
  await expect(page.getByTestId('first-run-example-loaded')).toHaveText('حُمّل الاجتماع النموذجي.');
  await expect(page.getByTestId('first-run-load-example')).toBeDisabled();
  await expect(page.getByTestId('first-run-finish')).toHaveText('ابدأ العمل');
  await shot(page, 'first-run-example-ar');
  await page.getByTestId('first-run-finish').click();

  // The example meeting, open, in the app.
  await expect(page.getByTestId('first-run')).toHaveCount(0);
  await expect(page.getByTestId('meeting-page')).toBeVisible();
  await expect(page.getByTestId('statement-item')).toHaveCount(8);
  await expect(page.getByTestId('nav-meetings')).toBeVisible();
  const info = await invoke<{ first_run: boolean; encrypted: boolean }>(page, 'app_info');
  expect(info.first_run).toBe(false);
  expect(info.encrypted, 'the passphrase was skipped').toBe(false);
  expect(await invoke(page, 'sync_settings'), 'the server was skipped').toEqual({ url: null, user: null, has_password: false, continuous: false });
  const calls = (await recordedCalls(page)).map((c) => c.cmd);
  expect(calls.filter((c) => c === 'finish_first_run')).toHaveLength(1);
  expect(calls).not.toContain('encrypt_data');
  expect(calls).not.toContain('set_sync_settings');
  expect(calls, 'no connection was tried').not.toContain('sync_now');
  expect(await recordedCalls(page, 'set_user_profile')).toEqual([{ cmd: 'set_user_profile', args: { profile: { name: 'عواطف حيار', role: 'secretary' } } }]);

  // The list has it, and the setup does not come back.
  await page.getByTestId('nav-meetings').click();
  await expect(page.getByTestId('meeting-item')).toHaveCount(1);
  await page.reload();
  await expect(page.getByTestId('nav-meetings')).toBeVisible();
  await expect(page.getByTestId('meeting-item')).toHaveCount(1);
  await expect(page.getByTestId('first-run')).toHaveCount(0);
  expect(w.problems).toEqual([]);
});

test('«تخطّي الإعداد» on the first step ends the setup: finish_first_run, the empty list, and not again', async ({ page }) => {
  const w = watch(page);
  await openFirstRun(page);
  await recordCalls(page);
  await atStep(page, 'language', 1);
  await expect(page.getByTestId('first-run-skip-all')).toHaveText('تخطّي الإعداد');
  await page.getByTestId('first-run-skip-all').click();
  await expect(page.getByTestId('first-run')).toHaveCount(0);
  await expect(page.getByTestId('empty-state')).toBeVisible();
  expect(await recordedCalls(page, 'finish_first_run')).toEqual([{ cmd: 'finish_first_run', args: {} }]);
  expect((await recordedCalls(page)).map((c) => c.cmd), 'nothing else was saved').not.toContain('set_user_profile');
  expect((await invoke<{ first_run: boolean }>(page, 'app_info')).first_run).toBe(false);
  await page.reload();
  await expect(page.getByTestId('empty-state')).toBeVisible();
  await expect(page.getByTestId('first-run')).toHaveCount(0);
  expect(w.problems).toEqual([]);
});

test('choosing French switches the setup to French at once, left to right, and saves it with the other settings', async ({ page }) => {
  const w = watch(page);
  await openFirstRun(page);
  const before = (await invoke<{ settings: Record<string, unknown> }>(page, 'app_info')).settings;
  await page.getByTestId('first-run-lang-fr').click();
  const html = page.locator('html');
  await expect(html).toHaveAttribute('lang', 'fr');
  await expect(html).toHaveAttribute('dir', 'ltr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bienvenue dans Mahdar');
  await atStep(page, 'language', 1, 'fr');
  await expect(page.getByTestId('first-run-lang-fr')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await invoke<{ settings: Record<string, unknown> }>(page, 'app_info')).settings).toEqual({ ...before, language: 'fr' });
  await page.getByTestId('first-run-next').click();
  await atStep(page, 'profile', 2, 'fr');
  await expect(page.getByTestId('first-run-skip')).toHaveText('Passer cette étape');
  await expect(page.getByTestId('first-run-back')).toHaveText('Précédent');
  await shot(page, 'first-run-profile-fr');

  // Not finished: after a reload, the setup again, in French.
  await page.reload();
  await expect(page.getByTestId('first-run')).toBeVisible();
  await expect(html).toHaveAttribute('lang', 'fr');
  await atStep(page, 'language', 1, 'fr');
  expect(w.problems).toEqual([]);
});

test('a passphrase and a server refused are said and the step stays, what was typed kept; then they are saved', async ({ page }) => {
  const w = watch(page);
  await openFirstRun(page);
  await page.getByTestId('first-run-next').click();
  await page.getByTestId('first-run-skip').click();
  await atStep(page, 'passphrase', 3);

  // Too short, then not typed the same twice: said under the box, before asking the backend.
  await page.getByTestId('first-run-passphrase').fill('قصيرة');
  await page.getByTestId('first-run-next').click();
  await expect(page.getByTestId('first-run-passphrase-error')).toHaveText('عبارة المرور قصيرة جدا: 8 أحرف على الأقل.');
  await expect(page.getByTestId('first-run-passphrase')).toBeFocused();
  await page.getByTestId('first-run-passphrase').fill('عبارة مرور الأمانة العامة');
  await page.getByTestId('first-run-passphrase-confirm').fill('عبارة مرور أخرى');
  await page.getByTestId('first-run-next').click();
  await expect(page.getByTestId('first-run-passphrase-confirm-error')).toHaveText('العبارتان غير متطابقتين.');
  await atStep(page, 'passphrase', 3);
  expect((await invoke<{ encrypted: boolean }>(page, 'app_info')).encrypted).toBe(false);
  await page.getByTestId('first-run-passphrase-confirm').fill('عبارة مرور الأمانة العامة');
  await page.getByTestId('first-run-next').click();
  await atStep(page, 'sync', 4);
  expect((await invoke<{ encrypted: boolean }>(page, 'app_info')).encrypted).toBe(true);

  // A server address the backend refuses: the error display, the step, the address as typed.
  await page.getByTestId('first-run-server').fill('sync.example.org/mahdar');
  await page.getByTestId('first-run-sync-user').fill('secretariat');
  await page.getByTestId('first-run-next').click();
  await expect(page.getByTestId('error-banner')).toBeVisible();
  await atStep(page, 'sync', 4);
  await expect(page.getByTestId('first-run-server')).toHaveValue('sync.example.org/mahdar');
  await shot(page, 'first-run-sync-refused-ar');
  await page.getByTestId('first-run-server').fill('https://sync.example.org/mahdar');
  await page.getByTestId('first-run-sync-password').fill('kalimat sirr');
  await page.getByTestId('first-run-next').click();
  await atStep(page, 'example', 5);
  await expect(page.getByTestId('error-banner'), 'a new step starts clean').toHaveCount(0);
  expect(await invoke(page, 'sync_settings')).toEqual({
    url: 'https://sync.example.org/mahdar',
    user: 'secretariat',
    has_password: true,
    continuous: false,
  });

  // Back to the passphrase step: the data is encrypted already, nothing to type.
  await page.getByTestId('first-run-back').click();
  await page.getByTestId('first-run-back').click();
  await atStep(page, 'passphrase', 3);
  await expect(page.getByTestId('first-run-encrypted')).toHaveText('شُفّرت البيانات: ستُطلب عبارة المرور عند كل فتح لمحضر من الآن فصاعدا.');
  await expect(page.getByTestId('first-run-passphrase')).toHaveCount(0);
  await shot(page, 'first-run-encrypted-ar');

  // Finished without the example: the empty list, the padlock of encrypted data in the header.
  await page.getByTestId('first-run-skip-all').click();
  await expect(page.getByTestId('empty-state')).toBeVisible();
  await expect(page.getByTestId('lock-header')).toBeVisible();
  expect(w.problems).toEqual([]);
});

test('without ?firstrun=1 the app starts on the meetings, as set up already', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('nav-meetings')).toBeVisible();
  await expect(page.getByTestId('first-run')).toHaveCount(0);
  expect((await invoke<{ first_run: boolean }>(page, 'app_info')).first_run).toBe(false);
});
