import { useRef, useState } from 'react';

/** The row whose menu button should take focus, and how many times it has been asked to. */
export interface FocusTarget {
  id: string;
  tick: number;
}

/**
 * A closing dialog hands focus back to whatever opened it once its exit animation ends (Atlaskit's
 * modal, about 300 ms): the menu item, which is gone, so focus falls to the page. The button asks
 * for focus again after that.
 */
const AFTER_DIALOG_MS = 500;

/**
 * Where focus goes after a row menu's choice. The item chosen is gone with its menu, so neither
 * the browser nor a closing dialog can put focus back on it: the row's menu button takes it.
 */
export function useFocusReturn() {
  const [target, setTarget] = useState<FocusTarget | null>(null);
  const left = useRef<string | null>(null);
  return {
    target,
    /** A row's menu was used: focus belongs to its button once the page is back. */
    leave: (id: string) => {
      left.current = id;
    },
    /** The page is back (no dialog, or its dialog closed). */
    back: () => {
      const id = left.current;
      left.current = null;
      if (!id) return;
      const ask = () => setTarget((was) => ({ id, tick: (was?.tick ?? 0) + 1 }));
      ask();
      setTimeout(ask, AFTER_DIALOG_MS);
    },
  };
}
