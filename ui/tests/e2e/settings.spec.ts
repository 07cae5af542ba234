// The documents' letterhead in Settings: typed freely, saved without a Save button, kept when a
// change is refused, and used by the exports (checked on the real backend in
// crates/mahdar/tests/facade/documents.rs). The reminders of due dates: saved as the other
// settings, a day count out of range said and not sent.

import { expect, test, type Page } from '@playwright/test';
import { SHOTS, open, shot, watch } from './helpers';

/** A backend command, as the UI would call it (to read what the mock stored). */
function invoke(page: Page, cmd: string, args: unknown = {}): Promise<unknown> {
  return page.evaluate(
    ([c, a]) =>
      (window as unknown as { __TAURI_INTERNALS__: { invoke: (cmd: string, args: unknown) => Promise<unknown> } }).__TAURI_INTERNALS__.invoke(
        c as string,
        a,
      ),
    [cmd, args] as const,
  );
}

test('the letterhead is typed in each language and saved as lines', async ({ page }) => {
  await open(page);
  await page.getByTestId('nav-settings').click();
  const ar = page.getByTestId('settings-letterhead-ar');
  await expect(ar).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('settings-letterhead-fr')).toHaveAttribute('dir', 'ltr');

  // Blank lines and spaces are typed as a person types them, and stay in the box.
  await ar.fill('المملكة المغربية\n\nوزارة التضامن والادماج الاجتماعي والأسرة\n  المنسقية الجهوية لجهة فاس مكناس  \n');
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  await expect(ar).toHaveValue(/\n\n/);
  await shot(page, 'settings-letterhead', true);

  // Leaving the page straight after typing still saves.
  await page.getByTestId('settings-letterhead-fr').fill('Royaume du Maroc\nDélégation régionale de Fès-Meknès');
  await page.getByTestId('nav-meetings').click();
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('settings-letterhead-fr')).toHaveValue('Royaume du Maroc\nDélégation régionale de Fès-Meknès');
  // What was saved comes back as lines: trimmed, blank ones gone.
  await expect(page.getByTestId('settings-letterhead-ar')).toHaveValue(
    'المملكة المغربية\nوزارة التضامن والادماج الاجتماعي والأسرة\nالمنسقية الجهوية لجهة فاس مكناس',
  );
});

test('a letterhead of too many lines is refused in one line, and what was typed stays', async ({ page }) => {
  await open(page);
  await page.getByTestId('nav-settings').click();
  const en = page.getByTestId('settings-letterhead-en');
  const typed = ['One', 'Two', 'Three', 'Four', 'Five', 'Six'].join('\n');
  await en.fill(typed);
  await en.blur();
  await expect(page.getByTestId('error-banner')).toContainText('5');
  await expect(en).toHaveValue(typed);
});

test('reminders of due dates: saved as the other settings; a day count out of range is said and not sent', async ({ page }) => {
  const w = watch(page);
  await open(page);
  await page.getByTestId('nav-settings').click();
  const section = page.getByTestId('reminder-settings');
  await expect(section.getByRole('heading', { name: 'تذكير بآجال الإجراءات' })).toBeVisible();
  const enabled = section.getByTestId('reminders-enabled');
  const label = section.getByTestId('reminders-enabled-label');
  const days = section.getByTestId('reminders-days');
  await expect(enabled).toBeChecked();
  await expect(label).toHaveText('إشعار على سطح المكتب بالإجراءات المتأخرة وتلك التي يحل أجلها خلال 7 أيام');
  await expect(days).toHaveValue('7');
  await expect(section).toContainText('لا يظهر التذكير بالإجراء الواحد أكثر من مرة في اليوم.');
  const stored = async () => ((await invoke(page, 'app_info')) as { settings: { reminders: unknown } }).settings.reminders;

  // A count in range is saved when the box is left, as the other settings are.
  await days.fill('30');
  await days.blur();
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  await expect(label).toHaveText('إشعار على سطح المكتب بالإجراءات المتأخرة وتلك التي يحل أجلها خلال 30 يوما');
  expect(await stored()).toEqual({ enabled: true, days: 30 });

  // Out of range: said under the box, in one line, and not sent.
  for (const wrong of ['0', '91', '2.5']) {
    await days.fill(wrong);
    await days.blur();
    await expect(section.getByTestId('reminders-error')).toHaveText('عدد الأيام غير مقبول: أدخل عددا صحيحا من 1 إلى 90.');
    await expect(days).toHaveAttribute('aria-invalid', 'true');
    await expect(days).toHaveValue(wrong);
  }
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
  expect(await stored()).toEqual({ enabled: true, days: 30 });
  await page.evaluate(() => document.fonts.ready);
  await section.screenshot({ path: `${SHOTS}43-reminders-invalid-ar.png` });
  // Corrected: the error goes as it is typed, and the count is saved.
  await days.fill('14');
  await expect(section.getByTestId('reminders-error')).toHaveCount(0);
  await days.press('Enter');
  await days.blur();
  await expect.poll(stored).toEqual({ enabled: true, days: 14 });

  // Turned off: saved, the count kept (and not editable while off).
  await enabled.uncheck();
  await expect.poll(stored).toEqual({ enabled: false, days: 14 });
  await expect(days).toBeDisabled();
  await enabled.check();
  await expect.poll(stored).toEqual({ enabled: true, days: 14 });

  // Back on the page later, as saved; in French too.
  await page.getByTestId('nav-meetings').click();
  await page.getByTestId('nav-settings').click();
  await expect(days).toHaveValue('14');
  await page.getByTestId('settings-language').selectOption('fr');
  await expect(section.getByRole('heading', { name: 'Rappels des échéances des actions' })).toBeVisible();
  await expect(label).toHaveText('Notification sur le bureau des actions en retard et de celles dont l’échéance tombe dans les 14 jours');
  expect(await stored()).toEqual({ enabled: true, days: 14 });
  expect(w.problems).toEqual([]);
});
