// What people type is never HTML: markup and script typed in every place a person types something
// that is shown later (a meeting's title and venue, a new person's name and title, a statement,
// a decision, an action's title and description, progress notes, the letterhead, the sync
// server's address, the name of the person using this laptop) is shown as the very text typed,
// wherever it is shown (the meeting page, the search results, the history, the follow-up page,
// the registry, the settings), never run, never turned into elements or links. (The CSP would
// stop an inline handler from running anyway: the DOM itself is checked, not only `__pwned`.)

import { expect, test, type Page } from '@playwright/test';
import { open, watch } from './helpers';

const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=1</script>';
const SVG = '"><svg onload=window.__pwned=1>';
const JS = 'javascript:window.__pwned=1';

// Each field gets its own mix (and a few Arabic words, as people write), to tell where each shows.
const PROFILE = `${IMG} عواطف`;
const TITLE = `اجتماع ${IMG} ${SVG}`;
const VENUE = JS;
const PERSON = `${SVG} زيد`;
const PERSON_TITLE = `${SCRIPT} والي الجهة`;
const STATEMENT = `قال المتدخل: ${IMG} ${SCRIPT} ${SVG} ثم ${JS}`;
const DECISION = `${SCRIPT} تقرر ${JS}`;
const ACTION_TITLE = `${SVG} تأهيل المراكز`;
const ACTION_DESCRIPTION = `${IMG} ${JS}`;
const NOTE = `${SCRIPT} انطلقت الأشغال`;
const STATUS_NOTE = `${SVG} ${JS} وُقّعت الاتفاقية`;

declare global {
  interface Window {
    __pwned?: unknown;
    __cspViolations?: string[];
  }
}

/** Records every CSP violation of the page (an inline script or handler that tried to run). */
async function recordViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations?.push(`${e.violatedDirective}: ${e.sample}`));
  });
}

/** What text typed could have made if it were taken as HTML: `__pwned` set, CSP violations, handler attributes, `javascript:` links, inline scripts. */
function findings(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    if (window.__pwned !== undefined) out.push(`window.__pwned is ${String(window.__pwned)}`);
    for (const v of window.__cspViolations ?? []) out.push(`CSP violation ${v}`);
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) out.push(`<${el.localName} ${a.name}="${a.value}">`);
        if (/^(?:href|src|action|formaction|xlink:href|data)$/i.test(a.name) && /^\s*javascript\s*:/i.test(a.value)) {
          out.push(`<${el.localName} ${a.name}="${a.value}">`);
        }
      }
    }
    for (const el of document.querySelectorAll('img[src="x"], img[onerror], svg[onload], a[href^="javascript:" i]')) {
      out.push(`<${el.localName}> made from text`);
    }
    for (const s of document.querySelectorAll('script')) {
      if (!s.getAttribute('src') || (s.textContent ?? '').includes('__pwned')) out.push(`an inline <script>: ${s.textContent}`);
    }
    return out;
  });
}

/** Nothing typed ran or became markup. */
async function inert(page: Page, where: string): Promise<void> {
  expect(await findings(page), where).toEqual([]);
}

test('the check finds markup made from text, had there been any', async ({ page }) => {
  await recordViolations(page);
  await open(page);
  await inert(page, 'the app as it starts');
  // What an HTML sink would have made of the typed values (made here with DOM calls, not HTML).
  await page.evaluate(() => {
    const main = document.getElementById('main') as HTMLElement;
    const img = document.createElement('img');
    img.setAttribute('src', 'x');
    img.setAttribute('onerror', 'window.__pwned=1');
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('onload', 'window.__pwned=1');
    const a = document.createElement('a');
    a.setAttribute('href', 'JavaScript:window.__pwned=1');
    const script = document.createElement('script');
    script.textContent = 'window.__pwned=1';
    main.append(img, svg, a, script);
  });
  const found = await findings(page);
  expect(found).toEqual(expect.arrayContaining([
    '<img onerror="window.__pwned=1">',
    '<svg onload="window.__pwned=1">',
    '<a href="JavaScript:window.__pwned=1">',
    '<img> made from text',
    '<svg> made from text',
    '<a> made from text',
    'an inline <script>: window.__pwned=1',
  ]));
  // The CSP stopped the inline script and the handlers: nothing ran, and it was reported.
  await expect.poll(async () => (await findings(page)).some((f) => f.startsWith('CSP violation script-src'))).toBe(true);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
});

test('a meeting typed with markup and script: shown as text on its page, in the search, the history, the follow-up page', async ({ page }) => {
  test.setTimeout(180_000);
  const w = watch(page);
  await recordViolations(page);
  await open(page);

  await test.step('the name of the person using this laptop', async () => {
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('profile-name').fill(PROFILE);
    await page.getByTestId('profile-role').selectOption('secretary');
    await page.getByTestId('profile-save').click();
    await expect(page.getByTestId('profile-saved')).toBeVisible();
    await expect(page.getByTestId('profile-name')).toHaveValue(PROFILE);
    await inert(page, 'settings, profile');
  });

  await test.step('a new meeting: its title and venue', async () => {
    await page.getByTestId('nav-meetings').click();
    await page.getByTestId('new-meeting').click();
    await page.getByTestId('field-title').fill(TITLE);
    await page.getByTestId('field-venue').fill(VENUE);
    await page.getByTestId('field-region').selectOption('fes-meknes');
    await page.getByTestId('meeting-save').click();
    await expect(page.getByTestId('meeting-page')).toBeVisible();
    await expect(page.getByTestId('meeting-title')).toHaveText(TITLE);
    await expect(page.locator('.meeting-header')).toContainText(VENUE);
    // Who uses this laptop, on the workflow line.
    await expect(page.getByTestId('workflow-profile')).toContainText(PROFILE);
    await inert(page, 'meeting page');
  });

  await test.step('a new person: name and title', async () => {
    await page.getByTestId('attendance-add').click();
    await page.getByTestId('person-search').fill('زيد');
    await page.getByTestId('person-new').click();
    await page.getByTestId('person-new-name-ar').fill(PERSON);
    await page.getByTestId('person-new-title').fill(PERSON_TITLE);
    await page.getByTestId('person-new-save').click();
    const item = page.getByTestId('attendance-item');
    await expect(item).toHaveCount(1);
    await expect(item).toContainText(PERSON);
    await expect(item.locator('input[type=text]').first()).toHaveValue(PERSON_TITLE);
    await inert(page, 'attendance');
  });

  await test.step('a statement, taken down in minute-taking', async () => {
    await page.getByTestId('minutes-mode').click();
    await expect(page.getByTestId('speaker-input')).toBeFocused();
    await page.keyboard.type('زيد');
    await expect(page.getByTestId('speaker-option').first()).toContainText(PERSON);
    await page.keyboard.press('Enter');
    await page.getByTestId('statement-input').fill(STATEMENT);
    await page.getByTestId('statement-input').press('Enter');
    await expect(page.getByTestId('minutes-status')).toHaveAttribute('data-state', 'saved');
    await page.getByTestId('minutes-exit').click();
    const statement = page.getByTestId('statement-item');
    await expect(statement).toHaveCount(1);
    await expect(statement).toContainText(STATEMENT);
    await expect(statement).toContainText(PERSON);
    await inert(page, 'statements');
  });

  await test.step('a decision, an action (title, description), progress notes', async () => {
    await page.getByTestId('decision-input').fill(DECISION);
    await page.getByTestId('decision-add').click();
    await expect(page.getByTestId('decision-item')).toContainText(DECISION);

    await page.getByTestId('action-add').click();
    await page.getByTestId('action-title').fill(ACTION_TITLE);
    await page.locator('#af-description').fill(ACTION_DESCRIPTION);
    await page.getByTestId('action-owner').selectOption({ label: PERSON });
    await page.getByTestId('action-save').click();
    const action = page.getByTestId('action-item');
    await expect(action).toHaveCount(1);
    await expect(action.locator('h3')).toHaveText(ACTION_TITLE);
    await expect(action.locator('.description')).toHaveText(ACTION_DESCRIPTION);
    await expect(action).toContainText(PERSON);

    await action.getByRole('button', { name: 'إضافة مستجد' }).click();
    await action.locator('textarea').fill(NOTE);
    await action.getByRole('button', { name: 'تسجيل المستجد' }).click();
    await expect(action.locator('.log')).toContainText(NOTE);
    await action.getByRole('button', { name: 'تغيير الحالة' }).click();
    await action.locator('textarea').fill(STATUS_NOTE);
    await action.getByRole('button', { name: 'تأكيد تغيير الحالة' }).click();
    await expect(action.getByTestId('action-status')).toHaveText('متفق عليه');
    await expect(action.locator('.log')).toContainText(STATUS_NOTE);
    await inert(page, 'decisions and actions');
  });

  await test.step('the history panel: labels, who, every field before and after', async () => {
    const section = page.getByTestId('history-section');
    await section.getByTestId('history-toggle').click();
    const entries = section.getByTestId('history-entry');
    await expect(entries.first()).toBeVisible();
    // Every new document's fields unfolded.
    for (const summary of await section.getByTestId('history-details').all()) await summary.click();
    await expect(section.getByTestId('history-who').first()).toContainText(PROFILE);
    for (const typed of [TITLE, VENUE, PERSON, PERSON_TITLE, STATEMENT, DECISION, ACTION_TITLE, ACTION_DESCRIPTION, NOTE, STATUS_NOTE]) {
      await expect(section, typed).toContainText(typed);
    }
    await expect(section.locator(`[data-testid="history-change"][data-path="text"] [data-testid="history-after"]`).filter({ hasText: STATEMENT })).toHaveCount(1);
    await inert(page, 'history');
  });

  await test.step('the search results', async () => {
    const input = page.getByTestId('search-input');
    await input.fill('pwned');
    const results = page.getByTestId('search-results');
    await expect(results).toBeVisible();
    for (const kind of ['meeting', 'statement', 'decision', 'action', 'person']) {
      await expect(results.locator(`[data-kind="${kind}"]`), kind).not.toHaveCount(0);
    }
    await expect(results.locator('[data-kind="meeting"]')).toContainText(TITLE);
    await expect(results.locator('[data-kind="meeting"]')).toContainText(VENUE);
    await expect(results.locator('[data-kind="statement"]')).toContainText(STATEMENT);
    await expect(results.locator('[data-kind="decision"]')).toContainText(DECISION);
    await expect(results.locator('[data-kind="action"]')).toContainText(ACTION_TITLE);
    await expect(results.locator('[data-kind="action"]')).toContainText(ACTION_DESCRIPTION);
    await expect(results.locator('[data-kind="person"]')).toContainText(PERSON);
    // The words found are marked, as text.
    await expect(results.locator('mark').first()).toHaveText(/pwned/i);
    await inert(page, 'search results');
    await input.press('Escape');
    await input.press('Escape');
  });

  await test.step('the follow-up page and the action’s history dialog', async () => {
    await page.getByTestId('nav-followup').click();
    const item = page.getByTestId('followup-action');
    await expect(item).toHaveCount(1);
    await expect(item.locator('h3')).toHaveText(ACTION_TITLE);
    await expect(item).toContainText(ACTION_DESCRIPTION);
    await expect(item.getByTestId('action-meeting')).toHaveText(TITLE);
    await expect(item.locator('.log')).toContainText(NOTE);
    await expect(item.locator('.log')).toContainText(STATUS_NOTE);
    await expect(item).toContainText(PERSON);
    await expect(page.getByTestId('followup-owners')).toContainText(PERSON);
    await inert(page, 'follow-up page');
    await item.getByTestId('action-history').click();
    const dialog = page.getByTestId('history-dialog');
    await expect(dialog.getByRole('heading', { level: 2 })).toContainText(ACTION_TITLE);
    for (const summary of await dialog.getByTestId('history-details').all()) await summary.click();
    await expect(dialog).toContainText(ACTION_DESCRIPTION);
    await expect(dialog).toContainText(PROFILE);
    await inert(page, 'history dialog');
    await page.keyboard.press('Escape');
  });

  await test.step('the registry and the meetings list', async () => {
    await page.getByTestId('nav-registry').click();
    await expect(page.getByTestId('registry-person')).toContainText(PERSON);
    await inert(page, 'registry');
    await page.getByTestId('nav-meetings').click();
    await expect(page.getByTestId('meeting-item')).toContainText(TITLE);
    await inert(page, 'meetings list');
  });

  await test.step('in French, left to right, the same', async () => {
    await page.evaluate(() => window.__mahdarMock?.emit('menu', 'lang-fr'));
    await expect(page.getByTestId('nav-meetings')).toHaveText('Réunions');
    await page.getByTestId('meeting-item').click();
    await expect(page.getByTestId('meeting-title')).toHaveText(TITLE);
    await expect(page.getByTestId('statement-item')).toContainText(STATEMENT);
    await inert(page, 'meeting page in French');
  });

  expect(w.problems).toEqual([]);
});

test('settings typed with markup and script: the letterhead, the sync server, shown back as text', async ({ page }) => {
  const w = watch(page);
  await recordViolations(page);
  await open(page);
  await page.getByTestId('nav-settings').click();

  await test.step('the letterhead, a line of each', async () => {
    const lines = [IMG, SCRIPT, SVG, JS];
    for (const l of ['ar', 'fr', 'en'] as const) {
      await page.getByTestId(`settings-letterhead-${l}`).fill(lines.join('\n'));
      await page.getByTestId(`settings-letterhead-${l}`).blur();
      await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved');
    }
    // Saved, then read back from the backend.
    await page.getByTestId('nav-meetings').click();
    await page.getByTestId('nav-settings').click();
    for (const l of ['ar', 'fr', 'en'] as const) await expect(page.getByTestId(`settings-letterhead-${l}`)).toHaveValue(lines.join('\n'));
    await inert(page, 'letterhead');
  });

  await test.step('a sync address that is a script: refused, said as text', async () => {
    await page.getByTestId('sync-url').fill(JS);
    await page.getByTestId('sync-save').click();
    const error = page.getByTestId('sync-error');
    await expect(error).toContainText('عنوان الخادم غير صالح.');
    await expect(error).toContainText(JS);
    await expect(page.getByTestId('sync-url')).toHaveValue(JS);
    await inert(page, 'sync address refused');
  });

  await test.step('an address holding markup: kept as typed, and its failures said as text', async () => {
    const url = `https://sync.example.org/mahdar/${IMG}${SVG}`;
    await page.getByTestId('sync-url').fill(url);
    await page.getByTestId('sync-user').fill(SVG);
    await page.getByTestId('sync-save').click();
    await expect(page.getByTestId('sync-message')).toBeVisible();
    await page.getByTestId('nav-meetings').click();
    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('sync-url')).toHaveValue(url);
    await expect(page.getByTestId('sync-user')).toHaveValue(SVG);
    await page.evaluate(() => window.__mahdarMock?.failNextSync('offline'));
    await page.getByTestId('sync-now').click();
    await expect(page.getByTestId('sync-settings-status')).toContainText(url);
    await inert(page, 'sync failure');
  });

  expect(w.problems).toEqual([]);
});
