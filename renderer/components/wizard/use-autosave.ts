import { useEffect, useEffectEvent, useRef, useState } from 'react';

export const AUTOSAVE_DELAY_MS = 600;

/**
 * Saves what is typed as it is typed: `save(value)` runs once the value has been still for a
 * moment, and once more when the step closes with an unsaved change, so a reload or a closed
 * laptop loses nothing. The first value (what was loaded) is not saved back.
 */
export function useAutosave<T>(value: T, save: (value: T) => Promise<unknown>, delayMs = AUTOSAVE_DELAY_MS): { error: unknown } {
  const [error, setError] = useState<unknown>(null);
  const key = JSON.stringify(value);
  const saved = useRef(key);
  const pending = useRef<T | null>(null);
  const run = useEffectEvent((v: T, k: string) => {
    pending.current = null;
    save(v).then(
      () => {
        saved.current = k;
        setError(null);
      },
      (e: unknown) => setError(e),
    );
  });
  useEffect(() => {
    if (key === saved.current) return;
    pending.current = value;
    const timer = setTimeout(() => run(value, key), delayMs);
    return () => clearTimeout(timer);
    // key stands for the value's content.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, delayMs]);
  // Leaving the step before the delay ran: save now.
  useEffect(
    () => () => {
      if (pending.current !== null) run(pending.current, JSON.stringify(pending.current));
    },
    [],
  );
  return { error };
}
