import { startFixture } from './fixture';
import type { LocalForge } from '../../../local/forge-runtime';
import { startServer, type TestServer } from '../../support/server';

let forge: LocalForge;
let allowed: TestServer;
let undeclared: TestServer;

type FetchResult = { status: number; proxyError: string | null; text: string };

beforeAll(async () => {
  allowed = await startServer((req, res) => {
    if (req.path === '/hop-out') {
      res.writeHead(302, { location: `${undeclared.url}/landed` });
      res.end();
      return;
    }
    res.end(`ok ${req.path}`);
  });
  undeclared = await startServer((_req, res) => {
    res.end('should never be reached');
  });
});
afterAll(async () => {
  await allowed.close();
  await undeclared.close();
});

beforeEach(async () => {
  ({ forge } = await startFixture({ extraEgress: [allowed.url] }));
});
afterEach(() => forge.stop());

const fetchVia = (url: string, count = 1) =>
  forge.invokeResolver('resolver', {
    call: { functionKey: 'fetch', payload: { url, count } },
  }) as Promise<FetchResult[]>;

const refusal = (url: string) =>
  `URL not included in the external fetch backend permissions: ${url}. Visit go.atlassian.com/forge-egress for more information.`;

test('a declared host is fetched for real', async () => {
  expect(await fetchVia(`${allowed.url}/a`)).toEqual([
    { status: 200, proxyError: null, text: 'ok /a' },
  ]);
});

test('an undeclared host resolves 403 with the platform’s text, without any network request', async () => {
  const url = `${undeclared.url}/x`;
  expect(await fetchVia(url)).toEqual([{ status: 403, proxyError: null, text: refusal(url) }]);
  expect(undeclared.requests).toHaveLength(0);
});

test('a redirect to an undeclared host is refused at the hop', async () => {
  const [result] = await fetchVia(`${allowed.url}/hop-out`);
  expect(result).toEqual({
    status: 403,
    proxyError: null,
    text: refusal(`${undeclared.url}/landed`),
  });
  expect(undeclared.requests).toHaveLength(0);
});

test('the 101st request of an invocation gets 429 FETCH_LIMIT_EXCEEDED', async () => {
  const results = await fetchVia(`${allowed.url}/n`, 102);
  expect(results.slice(0, 100).every((r) => r.status === 200)).toBe(true);
  expect(results.slice(100).map((r) => [r.status, r.proxyError])).toEqual([
    [429, 'FETCH_LIMIT_EXCEEDED'],
    [429, 'FETCH_LIMIT_EXCEEDED'],
  ]);
  expect(allowed.requests.filter((r) => r.path === '/n')).toHaveLength(100);
  expect(forge.invocations[0]!.outboundRequests).toBe(102);
  // The budget is per invocation: the next one starts afresh.
  expect((await fetchVia(`${allowed.url}/again`))[0]!.status).toBe(200);
});

describe('matching rules (FORGE-PLATFORM.md 1.2)', () => {
  const seen: string[] = [];
  beforeEach(async () => {
    await forge.stop();
    seen.length = 0;
    ({ forge } = await startFixture({
      outboundFetch: async (input) => {
        seen.push(String(input));
        return new Response('stubbed');
      },
    }));
  });

  test.each([
    ['https://api.github.com/user', 200],
    ['https://API.GitHub.com:443/user', 200], // normalised by URL first
    ['http://api.github.com/user', 403], // protocol must match
    ['https://api.github.com:8443/user', 403], // the port is part of the hostname
    ['https://x.allowed.test/a', 200], // '*.allowed.test'
    ['https://a.b.allowed.test/a', 200],
    ['https://allowed.test/a', 403],
    ['https://evil.example.com/', 403],
  ])('%s → %i', async (url, status) => {
    expect((await fetchVia(url))[0]!.status).toBe(status);
    expect(seen).toHaveLength(status === 200 ? 1 : 0);
  });
});

test('outside an invocation fetch is Node’s own (test servers stay reachable)', async () => {
  const res = await fetch(`${undeclared.url}/direct`);
  expect(await res.text()).toBe('should never be reached');
});

describe('through an egress proxy, as on Forge (FORGE-PLATFORM.md 2.3)', () => {
  let proxy: TestServer;
  beforeEach(async () => {
    await forge.stop();
    // Stands in for Forge's proxy: answers for the target named in forge-proxy-target.
    proxy = await startServer((req, res) => {
      const target = new URL(String(req.headers['forge-proxy-target']));
      if (target.pathname === '/hop-out') {
        res.writeHead(302, { location: `${undeclared.url}/landed` });
        return void res.end();
      }
      if (target.pathname === '/hop') {
        res.writeHead(302, { location: `${allowed.url}/after-hop` });
        return void res.end();
      }
      const length = req.headers['content-length'];
      const sent = req.body ? ` ${req.body} (${length ?? 'no'} bytes)` : '';
      res.end(`proxied ${req.method} ${target.pathname}${sent}`);
    });
    ({ forge } = await startFixture({ extraEgress: [allowed.url], egressProxy: proxy.url }));
  });
  afterEach(() => proxy.close());

  const targets = () => proxy.requests.map((r) => [r.path, r.headers['forge-proxy-target']]);

  test('a declared host is asked through <proxy>/egress with the target in a header', async () => {
    expect(await fetchVia(`${allowed.url}/a?b=1`)).toEqual([
      { status: 200, proxyError: null, text: 'proxied GET /a' },
    ]);
    expect(targets()).toEqual([['/egress', `${allowed.url}/a?b=1`]]);
    expect(allowed.requests.filter((r) => r.path === '/a?b=1')).toHaveLength(0);
  });

  test('a request body reaches the proxy as the app sent it, its length declared', async () => {
    const answer = (await forge.invokeResolver('resolver', {
      call: { functionKey: 'fetch', payload: { url: `${allowed.url}/post`, body: 'a=1&b=2' } },
    })) as FetchResult[];
    expect(answer).toEqual([
      { status: 200, proxyError: null, text: 'proxied POST /post a=1&b=2 (7 bytes)' },
    ]);
  });

  test('an undeclared host is refused before the proxy sees anything', async () => {
    const url = `${undeclared.url}/x`;
    expect(await fetchVia(url)).toEqual([{ status: 403, proxyError: null, text: refusal(url) }]);
    expect(proxy.requests).toHaveLength(0);
  });

  test('each redirect hop goes through the proxy and is checked against the allow-list', async () => {
    expect(await fetchVia(`${allowed.url}/hop`)).toEqual([
      { status: 200, proxyError: null, text: 'proxied GET /after-hop' },
    ]);
    const [refused] = await fetchVia(`${allowed.url}/hop-out`);
    expect(refused?.status).toBe(403);
    expect(targets().map(([, target]) => target)).toEqual([
      `${allowed.url}/hop`,
      `${allowed.url}/after-hop`,
      `${allowed.url}/hop-out`,
    ]);
  });
});
