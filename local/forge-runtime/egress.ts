import type { FetchInput } from './platform';

/**
 * The backend egress allow-list, matched the way @forge/egress's EgressFilteringService.isValidUrl
 * matches (FORGE-PLATFORM.md 1.2): protocol (default https:) plus hostname *including* any port,
 * exact, or a glob when the entry's hostname starts with '*'; '*' alone allows everything.
 * The request URL is normalised by WHATWG URL first (lower-case host, default port dropped).
 */
export class EgressPolicy {
  private readonly exact: ParsedUrl[];
  private readonly globs: { protocol: string; regex: RegExp }[];
  private readonly everything: boolean;

  constructor(entries: string[]) {
    this.everything = entries.includes('*');
    const parsed = entries.filter((e) => e !== '*').map(parseUrl);
    this.exact = parsed.filter((p) => !p.hostname.startsWith('*'));
    this.globs = parsed
      .filter((p) => decodeURIComponent(p.hostname).startsWith('*'))
      .map((p) => ({ protocol: p.protocol, regex: globToRegex(decodeURIComponent(p.hostname)) }));
  }

  allows(url: string): boolean {
    if (this.everything) return true;
    const target = parseUrl(url);
    return (
      this.exact.some((a) => a.protocol === target.protocol && a.hostname === target.hostname) ||
      this.globs.some((g) => g.protocol === target.protocol && g.regex.test(target.hostname))
    );
  }
}

interface ParsedUrl {
  protocol: string;
  hostname: string;
}

// Same text rules as @forge/egress url-parser.js: not WHATWG URL.
function parseUrl(url: string): ParsedUrl {
  const protocol = /^(.*?:)/.exec(url)?.[0] ?? 'https:';
  const rest = url.replace(protocol, '').replace(/^\/*/, '').replace(/^\\*/, '');
  // split() always yields a first element, so the hostname is the text before any ? # or /.
  const [hostname = ''] = rest.split(/[?#/]/, 1);
  return { protocol, hostname };
}

function globToRegex(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace(/\*/g, '.*')}$`);
}

/** The refusal an app sees for an undeclared host: a 403 Response, not a thrown error (2.3). */
export function egressRefusal(url: string): Response {
  return new Response(
    `URL not included in the external fetch backend permissions: ${url}. Visit go.atlassian.com/forge-egress for more information.`,
    { status: 403, headers: { 'content-type': 'text/plain' } },
  );
}

/** The 101st network request of an invocation (FORGE-PLATFORM.md 8, ECO-491). */
export function fetchLimitExceeded(): Response {
  return new Response('Too many requests: the invocation exceeded its network request limit', {
    status: 429,
    headers: { 'forge-proxy-error': 'FETCH_LIMIT_EXCEEDED', 'content-type': 'text/plain' },
  });
}

/** The absolute URL a fetch call targets, normalised; undefined if it is not a valid URL. */
export function targetUrl(input: FetchInput): string | undefined {
  const raw = input instanceof Request ? input.url : String(input);
  try {
    return new URL(raw).href;
  } catch {
    return undefined;
  }
}
