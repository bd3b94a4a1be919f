// First: the local platform must be installed before the app's code loads @forge/api.
import { AlertWorld } from '../support/alert-world';
import { record, seed } from '../support/app';
import { fakeDateOnly } from '../support/clock';
import { bearerToken, startServer, type TestServer } from '../support/server';

/** A GitHub classic token: ghp_ and 36 base62 characters. */
const TOKEN = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
/** No piece of the token this long may show anywhere: shorter ones tell too little (see RUN). */
const N = 8;
const T0 = Date.parse('2026-11-23T12:00:00Z');

/** The token's spellings the app might quote: as is, and base64 at each of its alignments. */
function spellings(secret: string): string[] {
  return [0, 1, 2]
    .flatMap((pad) => {
      const b64 = Buffer.from(`${'\0'.repeat(pad)}${secret}`).toString('base64');
      const stable = b64.slice(
        Math.ceil((pad * 8) / 6),
        Math.floor(((pad + secret.length) * 8) / 6),
      );
      return [stable, stable.replace(/\+/g, '-').replace(/\//g, '_')];
    })
    .concat(secret);
}

/** Every run of N characters of every spelling that stands in `text`. */
function runsIn(text: string): string[] {
  const found = new Set<string>();
  for (const spelling of spellings(TOKEN)) {
    for (let at = 0; at + N <= spelling.length; at += 1) {
      const piece = spelling.slice(at, at + N);
      if (text.includes(piece)) found.add(piece);
    }
  }
  return [...found];
}

const b64 = (s: string) => Buffer.from(s).toString('base64');
/** JSON's \u escape of every character, as a serializer with ASCII-only output writes it. */
const uEscaped = (s: string) =>
  [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

/**
 * What the echo service puts in its `token` field, one per path: the whole token at offsets
 * around the 60-character quote the app cuts, and pieces of it (prefixes, suffixes, middles of
 * N characters and more), as is, URL-encoded, in base64 and inside a Basic `user:token`.
 */
function echoes(): string[] {
  const pieces = [
    TOKEN,
    TOKEN.slice(0, N),
    TOKEN.slice(0, 20),
    TOKEN.slice(-N),
    TOKEN.slice(-21),
    TOKEN.slice(13, 13 + N),
    TOKEN.slice(7, 30),
  ];
  const filler = (n: number) => 'x '.repeat(n).slice(0, n);
  return [
    ...[0, 17, 29, 38, 45, 52, 57, 61].map((at) => `${filler(at)}${TOKEN} and more words after it`),
    ...pieces.map((p) => `expires ${p}`),
    ...pieces.map((p) => `${filler(41)}${encodeURIComponent(p)}&x=1`),
    ...pieces.map((p) => `${filler(33)}${b64(p)}`),
    `${filler(30)}Basic ${b64(`ci-bot@acme.com:${TOKEN}`)}`,
  ];
}

describe('a service that echoes the token, or pieces of it, where the app quotes it', () => {
  const variants = echoes();
  let echo: TestServer;
  let world: AlertWorld;
  const logged: string[] = [];

  beforeAll(async () => {
    fakeDateOnly(T0);
    /**
     * Like httpbin's GET /bearer (https://httpbin.org/#/Auth/get_bearer): 200 with
     * {"authenticated": true, "token": <the bearer token>} — here the echoed text of the path's
     * variant, in a JSON body whose strings are \u-escaped, and in a header too.
     */
    echo = await startServer((req, res) => {
      const n = Number(req.path.split('/').pop());
      const said = bearerToken(req) === TOKEN ? (variants[n] ?? '') : '';
      const headerSafe = said.replace(/[^\x20-\x7e]/g, '?');
      res.writeHead(200, { 'Content-Type': 'application/json', 'X-Token-Expires': headerSafe });
      res.end(`{"authenticated": true, "token": "${uEscaped(said)}"}`);
    });
    world = await AlertWorld.start([echo]);
    for (const method of ['log', 'warn', 'error', 'info'] as const) {
      jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(' '));
      });
    }
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await world.stop();
    await echo.close();
    jest.useRealTimers();
  });

  /** The admin pointed the expiry at the field that echoes the token: the app quotes the value. */
  const config = (n: number, where: 'json' | 'header') => ({
    kind: 'http' as const,
    name: `Echo ${n}`,
    url: `${echo.url}/bearer/${n}`,
    expectJsonPointer: '/authenticated',
    ...(where === 'json' ? { expiryJsonPointer: '/token' } : { expiryHeader: 'X-Token-Expires' }),
  });

  // One sweep, a Test per variant and every channel (about 60 checks): a busy shared CI machine
  // needs longer than the default 20 s. A bound, not a measurement.
  it('shows no run of the token in the status, history, answers, alert payloads or logs', async () => {
    await world.everyChannel();
    const ids = variants.flatMap((_, n) => [`json-${n}`, `header-${n}`]);
    await seed(
      world.forge,
      ids.map((id) => {
        const [where, n] = id.split('-') as ['json' | 'header', string];
        return { record: record(id, config(Number(n), where), { interval: '1h' }), secret: TOKEN };
      }),
    );
    await world.sweep();

    const answers: unknown[] = [];
    for (const id of ids) answers.push(await world.answer('getIntegration', { id }));
    answers.push(await world.answer('getOverview', {}));
    for (const n of variants.keys()) {
      answers.push(
        await world.answer('testIntegration', { config: config(n, 'json'), secret: TOKEN }),
      );
    }
    answers.push(await world.answer('checkNow', { id: 'json-0' }));
    // Secrets are stored as Forge secrets, for the probe alone: everything else must be clean.
    const { values, entities } = world.forge.kvs.dump();
    const sent = [world.slack, world.teams, world.hook, world.jira.calls, world.jira.mails];
    const everything = JSON.stringify({ answers, values, entities, sent, logged });

    // The probes did quote the echoes: the test would prove nothing otherwise.
    expect(echo.requests.length).toBe(ids.length + variants.length + 1);
    expect(everything).toContain('which is not a date');
    expect(world.hook.length).toBe(ids.length);
    expect(everything).toContain('[redacted]');
    expect(runsIn(everything)).toEqual([]);
  }, 90_000);
});
