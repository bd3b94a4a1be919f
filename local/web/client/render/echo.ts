import { useEffect, useState } from 'react';

/**
 * A field's own copy of its value. The app's new value arrives only after a round trip through
 * the reconciler; showing what was typed at once keeps keystrokes and the caret where they
 * belong, and any later value the app sends replaces it.
 */
export function useEchoedValue<T>(fromApp: T): [T, (value: T) => void] {
  const [value, setValue] = useState(fromApp);
  useEffect(() => setValue(fromApp), [fromApp]);
  return [value, setValue];
}
