import { isForgeRequestLimit, type FetchLike } from '../http/client';

/** One probe's share of the invocation's outbound requests, as really sent. */
export interface MeteredFetch {
  fetch: FetchLike;
  /** Requests handed to Forge's fetch, answered or not: each one counts against Forge's 100. */
  sent(): number;
  /** Whether Forge's proxy refused one of them over the invocation's limit. */
  refusedByForge(): boolean;
}

/** Counts every request a probe sends through `fetch`, and notices Forge's own refusal. */
export function meterFetch(fetch: FetchLike): MeteredFetch {
  let sent = 0;
  let refused = false;
  return {
    fetch: async (url, init) => {
      sent += 1;
      const res = await fetch(url, init);
      let proxyError: string | undefined;
      res.headers.forEach((value, key) => {
        if (key.toLowerCase() === 'forge-proxy-error') proxyError = value;
      });
      if (isForgeRequestLimit(res.status, proxyError)) refused = true;
      return res;
    },
    sent: () => sent,
    refusedByForge: () => refused,
  };
}
