/**
 * Warnings about consumer keys nearing their end: the app watches its own credentials too. Pure.
 * Each threshold fires once per key and expiry date; an expired, revoked or rotated-away key says
 * nothing more (the rotation chose its end).
 */
import type { AlertContent } from './alerts/content';
import { expiryText, timeText } from './alerts/plain-text';
import type { Alert } from './alerts/types';
import { keyState, type ConsumerKey } from './consumer-keys';
import { DAY_MS } from './expiry';

/** The thresholds (days) already queued for one expiry date of a key: a new date starts over. */
export interface KeyWarned {
  expiresAt: string;
  fired: number[];
}

export interface WatchedKey {
  key: ConsumerKey;
  integrationName: string;
  /** The integration's own warning days, else the app's. */
  warnDays: readonly number[];
  warned: KeyWarned | null;
  /** A newer key replaced it by rotation. */
  replaced: boolean;
}

export interface KeyWarning {
  alert: Alert;
  watched: WatchedKey;
  /** What to remember once the warning is queued. */
  warned: KeyWarned;
}

/** Like an integration id, the alert's subject id finds the key's own Jira issue again. */
export const keySubjectId = (key: ConsumerKey) => `consumer-key-${key.id}`;

/** `consumer key "CI deploy" of "Kept grant"`: how every message names a key. Never the key. */
export const keyName = (w: Pick<WatchedKey, 'key' | 'integrationName'>) =>
  `consumer key "${w.key.name}" of "${w.integrationName}"`;

function warningOf(w: WatchedKey, now: Date): (KeyWarning & { msLeft: number }) | null {
  const { key } = w;
  if (w.replaced || keyState(key, now) !== 'active') return null;
  const msLeft = Date.parse(key.expiresAt) - now.getTime();
  const crossed = w.warnDays.filter((d) => d > 0 && msLeft <= d * DAY_MS);
  if (crossed.length === 0) return null;
  const smallest = Math.min(...crossed);
  const before = w.warned?.expiresAt === key.expiresAt ? w.warned.fired : [];
  if (before.includes(smallest)) return null;
  const fired = [...new Set([...before, ...crossed])].sort((a, b) => b - a);
  const subject = keySubjectId(key);
  const alert: Alert = {
    kind: 'expiring',
    integrationId: subject,
    idempotencyKey: `${subject}:expiring:${key.expiresAt}:${smallest}`,
    severity: msLeft <= DAY_MS ? 'critical' : 'warning',
    channels: 'primary',
    at: now.toISOString(),
    verdict: 'expiring',
    threshold: smallest,
    expiresAt: key.expiresAt,
    subject: keyName(w),
  };
  return { alert, watched: w, warned: { expiresAt: key.expiresAt, fired }, msLeft };
}

/** At most `limit` warnings, the keys ending soonest first; the rest wait for the next watch. */
export function decideKeyWarnings(
  watched: readonly WatchedKey[],
  now: Date,
  limit: number,
): KeyWarning[] {
  return watched
    .map((w) => warningOf(w, now))
    .filter((w): w is KeyWarning & { msLeft: number } => w !== null)
    .sort((a, b) => a.msLeft - b.msLeft)
    .slice(0, limit)
    .map(({ alert, watched: w, warned }) => ({ alert, watched: w, warned }));
}

function lastDraw(key: ConsumerKey): string {
  return key.lastDrawAt ? `last drew a token ${timeText(key.lastDrawAt)}` : 'has not drawn yet';
}

/** The message about one key: which key of which integration, when it ends, how to rotate it. */
export function keyContent(warning: KeyWarning, adminUrl: string): AlertContent {
  const { alert, watched } = warning;
  const { key } = watched;
  const daysLeft = Math.floor((Date.parse(key.expiresAt) - Date.parse(alert.at)) / DAY_MS);
  const name = keyName(watched);
  return {
    title: `${name[0]?.toUpperCase()}${name.slice(1)} ${expiryText(daysLeft, key.expiresAt)}`,
    name,
    severity: alert.severity,
    summary: `It lets a script or service draw access tokens of "${watched.integrationName}" from Token Health; it ${lastDraw(key)}.`,
    since: null,
    evidence: [],
    expiresAt: key.expiresAt,
    daysLeft,
    lastSuccessAt: null,
    action:
      'Rotate it before it expires: from then on every draw with it is refused, and whatever uses it gets no token.',
    renewal: {
      title: 'Rotate the consumer key',
      steps: [
        `Open "${watched.integrationName}" on the Token Health admin page and choose Rotate on the key "${key.name}"; pick how long the old key keeps working.`,
        'Put the new key where the consumer reads it (TOKEN_HEALTH_CONSUMER_KEY for the token-health command).',
        'The old key stops at the end of the overlap.',
      ],
      links: [{ label: 'Token Health admin page', url: adminUrl }],
    },
    adminUrl,
  };
}
