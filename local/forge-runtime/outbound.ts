import { EgressPolicy, egressRefusal, fetchLimitExceeded, targetUrl } from './egress';
import type { FetchInput } from './platform';

export interface OutboundDeps {
  policy: EgressPolicy;
  /** What an allowed request really calls. */
  send: typeof fetch;
  /** Counts one network request against the invocation's budget; false once it is spent. */
  consume(): boolean;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 20;

/**
 * An app's external fetch inside an invocation: budget, then egress, then the real request.
 * Redirects are followed here (not by the underlying fetch) so every hop is checked against the
 * allow-list and counted, as the platform's egress proxy does for third-party redirects.
 */
export async function externalFetch(
  deps: OutboundDeps,
  input: FetchInput,
  init: RequestInit | undefined,
): Promise<Response> {
  if (!deps.consume()) return fetchLimitExceeded();
  const url = targetUrl(input);
  if (url === undefined) return deps.send(input, init); // let fetch raise its own TypeError
  if (!deps.policy.allows(url)) {
    return egressRefusal(input instanceof Request ? input.url : String(input));
  }
  const mode = init?.redirect ?? (input instanceof Request ? input.redirect : 'follow');
  if (mode !== 'follow') return deps.send(input, init);
  return follow(deps, input, url, init);
}

async function follow(
  deps: OutboundDeps,
  input: FetchInput,
  url: string,
  init: RequestInit | undefined,
): Promise<Response> {
  let current: FetchInput = input;
  let currentUrl = url;
  let currentInit: RequestInit = { ...init, redirect: 'manual' };
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const res = await deps.send(current, currentInit);
    const location = res.headers.get('location');
    if (!REDIRECTS.has(res.status) || !location) return res;
    const next = new URL(location, currentUrl).href;
    if (!deps.consume()) return fetchLimitExceeded();
    if (!deps.policy.allows(next)) return egressRefusal(next);
    currentInit = nextInit(input, currentInit, res.status, currentUrl, next);
    current = next;
    currentUrl = next;
  }
  throw new TypeError('fetch failed', { cause: new Error('redirect count exceeded') });
}

// WHATWG fetch's redirect rules: 303 (and 301/302 after POST) become GET without a body, and
// credentials are not carried to another origin.
function nextInit(
  input: FetchInput,
  init: RequestInit,
  status: number,
  from: string,
  to: string,
): RequestInit {
  const method = (init.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
  const headers = new Headers(input instanceof Request ? input.headers : undefined);
  new Headers(init.headers).forEach((v, k) => headers.set(k, v));
  const toGet =
    status === 303 ? method !== 'HEAD' : (status === 301 || status === 302) && method === 'POST';
  if (new URL(from).origin !== new URL(to).origin) {
    for (const name of ['authorization', 'cookie', 'proxy-authorization']) headers.delete(name);
  }
  if (toGet) {
    headers.delete('content-type');
    headers.delete('content-length');
    return { ...init, method: 'GET', body: undefined, headers, redirect: 'manual' };
  }
  return { ...init, method, headers, redirect: 'manual' };
}

/**
 * Sends through an egress proxy the way Forge does (FORGE-PLATFORM.md 2.3: `${proxy.url}/egress`
 * with the target in `forge-proxy-target`): every request of the app shares the connections to
 * the proxy, whatever its target, instead of opening its own to each host.
 */
export function viaEgressProxy(proxyUrl: string, send: typeof fetch): typeof fetch {
  const egress = new URL('/egress', proxyUrl);
  return (input, init) => {
    const request = new Request(input, init);
    const headers = new Headers(request.headers);
    headers.set('forge-proxy-target', request.url);
    const forwarded: RequestInit & { duplex: 'half' } = {
      method: request.method,
      headers,
      // The app's own body when it gave one: a string keeps its Content-Length, as sent directly.
      body: input instanceof Request ? request.body : init?.body,
      redirect: request.redirect,
      signal: request.signal,
      duplex: 'half',
    };
    return send(egress, forwarded);
  };
}
