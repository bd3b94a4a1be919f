import { ORG_TOKEN_KIND_LABEL } from './kind-labels';
/**
 * What to tell people about the org's tokens after a sync. Pure. Each expiry threshold fires once
 * per token and expiry date; expiry itself is one more threshold (0 days). A revoked token that
 * had been alerted about gets one closing notice, so the Jira issue it opened can be closed.
 */
import { DAY_MS } from './expiry';
import type { Alert } from './alerts/types';
import { tokenKey, type OrgToken, type TokenAlertMemory } from './inventory';

/** A token that expired longer ago than this when first seen is listed, not announced. */
export const EXPIRED_NEWS_DAYS = 7;

export interface TokenAlert {
  alert: Alert;
  token: OrgToken;
}

export interface TokenAlertInput {
  tokens: OrgToken[];
  warnDays: readonly number[];
  now: Date;
  /** At most this many alerts per sync, most urgent first; the rest wait for the next sync. */
  limit: number;
}

export interface TokenAlertDecision {
  /** The tokens with what they were alerted about updated (deferred ones left as they were). */
  tokens: OrgToken[];
  alerts: TokenAlert[];
  deferred: number;
}

/** The alert's subject id: like an integration id, it finds the token's Jira issue again. */
export const tokenSubjectId = (t: OrgToken) => `org-${tokenKey(t)}`;

/** "API token "deploy" of Ada Lovelace": how every message names a token. */
export function tokenName(t: OrgToken): string {
  const owner = t.owner.name || t.owner.email || 'an unknown owner';
  return `${ORG_TOKEN_KIND_LABEL[t.kind]} "${t.label || t.id}" of ${owner}`;
}

interface Candidate {
  token: OrgToken;
  alert: Alert;
  memory: TokenAlertMemory | null;
  /** Sort key: the smaller, the more urgent. */
  urgency: number;
}

function base(
  t: OrgToken,
  now: Date,
): Pick<Alert, 'integrationId' | 'at' | 'channels' | 'subject'> {
  return {
    integrationId: tokenSubjectId(t),
    at: now.toISOString(),
    channels: 'primary',
    subject: tokenName(t),
  };
}

function revokedCandidate(t: OrgToken, now: Date): Candidate | null {
  if (!t.alerted || t.alerted.fired.length === 0) return null;
  const alert: Alert = {
    ...base(t, now),
    kind: 'recovery',
    idempotencyKey: `${tokenSubjectId(t)}:revoked:${t.alerted.day}`,
    severity: 'ok',
    verdict: 'healthy',
  };
  return { token: t, alert, memory: null, urgency: Infinity };
}

function expiryCandidate(t: OrgToken, input: TokenAlertInput): Candidate | 'silent' | null {
  if (!t.expiresAt) return null;
  const day = t.expiresAt.slice(0, 10);
  const current = t.alerted?.day === day ? t.alerted : { day, fired: [] };
  const msLeft = Date.parse(t.expiresAt) - input.now.getTime();
  const crossed = [...input.warnDays, 0].filter((d) => msLeft <= d * DAY_MS);
  if (crossed.length === 0) return null;
  const smallest = Math.min(...crossed);
  const memory = { day, fired: [...new Set([...current.fired, ...crossed])].sort((a, b) => b - a) };
  if (current.fired.includes(smallest)) return null;
  if (smallest === 0 && -msLeft > EXPIRED_NEWS_DAYS * DAY_MS) return 'silent';
  const alert: Alert = {
    ...base(t, input.now),
    kind: 'expiring',
    idempotencyKey: `${tokenSubjectId(t)}:expiring:${day}:${smallest}`,
    severity: msLeft <= DAY_MS ? 'critical' : 'warning',
    verdict: msLeft <= 0 ? 'expired' : 'expiring',
    threshold: smallest,
    expiresAt: t.expiresAt,
  };
  return { token: t, alert, memory, urgency: msLeft };
}

export function decideTokenAlerts(input: TokenAlertInput): TokenAlertDecision {
  const candidates: Candidate[] = [];
  const tokens = input.tokens.map((t) => {
    const c = t.revokedNoticedAt ? revokedCandidate(t, input.now) : expiryCandidate(t, input);
    // A long-expired token stays as it is: nothing was said, so nothing needs closing later.
    if (c && c !== 'silent') candidates.push(c);
    return t;
  });
  candidates.sort((a, b) => a.urgency - b.urgency);
  const chosen = candidates.slice(0, input.limit);
  const memories = new Map(chosen.map((c) => [tokenKey(c.token), c.memory]));
  return {
    tokens: tokens.map((t) => {
      const key = tokenKey(t);
      return memories.has(key) ? { ...t, alerted: memories.get(key) ?? null } : t;
    }),
    alerts: chosen.map(({ alert, token }) => ({ alert, token })),
    deferred: candidates.length - chosen.length,
  };
}
