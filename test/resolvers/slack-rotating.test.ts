// First: the local platform must be installed before the app's code loads @forge/api.
import { call, startAdminApp } from './support';
import type { LocalForge } from '../../local/forge-runtime';
import { answering, type TestServer } from '../support/server';

const ROTATING = 'xoxe.xoxb-1-MS0yLTE3NjUzNjcyNDgxLTE5ODc0Njk4MzIzLXJvdGF0aW5n';

/**
 * A rotating Slack token lives 12 hours and its app replaces it: a stored copy could only ever
 * cry wolf, so the form refuses it with the reason, stores nothing and sends nothing.
 */
describe('a rotating Slack token is refused at save', () => {
  let slack: TestServer;
  let forge: LocalForge;

  beforeAll(async () => {
    slack = await answering(200, { ok: true, user_id: 'U0AB12CDE' });
    forge = await startAdminApp([slack]);
  });
  afterAll(async () => {
    await forge.stop();
    await slack.close();
  });

  it.each(['createIntegration', 'testIntegration'] as const)(
    '%s answers a field error on the secret saying to monitor the refresh token',
    async (key) => {
      const before = forge.kvs.dump();
      const config = { kind: 'slack-token', name: 'Alerts bot', baseUrl: slack.url };
      const answer = await call(forge, key, { config, secret: ROTATING });
      expect(answer.ok).toBe(false);
      if (answer.ok) return;
      expect(answer.error.code).toBe('BAD_INPUT');
      expect(Object.keys(answer.error.fields ?? {})).toEqual(['secret']);
      expect(answer.error.fields?.secret).toMatch(/rotating Slack token .* 12 hours/);
      expect(answer.error.fields?.secret).toMatch(/monitor the refresh token there/);
      expect(JSON.stringify(answer)).not.toContain(ROTATING);
      expect(forge.kvs.dump()).toEqual(before);
      expect(slack.requests).toHaveLength(0);
    },
  );
});
