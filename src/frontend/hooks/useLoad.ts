import { useCallback, useEffect, useRef, useState } from 'react';
import type { Envelope, ResolverError } from '../../resolvers/contract';

export type Loaded<T> =
  { state: 'loading' } | { state: 'failed'; error: ResolverError } | { state: 'ready'; data: T };

const LOADING = { state: 'loading' } as const;

/**
 * Loads once per `key`; `reload` refreshes in place, keeping what is shown until the answer
 * arrives, so an action's effect appears without the page flashing a spinner.
 */
export function useLoad<T>(
  load: () => Promise<Envelope<T>>,
  key: string,
): { result: Loaded<T>; reload: () => Promise<void> } {
  const [result, setResult] = useState<Loaded<T>>(LOADING);
  const latest = useRef(load);
  latest.current = load;
  // Only the newest request may set the result: an older answer arriving late is stale.
  const generation = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    const answer = await latest.current();
    if (mine !== generation.current) return;
    setResult(
      answer.ok ? { state: 'ready', data: answer.data } : { state: 'failed', error: answer.error },
    );
  }, []);

  useEffect(() => {
    setResult(LOADING);
    void reload();
    return () => {
      generation.current += 1;
    };
  }, [key, reload]);

  return { result, reload };
}
