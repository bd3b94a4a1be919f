import { useCallback, useEffect, useRef, useState } from 'react';
import type { Envelope, ResolverError } from '../../resolvers/contract';

export type Loaded<T> =
  { state: 'loading' } | { state: 'failed'; error: ResolverError } | { state: 'ready'; data: T };

const LOADING = { state: 'loading' } as const;

export interface Load<T> {
  result: Loaded<T>;
  reload: () => Promise<void>;
  /** Like reload, but a failure keeps what is shown and only answers false. */
  refresh: () => Promise<boolean>;
}

/**
 * What a load in several answers shows before its last: only while nothing is shown yet (a
 * reload keeps the whole of what is shown rather than shrink it to a first answer).
 */
export type ShowPart<T> = (part: T) => void;

/**
 * Loads once per `key`; `reload` refreshes in place, keeping what is shown until the answer
 * arrives, so an action's effect appears without the page flashing a spinner.
 */
export function useLoad<T>(
  load: (showPart: ShowPart<T>) => Promise<Envelope<T>>,
  key: string,
): Load<T> {
  const [result, setResult] = useState<Loaded<T>>(LOADING);
  const latest = useRef(load);
  latest.current = load;
  // Only the newest request may set the result: an older answer arriving late is stale.
  const generation = useRef(0);
  const shown = useRef(false);

  const partsOf = (mine: number): ShowPart<T> => {
    if (shown.current) return () => undefined;
    return (part) => {
      if (mine === generation.current) setResult({ state: 'ready', data: part });
    };
  };

  const reload = useCallback(async () => {
    const mine = ++generation.current;
    const answer = await latest.current(partsOf(mine));
    if (mine !== generation.current) return;
    shown.current = answer.ok;
    setResult(
      answer.ok ? { state: 'ready', data: answer.data } : { state: 'failed', error: answer.error },
    );
  }, []);

  const refresh = useCallback(async () => {
    const mine = ++generation.current;
    const answer = await latest.current(partsOf(mine));
    // A newer load took over: its answer is the one shown, so this one failed nothing.
    if (mine !== generation.current) return true;
    if (answer.ok) setResult({ state: 'ready', data: answer.data });
    shown.current ||= answer.ok;
    return answer.ok;
  }, []);

  useEffect(() => {
    shown.current = false;
    setResult(LOADING);
    void reload();
    return () => {
      generation.current += 1;
    };
  }, [key, reload]);

  return { result, reload, refresh };
}
