import type { Locator } from 'playwright-core';

/**
 * What is painted over the middle of an element, or null when the element itself (or one of its
 * children) is on top there: a button can be inside the window and still hidden under a layer
 * (a sticky footer under a stacked step list, a banner, a modal backdrop).
 */
export async function coveredBy(target: Locator): Promise<string | null> {
  await target.waitFor({ state: 'visible' });
  return target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    // the element, a child of it, or a wrapper of it (a disabled button lets the point through to its wrapper)
    if (!top || el.contains(top) || top.contains(el)) return null;
    return `${top.tagName.toLowerCase()}.${String(top.className).trim().split(/\s+/).join('.')}`;
  });
}
