import { expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** ui/test-results/ */
export const SHOTS = fileURLToPath(new URL('../../test-results/', import.meta.url));
/** ui/dist/, or the build MAHDAR_DIST names (see playwright.config.ts). */
export const DIST = process.env.MAHDAR_DIST
  ? `${resolve(process.env.MAHDAR_DIST)}/`
  : fileURLToPath(new URL('../../dist/', import.meta.url));

/** Collects what must never happen: page errors, console errors, CSP violations. */
export function watch(page: Page): { problems: string[] } {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  return { problems };
}

/** A screenshot in ui/test-results/<name>.png (the whole page unless `viewport`), fonts loaded. */
export async function shot(page: Page, name: string, viewport = false): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.evaluate(() => document.fonts.ready);
  // A sticky header would be drawn mid-page in a full-page shot of a scrolled window.
  if (!viewport) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: !viewport });
}

/** Opens the app fresh (the mock backend starts empty, like a first run). */
export async function open(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('nav-meetings')).toBeVisible();
}

export async function loadDemoAndOpen(page: Page): Promise<void> {
  await open(page);
  await page.getByTestId('load-demo').click();
  await expect(page.getByTestId('meeting-item')).toHaveCount(1);
  await page.getByTestId('meeting-item').click();
  await expect(page.getByTestId('meeting-page')).toBeVisible();
  await expect(page.getByTestId('statement-item')).toHaveCount(8);
}

/**
 * Says who uses this laptop, in Settings (status changes need it), then goes back to the page
 * it was on. The mock backend starts without a profile, like a fresh install.
 */
export async function setProfile(page: Page, role: 'secretary' | 'reviewer' | 'approver', name = 'عواطف حيار'): Promise<void> {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('profile-name').fill(name);
  await page.getByTestId('profile-role').selectOption(role);
  await page.getByTestId('profile-save').click();
  await expect(page.getByTestId('profile-saved')).toBeVisible();
  await page.goBack();
}

/** Nothing in `root` sticks out of it or hides part of its text, and the page does not scroll sideways. */
export async function nothingCutOff(root: Locator, cells: string, label: string): Promise<void> {
  const out = await root.evaluate((el, selector) => {
    const r = el.getBoundingClientRect();
    const wrong: string[] = [];
    for (const cell of el.querySelectorAll<HTMLElement>(selector)) {
      const c = cell.getBoundingClientRect();
      if (c.width === 0 && c.height === 0) continue;
      const name = `${cell.tagName.toLowerCase()}.${cell.className} «${(cell.textContent ?? '').trim().slice(0, 30)}»`;
      if (c.left < r.left - 0.5 || c.right > r.right + 0.5) wrong.push(`${name} sticks out`);
      if (cell.scrollWidth > cell.clientWidth + 1) wrong.push(`${name} hides ${cell.scrollWidth - cell.clientWidth}px`);
    }
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth) wrong.push('the page scrolls sideways');
    return { checked: el.querySelectorAll(selector).length, wrong };
  }, cells);
  expect(out.checked, label).toBeGreaterThan(0);
  expect(out.wrong, label).toEqual([]);
}

/**
 * Opens the app on a data folder where the first-run setup is still to be done (`?firstrun=1`:
 * the mock backend then keeps its state across reloads, so that a finished setup stays finished).
 */
export async function openFirstRun(page: Page): Promise<void> {
  await page.goto('/?firstrun=1');
  await expect(page.getByTestId('first-run')).toBeVisible();
}

/** A backend command, as the UI would call it (to read what the mock stored). */
export function invoke<T = unknown>(page: Page, cmd: string, args: unknown = {}): Promise<T> {
  return page.evaluate(
    ([c, a]) =>
      (window as unknown as { __TAURI_INTERNALS__: { invoke: (cmd: string, args: unknown) => Promise<unknown> } }).__TAURI_INTERNALS__.invoke(
        c as string,
        a,
      ),
    [cmd, args] as const,
  ) as Promise<T>;
}

/**
 * From now on, records every backend command the page calls, with its arguments as sent
 * (`recordedCalls` reads them): what the UI asks of the backend, whatever the mock answers.
 */
export async function recordCalls(page: Page): Promise<void> {
  await page.evaluate(() => {
    type Internals = { invoke: (cmd: string, args?: unknown, options?: unknown) => Promise<unknown> };
    const w = window as unknown as { __TAURI_INTERNALS__: Internals; __mahdarCalls?: { cmd: string; args: unknown }[] };
    if (w.__mahdarCalls) return;
    const calls: { cmd: string; args: unknown }[] = [];
    w.__mahdarCalls = calls;
    const original = w.__TAURI_INTERNALS__.invoke;
    w.__TAURI_INTERNALS__.invoke = (cmd, args, options) => {
      if (!cmd.startsWith('plugin:')) calls.push({ cmd, args: args instanceof Uint8Array ? '(bytes)' : JSON.parse(JSON.stringify(args ?? null)) });
      return original(cmd, args, options);
    };
  });
}

/** The commands recorded since `recordCalls`, named `cmd` if given. */
export function recordedCalls(page: Page, cmd?: string): Promise<{ cmd: string; args: unknown }[]> {
  return page.evaluate(
    (name) =>
      ((window as unknown as { __mahdarCalls?: { cmd: string; args: unknown }[] }).__mahdarCalls ?? []).filter((c) => !name || c.cmd === name),
    cmd ?? null,
  );
}

/**
 * A statement's text corrected through its form and saved: then the text is shown and the form
 * closed (it stays in the page, hidden, once opened: StatementItem).
 */
export async function saveStatementText(statement: Locator, text: string): Promise<void> {
  await statement.getByRole('button', { name: 'تعديل', exact: true }).click();
  await statement.locator('textarea').fill(text);
  await statement.getByRole('button', { name: 'حفظ', exact: true }).click();
  await expect(statement.locator('p.text')).toHaveText(text);
  await expect(statement.locator('textarea')).toBeHidden();
  await expect(statement.locator('p.text')).toBeVisible();
}
