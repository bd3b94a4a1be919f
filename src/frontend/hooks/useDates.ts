import {
  createContext,
  createElement,
  useContext,
  useEffect,
  useState,
  type ReactNode,
} from 'react';
import { view } from '@forge/bridge';
import { FALLBACK_ZONE, resolveZone, type Dates, type Zone } from '../format';

const ZoneContext = createContext<Zone>(FALLBACK_ZONE);

/**
 * Reads the user's time zone from the product context once for the whole page. Until it
 * arrives, or if the host cannot say, dates show in UTC and the page says so.
 */
export function ZoneProvider({ children }: { children: ReactNode }) {
  const [zone, setZone] = useState<Zone>(FALLBACK_ZONE);
  useEffect(() => {
    let current = true;
    view
      .getContext()
      .then((context) => current && setZone(resolveZone(context.timezone)))
      .catch(() => current && setZone(FALLBACK_ZONE));
    return () => {
      current = false;
    };
  }, []);
  return createElement(ZoneContext.Provider, { value: zone }, children);
}

export function useZone(): Zone {
  return useContext(ZoneContext);
}

/** The page's zone and `now`, the moment this render calls now unless a caller fixed one. */
export function useDates(now: Date = new Date()): Dates {
  return { ...useZone(), now };
}
