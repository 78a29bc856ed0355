import { useEffect, useState, type RefObject } from 'react';

/** Primary buttons the step shows itself (the footer's default Next and Mark done are marked and not counted). */
const SELECTOR = '.pf-v6-c-button.pf-m-primary:not([data-wizard-default]):not([data-wizard-next])';

/**
 * Whether the wizard shows a primary button other than the footer's defaults. Steps embed shared
 * panels (cluster connection, USB writer, CSR approval) that carry their own primary action; the
 * footer must then not add a second one. Watching the DOM keeps that rule in one place.
 */
export function useOtherPrimary(root: RefObject<HTMLElement | null>): boolean {
  const [found, setFound] = useState(false);
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    // A collapsed section's button is not on screen, so it is not the step's visible action.
    const check = () => setFound([...el.querySelectorAll(SELECTOR)].some((b) => !b.closest('[hidden]')));
    check();
    const observer = new MutationObserver(check);
    observer.observe(el, { subtree: true, childList: true, attributes: true, attributeFilter: ['class', 'hidden'] });
    return () => observer.disconnect();
  }, [root]);
  return found;
}
