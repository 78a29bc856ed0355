import { useCallback, useEffect, useRef, useState } from 'react';
import { useApiEvent } from '../../api/context';
import type { WriteStatus } from '../../../shared/api/domains/usb';

const isRunning = (w?: WriteStatus) => w?.state === 'starting' || w?.state === 'running';

/**
 * The one write this writer shows, kept current from `usb.writeChanged`. Events can arrive before
 * `usb.startWrite` has answered (a practice stick, or a small image, can be written and verified
 * by then), so the newest event of every write is kept and wins over the answer's snapshot:
 * otherwise the panel could stay at "starting" for a write that has long finished.
 */
export function useFollowedWrite(onDone?: (result: WriteStatus) => void) {
  const [write, setWrite] = useState<WriteStatus | undefined>();
  const latest = useRef(new Map<string, WriteStatus>());
  const shown = useRef<WriteStatus | undefined>(undefined);
  // the latest callback, so that a parent's inline onDone does not make follow() a new function each render
  const done = useRef(onDone);
  useEffect(() => {
    done.current = onDone;
  }, [onDone]);

  /** Shows a status; onDone hears once of a write that has ended, however its end arrived. */
  const show = useCallback((status: WriteStatus) => {
    const before = shown.current;
    shown.current = status;
    setWrite(status);
    if (!isRunning(status) && (before?.writeId !== status.writeId || isRunning(before))) done.current?.(status);
  }, []);

  useApiEvent('usb.writeChanged', (status) => {
    latest.current.set(status.writeId, status);
    if (status.writeId === shown.current?.writeId) show(status);
  });

  /** Follows this write from now on (the answer of startWrite, or a write found running). */
  const follow = useCallback(
    (status: WriteStatus) => {
      const newest = latest.current.get(status.writeId) ?? status;
      latest.current = new Map([[status.writeId, newest]]);
      show(newest);
    },
    [show],
  );

  const clear = useCallback(() => {
    shown.current = undefined;
    setWrite(undefined);
  }, []);

  return { write, follow, clear };
}
