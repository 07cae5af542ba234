// The documents' letterhead in Settings: typed freely, saved without a Save button, kept when a
// change is refused, and used by the exports (checked on the real backend in
// crates/mahdar/tests/facade/documents.rs).

import { expect, test } from '@playwright/test';
import { open, shot } from './helpers';

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
