// Keyboard-only helpers: reach a control with Tab the way a person would,
// and read what has focus. No clicks.

/** Presses Tab (or Shift+Tab) until the locator's element has focus; fails after `max` presses. */
export async function tabTo(page, locator, { max = 60, back = false } = {}) {
  const handle = await locator.elementHandle();
  for (let i = 0; i <= max; i++) {
    if (await handle.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  const where = await describeFocus(page);
  throw new Error(`${max} Tab presses never reached ${locator}; focus is on ${where}`);
}

/** A short description of the focused element, for failure messages and checks. */
export function describeFocus(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'BODY';
    const name = el.getAttribute('aria-label') || el.textContent?.trim().slice(0, 60) || '';
    return `${el.tagName}${el.id ? `#${el.id}` : ''} "${name}"`;
  });
}

/** Waits until focus sits inside (or on) the element that `selector` and `hasText` find, never on the page body. */
export async function waitForFocusWithin(page, selector, hasText) {
  try {
    await page.waitForFunction(
      ([sel, text]) => {
        const el = document.activeElement;
        if (!el || el === document.body) return false;
        const box = el.closest(sel);
        return Boolean(box) && (!text || box.textContent.includes(text));
      },
      [selector, hasText ?? null],
      { timeout: 5000 },
    );
  } catch {
    throw new Error(`focus is not within ${selector} ${hasText ? `"${hasText}"` : ''}: it is on ${await describeFocus(page)}`);
  }
}
