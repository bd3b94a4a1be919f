import { buildContent } from '../../src/domain/alerts/content';
import type { Alert } from '../../src/domain/alerts/types';
import type { Evidence } from '../../src/domain/result';
import type { Verdict } from '../../src/domain/verdict';
import type { FetchLike } from '../../src/http/client';
import type { ChannelBase } from '../../src/domain/channels';
import type { JiraPort, Notification, SendContext } from '../../src/notify/types';
import { at, DAY, record, Sweep, T0 } from '../domain/alerts/fixtures';
import type { TestServer } from '../support/server';

export { at, DAY, T0 };

export const ADMIN_URL = 'https://acme.atlassian.net/jira/settings/apps/token-health';
export const OWNER = '5b10ac8d82e05b22cc7d4ef5';
export const NOW = at(0);

const evidence: Evidence = {
  method: 'GET',
  url: 'https://acme.atlassian.net/rest/api/3/myself',
  status: 401,
  durationMs: 120,
  headers: {},
  excerpt: '',
};

export const base = <T extends ChannelBase['type']>(type: T) => ({
  id: `ch-${type}`,
  type,
  name: `The ${type} channel`,
  enabled: true,
  role: 'primary' as const,
  digest: false,
});

/** An Atlassian API token integration, owned, walked through checks by the real alert policy. */
export function sweep(ownerAccountId: string | null = OWNER): Sweep {
  return new Sweep(
    record({
      ownerAccountId,
      config: {
        kind: 'atlassian-api-token',
        name: 'CI bot',
        baseUrl: 'https://acme.atlassian.net',
        username: 'ci-bot@acme.com',
      },
    }),
  );
}

/** The notification for an alert, with the content the policy's status gives it right now. */
export function notify(s: Sweep, alert: Alert, extra: Partial<Notification> = {}): Notification {
  const content = buildContent({ alert, record: s.rec, status: s.status, adminUrl: ADMIN_URL });
  const name = s.rec.config.name ?? s.rec.id;
  return { alert, content, integrationName: name, ownerAccountId: s.rec.ownerAccountId, ...extra };
}

/** Runs one check and returns the only alert it decided. */
export function only(s: Sweep, verdict: Verdict, when: Date, expiresAt?: string): Alert {
  const alerts = s.check(verdict, when, {
    evidence: [evidence],
    ...(expiresAt ? { expiresAt } : {}),
  });
  if (alerts.length !== 1) throw new Error(`expected one alert, got ${alerts.length}`);
  return alerts[0]!;
}

/** A failure alert with the content of a rejected credential: enough for the HTTP channels. */
export function failureNotification(): Notification {
  const s = sweep();
  return notify(s, only(s, 'rejected', at(0)));
}

export function expiringNotification(): Notification {
  const s = sweep();
  return notify(s, only(s, 'expiring', at(0), new Date(T0 + 5 * DAY).toISOString()));
}

const noJira: JiraPort = () => Promise.reject(new Error('this channel must not call Jira'));
const noFetch: FetchLike = () => Promise.reject(new Error('this channel must not fetch'));

export function context(extra: Partial<SendContext> = {}): SendContext {
  return { fetch: noFetch, jira: noJira, now: NOW, ...extra };
}

/**
 * Node's fetch, with every request for the real service's host sent to the local server standing
 * in for it (same path and query). `targets` keeps the URLs the channel asked for.
 */
export function routedTo(server: TestServer, targets: string[] = []): FetchLike {
  return (url, init) => {
    targets.push(url);
    const { pathname, search } = new URL(url);
    return fetch(`${server.url}${pathname}${search}`, init) as unknown as ReturnType<FetchLike>;
  };
}
