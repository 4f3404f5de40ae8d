import { useCallback, useEffect, useState } from 'react';

interface Target {
  /** The element to focus, once it exists (e.g. a row after the list reloads). */
  id: string;
  /** Focused instead when the first never appears (e.g. the list is now empty). */
  fallbackId: string;
}

// About two seconds at 60 frames a second: a reload slower than that lands on the fallback.
const MAX_FRAMES = 120;

/**
 * Moves keyboard focus somewhere sensible after a dialog closes: the new row,
 * the next row, or the list heading. note: MUI gives focus back to the button
 * that opened the dialog; when that button is gone (the empty state's Create
 * button, a deleted row's Delete button) focus would fall to the page top.
 * This waits until no dialog is open, so the dialog's own focus trap and its
 * focus restore are done, then focuses the target.
 */
export function useFocusAfterDialog(): (target: Target) => void {
  const [target, setTarget] = useState<Target | null>(null);

  useEffect(() => {
    if (!target) return;
    let frames = 0;
    let raf = 0;
    const attempt = () => {
      const dialogOpen = document.querySelector('[role="dialog"], [role="alertdialog"]') !== null;
      const el = document.getElementById(target.id);
      if (!dialogOpen && el) {
        el.focus();
        setTarget(null);
        return;
      }
      if (++frames >= MAX_FRAMES && !dialogOpen) {
        document.getElementById(target.fallbackId)?.focus();
        setTarget(null);
        return;
      }
      raf = requestAnimationFrame(attempt);
    };
    raf = requestAnimationFrame(attempt);
    return () => cancelAnimationFrame(raf);
  }, [target]);

  return useCallback((t: Target) => setTarget(t), []);
}

/** The row id a list gives each item, so focus can find it after a reload. */
export function rowId(kind: string, id: string): string {
  return `${kind}-row-${id}`;
}

/** After deleting the item at `index`, the row to focus: the next one, else the previous one. */
export function neighbourAfterRemoval<T extends { id: string }>(items: T[], removedId: string): T | undefined {
  const index = items.findIndex((i) => i.id === removedId);
  if (index < 0) return undefined;
  return items[index + 1] ?? items[index - 1];
}
