import { useCallback, useRef, useState } from 'react';
import type { Envelope, ResolverError } from '../../resolvers/contract';

export interface Action {
  /** What is running now (e.g. "check:<id>"), to show its button as loading. */
  busy: string | null;
  error: ResolverError | null;
  run<T>(
    label: string,
    act: () => Promise<Envelope<T>>,
    done?: (data: T) => unknown,
  ): Promise<boolean>;
  clearError(): void;
}

/** One mutation at a time; its failure is kept to be shown, never thrown at the page. */
export function useAction(): Action {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ResolverError | null>(null);
  const running = useRef(false);

  const run = useCallback(
    async <T>(label: string, act: () => Promise<Envelope<T>>, done?: (data: T) => unknown) => {
      if (running.current) return false;
      running.current = true;
      setBusy(label);
      setError(null);
      try {
        const answer = await act();
        if (!answer.ok) {
          setError(answer.error);
          return false;
        }
        await done?.(answer.data);
        return true;
      } finally {
        running.current = false;
        setBusy(null);
      }
    },
    [],
  );

  const clearError = useCallback(() => setError(null), []);
  return { busy, error, run, clearError };
}
