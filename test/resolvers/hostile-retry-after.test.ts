// First: the local platform must be installed before the app's code loads @forge/api.
import { data, startAdminApp } from './support';
import type { LocalForge } from '../../local/forge-runtime';
import type { IntegrationStatus } from '../../src/domain/schedule';
import { sendJson, startServer, type TestServer } from '../support/server';

const TOKEN = 'ghp_hostileRetryAfter000000000000001';
const DAY_MS = 86_400_000;

/**
 * GitHub answers a secondary rate limit with 429 (or 403) and a `retry-after` header in seconds,
 * and a primary one with `x-ratelimit-remaining: 0` and `x-ratelimit-reset` in epoch seconds:
 * https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api
 * Here the values are hostile, as a compromised or broken server could send them.
 */
describe('Check now on a service answering hostile rate-limit headers', () => {
  let github: TestServer;
  let forge: LocalForge;
  let headers: Record<string, string> = {};

  beforeAll(async () => {
    github = await startServer((_req, res) => {
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      sendJson(res, 429, {
        message: 'You have exceeded a secondary rate limit.',
        documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
      });
    });
    forge = await startAdminApp([github]);
  });
  afterAll(async () => {
    await forge.stop();
    await github.close();
  });

  it.each([
    ['Retry-After: 99999999999', { 'retry-after': '99999999999' }],
    ['Retry-After: 40 nines', { 'retry-after': '9'.repeat(40) }],
    ['Retry-After: -5', { 'retry-after': '-5' }],
    ['Retry-After: NaN', { 'retry-after': 'NaN' }],
    ['Retry-After at the end of time', { 'retry-after': 'Fri, 31 Dec 9999 23:59:59 GMT' }],
    ['X-RateLimit-Reset: 1e308', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1e308' }],
    [
      'X-RateLimit-Reset far ahead',
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '9'.repeat(30) },
    ],
  ])('%s: answers rate-limited and checks again within a day', async (_what, hostile) => {
    headers = hostile;
    const { id } = await data(forge, 'createIntegration', {
      config: { kind: 'github-token', name: 'CI bot', baseUrl: github.url },
      secret: TOKEN,
    });
    const row = await data(forge, 'checkNow', { id });
    expect(row.verdict).toBe('rate-limited');
    const status = forge.kvs.get(`status:${id}`) as IntegrationStatus;
    const dates = [status.nextDueAt, status.retryAfterUntil].filter((d): d is string => !!d);
    for (const date of dates) {
      expect(Number.isNaN(Date.parse(date))).toBe(false);
      expect(Date.parse(date) - Date.now()).toBeLessThanOrEqual(DAY_MS + 60_000);
    }
    expect(JSON.stringify(row)).not.toMatch(/Invalid Date|NaN|Infinity/);
  });
});
