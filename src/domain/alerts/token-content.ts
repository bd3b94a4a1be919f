import { DAY_MS } from '../expiry';
import { tokenName } from '../inventory-alerts';
import { isUnreadable, type OrgToken } from '../inventory';
import type { AlertContent } from './content';
import { expiryText, timeText } from './plain-text';
import type { Alert } from './types';

export interface TokenContentInput {
  alert: Alert;
  token: OrgToken;
  adminUrl: string;
  /** Where an org admin revokes the token on admin.atlassian.com. */
  revokeUrl: string;
}

/** Where a user manages their own API tokens: the owner renews here, not the org admin. */
const OWN_TOKENS_URL = 'https://id.atlassian.com/manage-profile/security/api-tokens';

function titleOf(alert: Alert, name: string, daysLeft: number | null): string {
  if (alert.kind === 'recovery') return `Revoked: ${name} is gone, no more warnings about it`;
  if (daysLeft === null || !alert.expiresAt) return `${name} expires soon`;
  return `${name} ${expiryText(daysLeft, alert.expiresAt)}`;
}

/** Last use: a date, "never used", or unknown when the listing gave a date no one can read. */
function usedOf(t: OrgToken): string {
  if (t.lastActiveAt) return `last used ${timeText(t.lastActiveAt)}`;
  return isUnreadable(t, 'lastActiveAt') ? 'last use unknown' : 'never used';
}

function summaryOf(t: OrgToken): string {
  const owner = t.owner.email ? `${t.owner.name} <${t.owner.email}>` : t.owner.name;
  const created = t.createdAt ? `Created ${timeText(t.createdAt)}` : 'Creation date unknown';
  const blocked = t.status === 'BLOCKED' ? ' It is blocked in Atlassian Administration.' : '';
  return `Owner: ${owner || 'unknown'}. ${created}, ${usedOf(t)}.${blocked}`;
}

function renewalOf(alert: Alert, t: OrgToken, revokeUrl: string): AlertContent['renewal'] {
  if (alert.kind === 'recovery') return null;
  const own = t.kind === 'api-token';
  return {
    title: own ? 'Replace the API token' : 'Replace the API key',
    steps: [
      own
        ? `${t.owner.name || 'The owner'} creates a new API token at ${OWN_TOKENS_URL}.`
        : 'An org admin creates a new API key in Atlassian Administration (Settings › API keys).',
      'Put the new one wherever the old one is used (scripts, CI secrets, integrations).',
      'Check that those work, then revoke the old one.',
    ],
    links: [
      ...(own ? [{ label: 'Your API tokens', url: OWN_TOKENS_URL }] : []),
      { label: 'Revoke in Atlassian Administration', url: revokeUrl },
    ],
  };
}

function actionOf(gone: boolean, daysLeft: number | null): string {
  if (gone) return 'Nothing to do.';
  if (daysLeft !== null && daysLeft < 0) {
    return 'It has expired: whatever still used it has stopped working. Replace it there.';
  }
  return 'Replace it before it expires: whatever still uses it stops working then.';
}

/** The message about one org token: what expires when, whose it is, what to do. No token value. */
export function tokenContent(input: TokenContentInput): AlertContent {
  const { alert, token, adminUrl, revokeUrl } = input;
  const expiresAt = token.expiresAt;
  const daysLeft = expiresAt
    ? Math.floor((Date.parse(expiresAt) - Date.parse(alert.at)) / DAY_MS)
    : null;
  const gone = alert.kind === 'recovery';
  return {
    title: titleOf(alert, tokenName(token), daysLeft),
    name: tokenName(token),
    severity: alert.severity,
    summary: gone
      ? `The Admin API no longer lists it (noticed ${timeText(token.revokedNoticedAt ?? alert.at)}).`
      : summaryOf(token),
    since: null,
    evidence: [],
    expiresAt: gone ? null : expiresAt,
    daysLeft: gone ? null : daysLeft,
    lastSuccessAt: null,
    action: actionOf(gone, daysLeft),
    renewal: renewalOf(alert, token, revokeUrl),
    adminUrl,
  };
}
