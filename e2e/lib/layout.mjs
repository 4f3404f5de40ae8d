// Layout checks shared by the screenshot matrix and the point tests.

/** The three widths every page must hold: a phone, a laptop, and a 1280 px window at 200% zoom. */
export const SIZES = [
  { name: '360px', viewport: { width: 360, height: 760 }, deviceScaleFactor: 1 },
  { name: '1280px', viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1 },
  // note: 200% zoom of a 1280x860 window is a 640x430 CSS viewport at twice the pixel density.
  { name: 'zoom200', viewport: { width: 640, height: 430 }, deviceScaleFactor: 2 },
];

export const SCHEMES = ['light', 'dark'];

/** How many CSS pixels the page is wider than the viewport (0 when it fits). */
export function sidewaysOverflow(page) {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
}

/** Fails unless the element lies within the viewport horizontally. */
export async function assertWithinViewport(page, locator, what) {
  const box = await locator.boundingBox();
  const width = page.viewportSize().width;
  if (!box || box.x < 0 || box.x + box.width > width + 1) {
    throw new Error(`${what} is outside the ${width}px viewport: ${JSON.stringify(box)}`);
  }
}

/** WCAG relative luminance contrast between two CSS rgb()/rgba() colours. */
export function contrast(a, b) {
  const lum = (css) => {
    const [r, g, bl] = css.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The first opaque background colour behind an element. */
export function backgroundBehind(locator) {
  return locator.evaluate((el) => {
    for (let n = el; n; n = n.parentElement) {
      const bg = getComputedStyle(n).backgroundColor;
      if (bg && !/rgba\(.*,\s*0\)$/.test(bg) && bg !== 'transparent') return bg;
    }
    return 'rgb(255, 255, 255)';
  });
}
