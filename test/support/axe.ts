import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (injected from node_modules, no network) in the page and returns the serious and
 * critical violations, each with the elements it found, ready for a readable assertion message.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeFinding[]> {
  // colours mid-transition (a toggle turning from disabled to enabled fades for 250 ms) are not what a
  // technician reads: let every running finite CSS transition end first (event-driven, no sleep;
  // endless ones such as spinners are left alone)
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: object) => Promise<{ passes: unknown[]; violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    const result = await axe.run(document, {});
    // A run that checked nothing (axe missing, an empty page) must not read as "no violations".
    if (result.passes.length === 0) throw new Error('axe checked nothing on this page');
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Visible wording outside code, typed values and terminal output (commands, typed values and ids are
 * data), plus the labels a screen reader reads (aria-label, the hidden alert leads, aria-valuetext):
 * what the zh-CN Latin-text check (latin-allow-list.ts) reads on a screen. Text the technician typed
 * (job titles) is marked data-user-text where it is shown; data the technician must read as the
 * cluster or the machine writes it (CSR names, signers, subjects, host models, disk names) is marked
 * data-verbatim.
 */
export async function visibleWording(page: Page): Promise<string> {
  return page.evaluate(() => {
    const userText = '[data-user-text], [data-verbatim], [data-testid=job-title], .pf-v6-c-breadcrumb';
    // Only the data inside a code block or copy field is skipped: their buttons and tooltips are wording.
    const data = `code, pre, kbd, samp, input, textarea, .xterm-screen, .pf-v6-c-code-block__content, .pf-v6-c-clipboard-copy__text, .pf-v6-c-clipboard-copy__expandable-content, ${userText}`;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const parts: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.closest(data)) continue;
      // Screen-reader-only text (PatternFly's "Info alert:") is read aloud, so it counts; hidden text does not.
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      parts.push(node.textContent ?? '');
    }
    for (const attr of ['aria-label', 'aria-valuetext', 'placeholder', 'title']) {
      for (const el of document.querySelectorAll(`[${attr}]`)) if (!el.closest(userText)) parts.push(el.getAttribute(attr) ?? '');
    }
    return parts.join(' ');
  });
}
