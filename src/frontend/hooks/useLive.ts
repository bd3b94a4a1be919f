import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { ChangeMarks, LiveArea } from '../../resolvers/contract';
import { api } from '../api';
import { listenForChanges } from '../realtime';

/**
 * Cost per open page. A poll is one KVS request (getChanges): with the default 60 s interval,
 * 1 a minute while nothing changes. When the open tab's marker moved, the page reloads that
 * tab's data, `cost` KVS requests, and waits pauseAfter(cost) intervals before the next poll,
 * so even data that changes all the time costs (1 + cost) / pauseAfter(cost) < 2 requests a
 * minute: 4 requests per 3 minutes for the overview of up to 100 integrations.
 * test/frontend/live.test.tsx counts them. A hidden page does not poll at all.
 * While the page hears stored changes over Realtime it polls every FALLBACK_POLL_MS instead,
 * plus once per change it hears (at most one a second): test/frontend/realtime-live.test.tsx.
 */
export function pauseAfter(cost: number): number {
  return Math.floor((1 + cost) / 2) + 1;
}

/** What a refresh costs when its tab does not say: getInventory's three reads. */
const DEFAULT_COST = 3;
/** Until an answer names the interval, a failed poll waits the backend's default (a minute). */
const FIRST_INTERVAL_MS = 60_000;
/**
 * While the page hears stored changes over Realtime it polls only this often, in case an event
 * was lost; a subscription that fails or reports an error puts it back on the usual interval.
 */
export const FALLBACK_POLL_MS = 5 * 60_000;
/** A burst of events (a sweep storing checks) costs one poll per this gap at most. */
export const EVENT_GAP_MS = 1_000;

/** A view kept live: `refresh` must keep what is shown when it fails, and answer false. */
export interface LiveView {
  area: LiveArea;
  refresh: () => Promise<boolean>;
  /** Refresh at every poll, moved or not: e.g. while a sync runs, to see it finish or stall. */
  eachPoll: boolean;
  /** KVS requests one refresh makes: the page waits the longer after it. */
  cost: number;
}

export interface LiveStatus {
  /** When the views shown were last known current (page clock, ms); null: nothing live. */
  updatedAt: number | null;
  /** The last poll or refresh failed: what is shown stays, and the next poll tries again. */
  failed: boolean;
}

type Register = (view: { current: LiveView }) => () => void;
const LiveContext = createContext<Register | null>(null);
export const LiveProvider = LiveContext.Provider;

interface PageDocument {
  visibilityState?: string;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

/** The page's document where there is one (the browser); tests without one count as visible. */
function pageDocument(): PageDocument | undefined {
  return (globalThis as { document?: PageDocument }).document;
}

const visible = () => pageDocument()?.visibilityState !== 'hidden';

/** Keeps the calling tab's data live while it is shown (see useLive). */
export function useLiveView(
  area: LiveArea,
  refresh: () => Promise<boolean>,
  { eachPoll = false, cost = DEFAULT_COST }: { eachPoll?: boolean; cost?: number } = {},
) {
  const register = useContext(LiveContext);
  const view = useRef<LiveView>({ area, refresh, eachPoll, cost });
  view.current = { area, refresh, eachPoll, cost };
  useEffect(() => register?.(view), [register]);
}

interface Poller {
  views: Set<{ current: LiveView }>;
  seen: ChangeMarks | null;
  /** Areas whose refresh failed: refreshed again at the next poll, moved or not. */
  stale: Set<LiveArea>;
  /** The interval the last answer gave; a failed poll waits as long before trying again. */
  intervalMs: number;
}

/** The views a poll must refresh: their marker moved, they failed last time, or they ask to. */
function dueViews(poller: Poller, marks: ChangeMarks): LiveView[] {
  const before = poller.seen;
  return [...poller.views]
    .map((v) => v.current)
    .filter(
      (v) =>
        v.eachPoll ||
        poller.stale.has(v.area) ||
        (before !== null && before[v.area] !== marks[v.area]),
    );
}

/**
 * Polls the change markers while the page is visible and some view is live, and refreshes the
 * views whose data changed. Answers the registry for LiveProvider and what the page shows.
 */
export function useLive(): { register: Register; status: LiveStatus } {
  const [status, setStatus] = useState<LiveStatus>({ updatedAt: null, failed: false });
  const poller = useRef<Poller>({
    views: new Set(),
    seen: null,
    stale: new Set(),
    intervalMs: FIRST_INTERVAL_MS,
  });
  const schedule = useRef<() => void>(() => undefined);

  /** One poll; answers how long to wait before the next. */
  const pollOnce = useCallback(async (): Promise<number> => {
    const p = poller.current;
    const answer = await api.getChanges();
    if (!answer.ok) {
      setStatus((s) => ({ ...s, failed: true }));
      return p.intervalMs;
    }
    const { marks, pollSeconds } = answer.data;
    p.intervalMs = pollSeconds * 1000;
    const due = dueViews(p, marks);
    p.seen = marks;
    const results = await Promise.all(due.map(async (v) => ({ v, ok: await v.refresh() })));
    p.stale = new Set(results.filter((r) => !r.ok).map((r) => r.v.area));
    const failed = p.stale.size > 0;
    setStatus((s) => ({ updatedAt: failed ? s.updatedAt : Date.now(), failed }));
    const cost = due.reduce((sum, v) => sum + v.cost, 0);
    return p.intervalMs * (due.length > 0 ? pauseAfter(cost) : 1);
  }, []);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let polling = false;
    let stopped = false;
    // Monotonic: a page whose Date runs fast (the local preview's compressed clock) polls on time.
    let next = 0;
    let lastPollEnd = -Infinity;
    /** Changes are heard over Realtime: polls are only the fallback. */
    let listening = false;
    /** An event came while a poll was under way: poll again once the gap has passed. */
    let heardDuringPoll = false;
    let stopListening: (() => void) | null = null;
    const tick = async () => {
      polling = true;
      heardDuringPoll = false;
      let wait = poller.current.intervalMs;
      try {
        wait = await pollOnce();
      } catch {
        // A refresh that throws is a failed poll too: what is shown stays, the next one retries.
        setStatus((s) => ({ ...s, failed: true }));
      } finally {
        lastPollEnd = performance.now();
        if (heardDuringPoll) wait = EVENT_GAP_MS;
        else if (listening) wait = Math.max(wait, FALLBACK_POLL_MS);
        next = lastPollEnd + wait;
        polling = false;
      }
      schedule.current();
    };
    // Nothing to keep live, a hidden page or a poll under way: no timer. Visible again, the
    // page polls at once if the interval has passed meanwhile. The first poll goes out with the
    // tab's first load, so the two read storage moments apart: a change stored in between may
    // wait for the next change to show.
    schedule.current = () => {
      clearTimeout(timer);
      if (stopped || polling || !visible() || poller.current.views.size === 0) return;
      const wait = next - performance.now();
      if (wait <= 0) void tick();
      else timer = setTimeout(() => schedule.current(), wait);
    };
    // A stored change: poll the markers now (or once the gap since the last poll has passed).
    const onChange = () => {
      if (polling) heardDuringPoll = true;
      else next = Math.min(next, Math.max(performance.now(), lastPollEnd + EVENT_GAP_MS));
      schedule.current();
    };
    const onLost = () => {
      listening = false;
      next = Math.min(next, performance.now() + poller.current.intervalMs);
      schedule.current();
    };
    void listenForChanges(onChange, onLost).then((stop) => {
      if (stopped) stop?.();
      stopListening = stop;
      listening = stop !== null;
    });
    const onVisibility = () => schedule.current();
    pageDocument()?.addEventListener('visibilitychange', onVisibility);
    schedule.current();
    return () => {
      stopped = true;
      clearTimeout(timer);
      stopListening?.();
      pageDocument()?.removeEventListener('visibilitychange', onVisibility);
    };
  }, [pollOnce]);

  const register = useCallback<Register>((view) => {
    poller.current.views.add(view);
    setStatus({ updatedAt: Date.now(), failed: false });
    schedule.current();
    return () => {
      poller.current.views.delete(view);
      if (poller.current.views.size === 0) setStatus({ updatedAt: null, failed: false });
    };
  }, []);

  return { register, status };
}
