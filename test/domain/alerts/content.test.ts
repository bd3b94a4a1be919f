import { buildContent, contentText } from '../../../src/domain/alerts/content';
import { evidenceSentence, plainUrl } from '../../../src/domain/alerts/plain-text';
import type { Alert } from '../../../src/domain/alerts/types';
import { renewalGuide } from '../../../src/domain/renewal';
import type { Evidence } from '../../../src/domain/result';
import { at, record, Sweep } from './fixtures';

const ADMIN_URL = 'https://acme.atlassian.net/jira/settings/apps/token-health';
const TOKEN = 'ATATT3xFfGF0s3cr3tT0k3nV4lu3';

const evidence = (extra: Partial<Evidence> = {}): Evidence => ({
  method: 'GET',
  url: 'https://acme.atlassian.net/rest/api/3/myself',
  status: 401,
  durationMs: 120.4,
  headers: {},
  excerpt: '',
  ...extra,
});

const apiToken = record({
  config: {
    kind: 'atlassian-api-token',
    name: 'CI bot',
    baseUrl: 'https://acme.atlassian.net',
    username: 'ci-bot@acme.com',
  },
});

/** The content of the first alert a sweep of the given checks decides. */
function contentOf(sweep: Sweep, pick: (alerts: Alert[]) => Alert | undefined = (a) => a[0]) {
  const alert = pick(sweep.log);
  if (!alert) throw new Error('no alert was decided');
  return buildContent({ alert, record: sweep.rec, status: sweep.status, adminUrl: ADMIN_URL });
}

describe('evidenceSentence()', () => {
  it('says what was asked, what came back and how long it took', () => {
    expect(evidenceSentence(evidence())).toBe(
      'GET https://acme.atlassian.net/rest/api/3/myself answered 401 in 120 ms',
    );
  });

  it('says when no answer came, and why', () => {
    expect(
      evidenceSentence(evidence({ status: null, durationMs: 10_000, error: 'timed out' })),
    ).toBe(
      'GET https://acme.atlassian.net/rest/api/3/myself got no answer after 10000 ms: timed out',
    );
  });

  it('keeps a URL to its scheme, host and path', () => {
    expect(plainUrl(`https://bot:${TOKEN}@api.example.com/v1/me?api_key=${TOKEN}#x`)).toBe(
      'https://api.example.com/v1/me',
    );
    expect(plainUrl('not a url')).toBe('an unreadable URL');
  });

  it('cuts URLs inside an error down to their path too', () => {
    const e = evidence({ status: 302, error: `redirected to https://login.example/?t=${TOKEN}` });
    expect(evidenceSentence(e)).toBe(
      'GET https://acme.atlassian.net/rest/api/3/myself answered 302 in 120 ms: redirected to https://login.example/',
    );
  });
});

describe('buildContent()', () => {
  it('says what broke, since when, the evidence, what to do and where', () => {
    const sweep = new Sweep(apiToken);
    sweep.check('healthy', at(-5));
    sweep.check('rejected', at(0), {
      message: 'the token is no longer accepted (401)',
      evidence: [evidence()],
    });
    const content = contentOf(sweep);
    expect(content).toEqual({
      title: 'CI bot: its credential is refused',
      name: 'CI bot',
      severity: 'critical',
      summary:
        'The latest check (2026-11-23 12:00 UTC) said: the token is no longer accepted (401).',
      since: 'Failing since 2026-11-23 12:00 UTC; it last worked at 2026-11-23 07:00 UTC.',
      evidence: ['GET https://acme.atlassian.net/rest/api/3/myself answered 401 in 120 ms'],
      expiresAt: null,
      daysLeft: null,
      lastSuccessAt: at(-5).toISOString(),
      action: expect.stringContaining('Replace the credential'),
      renewal: expect.objectContaining({
        steps: renewalGuide(apiToken.config, 'CI bot').steps,
      }),
      adminUrl: ADMIN_URL,
    });
    expect(content.renewal!.steps.join(' ')).toContain('ci-bot@acme.com');
  });

  it('gives days left and the renewal steps for an expiry warning', () => {
    const sweep = new Sweep(apiToken);
    const expiresAt = at(5 * 24 + 1).toISOString();
    sweep.check('expiring', at(0), { expiresAt });
    const content = contentOf(sweep);
    expect(content.title).toBe('CI bot: its credential expires in 5 days (2026-11-28)');
    expect(content).toMatchObject({ daysLeft: 5, expiresAt, since: null, severity: 'warning' });
    expect(content.renewal?.title).toBe('Create a new Atlassian API token');
  });

  it('counts how long a reminder and an escalation come after the opening', () => {
    const sweep = new Sweep(apiToken, {
      warnDays: [30],
      reminderHours: 24,
      escalateAfterHours: 24,
      maintenance: [],
    });
    sweep.check('rejected', at(0));
    sweep.decide(at(24));
    expect(contentOf(sweep, (a) => a[1]).title).toBe(
      'Still failing for 24 hours: CI bot: its credential is refused',
    );
    expect(contentOf(sweep, (a) => a[2]).title).toBe(
      'Escalated after 24 hours: CI bot: its credential is refused',
    );
  });

  it('says what a recovery ends, with no steps left to take', () => {
    const sweep = new Sweep(apiToken);
    sweep.check('anonymous', at(0));
    sweep.check('healthy', at(50));
    const content = contentOf(sweep, (a) => a.find((x) => x.kind === 'recovery'));
    expect(content).toMatchObject({
      title: 'Recovered: CI bot works again after 2 days',
      severity: 'ok',
      since: 'It failed from 2026-11-23 12:00 UTC to 2026-11-25 14:00 UTC (2 days).',
      action: 'Nothing to do.',
      renewal: null,
    });
    expect(content.summary).toMatch(/^It had failed because its credential is silently ignored/);
  });

  it.each([
    ['locked', /browser/],
    ['unexpected-response', /base URL/],
    ['not-allowed', /manifest\.yml/],
  ] as const)(
    'advises on %s without renewal steps: a new token would not help',
    (verdict, advice) => {
      const sweep = new Sweep(apiToken);
      sweep.check(verdict, at(0));
      const content = contentOf(sweep);
      expect(content.action).toMatch(advice);
      expect(content.renewal).toBeNull();
    },
  );

  it('never carries a secret or a header value', () => {
    const sweep = new Sweep(apiToken);
    sweep.check('anonymous', at(0), {
      message: `served as anonymous; see https://acme.atlassian.net/login?token=${TOKEN}`,
      evidence: [
        evidence({
          url: `https://acme.atlassian.net/rest/api/3/project?access_token=${TOKEN}`,
          status: 200,
          headers: {
            'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED',
            'X-Debug-Token': TOKEN,
            'Set-Cookie': `session=${TOKEN}`,
          },
          excerpt: `{"token":"${TOKEN}"}`,
          error: `retried with https://acme.atlassian.net/?key=${TOKEN}`,
        }),
      ],
    });
    const content = contentOf(sweep);
    const everything = `${JSON.stringify(content)}\n${contentText(content)}`;
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain('AUTHENTICATED_FAILED');
    expect(everything).not.toMatch(/cookie/i);
    expect(content.evidence).toEqual([
      'GET https://acme.atlassian.net/rest/api/3/project answered 200 in 120 ms: retried with https://acme.atlassian.net/',
    ]);
  });
});

describe('contentText()', () => {
  it('puts every part in one readable body, ending with the admin page', () => {
    const sweep = new Sweep(apiToken);
    sweep.check('rejected', at(0), { evidence: [evidence()] });
    const text = contentText(contentOf(sweep));
    expect(text).toMatch(/^CI bot: its credential is refused\n\n/);
    expect(text).toContain(
      'Evidence:\n- GET https://acme.atlassian.net/rest/api/3/myself answered 401',
    );
    expect(text).toContain('Create a new Atlassian API token:\n1. Sign in to id.atlassian.com');
    expect(text.endsWith(`Open Token Health: ${ADMIN_URL}`)).toBe(true);
  });
});
