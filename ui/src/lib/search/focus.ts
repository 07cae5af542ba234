// Opening a search hit in its meeting: once the meeting page shows the item, it is scrolled
// into view, focused and marked for a moment.

const SELECTORS = ['data-statement-id', 'data-decision-id', 'data-action-id'];

export async function focusItem(id: string, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  const escaped = CSS.escape(id);
  while (Date.now() < deadline) {
    const el = document.querySelector<HTMLElement>(SELECTORS.map((a) => `[${a}="${escaped}"]`).join(','));
    if (el) {
      if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
      el.scrollIntoView({ block: 'center' });
      el.focus({ preventScroll: true });
      el.classList.add('search-found');
      setTimeout(() => el.classList.remove('search-found'), 2500);
      return true;
    }
    await new Promise((r) => requestAnimationFrame(r));
  }
  return false;
}
