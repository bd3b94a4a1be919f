// First: the local platform must be installed before the app's code loads @forge/api.
import { call, data, startAdminApp } from './support';
import type { LocalForge } from '../../local/forge-runtime';
import { answering, type TestServer } from '../support/server';
import { fakeDateOnly } from '../support/clock';
import { overviewOf } from '../../src/frontend/overview-pages';

/** The app's clock is fixed here, so the calendar dates below stay where they are. */
const NOW = Date.parse('2027-03-10T12:00:00Z');
const POLICY = {
  reminderHours: 24,
  escalateAfterHours: null,
  digestHour: 8,
  digestTimeZone: 'UTC',
};
const once = (start: string, end: string) => ({ kind: 'once', start, end });

describe('dates already past', () => {
  let server: TestServer;
  let forge: LocalForge;
  let id: string;

  beforeAll(async () => {
    fakeDateOnly(NOW);
    server = await answering(200, { login: 'ci-bot', id: 1 });
    forge = await startAdminApp([server]);
    const config = { kind: 'github-token', name: 'CI bot', baseUrl: server.url };
    ({ id } = await data(forge, 'createIntegration', { config, secret: 'ghp_pastDates0001' }));
  });
  afterAll(async () => {
    await forge.stop();
    await server.close();
    jest.useRealTimers();
  });

  it('refuses a snooze to a day that has begun, by the app’s clock, in plain words', async () => {
    for (const until of ['2027-03-10', '2027-03-09T23:00:00Z']) {
      expect(await call(forge, 'snooze', { id, until })).toEqual({
        ok: false,
        error: {
          code: 'BAD_INPUT',
          message: 'Some fields need fixing.',
          fields: { until: 'Snooze until: that day has already begun; choose tomorrow or later' },
        },
      });
    }
    expect(await data(forge, 'snooze', { id, until: '2027-03-11' })).toMatchObject({
      snoozedUntil: '2027-03-11T00:00:00.000Z',
    });
  });

  it('refuses a one-off maintenance window that has ended, naming the window and its field', async () => {
    const maintenance = [
      once('2027-03-10T08:00:00Z', '2027-03-10T14:00:00Z'),
      once('2027-03-01T08:00:00Z', '2027-03-02T08:00:00Z'),
    ];
    const answer = await call(forge, 'saveAlertPolicy', { ...POLICY, maintenance });
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_INPUT',
        fields: {
          'maintenance.1.end':
            'Ends: that time has passed; choose a later end, or remove the window',
        },
      },
    });
    expect(answer.ok || Object.keys(answer.error.fields ?? {})).toEqual(['maintenance.1.end']);
    // One under way still holds alerts back: only its end must be ahead.
    const saved = await data(forge, 'saveAlertPolicy', {
      ...POLICY,
      maintenance: [maintenance[0]],
    });
    expect(saved.maintenance).toHaveLength(1);
  });

  const EXPIRY_PAST =
    'Expiry date: that date has passed (a day alone counts from 00:00 UTC); enter the day the credential really expires, or leave it empty';

  it('refuses a typed expiry date already passed in create, update and Test, in plain words, changing nothing', async () => {
    const before = await data(forge, 'getIntegration', { id });
    const audit = (await data(forge, 'getAuditLog', {})).entries.length;
    const requests = server.requests.length;
    for (const expiresAt of ['2027-03-10', '2027-03-09T23:00:00Z']) {
      const config = { kind: 'github-token', name: 'CI bot', baseUrl: server.url, expiresAt };
      const answers = [
        await call(forge, 'createIntegration', { config, secret: 'ghp_pastDates0002' }),
        await call(forge, 'updateIntegration', { id, config }),
        await call(forge, 'testIntegration', { config, secret: 'ghp_pastDates0002' }),
      ];
      for (const answer of answers) {
        expect(answer).toEqual({
          ok: false,
          error: {
            code: 'BAD_INPUT',
            message: 'Some fields need fixing.',
            fields: { 'config.expiresAt': EXPIRY_PAST },
          },
        });
      }
    }
    expect(await data(forge, 'getIntegration', { id })).toEqual(before);
    expect(overviewOf(await data(forge, 'getOverview', {})).integrations).toHaveLength(1);
    expect((await data(forge, 'getAuditLog', {})).entries).toHaveLength(audit);
    expect(server.requests.length).toBe(requests);
    const config = { kind: 'github-token', name: 'CI bot', baseUrl: server.url };
    const tomorrow = { ...config, expiresAt: '2027-03-11' };
    expect(await data(forge, 'updateIntegration', { id, config: tomorrow })).toMatchObject({
      expiresAt: '2027-03-11',
    });
  });
});
