import type { IntegrationRecord } from '../domain/schedule';
import { HttpClient } from '../http/client';
import { parseDate } from '../probes/interpret';
import { DEFAULT_TOKEN_URL, parseSecret, reuseMinutes } from '../probes/kinds/atlassian-oauth2';
import { keepAccessToken, REFRESH_MARGIN_MS } from '../probes/oauth/keeper';
import { Redactor } from '../http/redact';
import { KvsGrantStore } from '../storage/grant-store';
import { integrations } from '../storage/integrations';
import { drawMinted } from './draw-minted';
import type { DrawDeps, Drawn } from './drawn';
import { minterFor } from './minters';

const NOT_KEPT =
  'this integration does not keep a grant for the app to hand out: only an Atlassian OAuth 2.0 (3LO) integration in mode "keep", a GitHub App, an Atlassian service account or a Data Center OAuth 2.0 client can be drawn from';

/**
 * A token of the integration's kept grant with at least five minutes left. The grant's one
 * refresher is `keepAccessToken`: under the grant's lock, waiters re-read what the first got, and
 * a rotated refresh token is saved before its access token is used, so nothing is handed out
 * that the app could not keep.
 */
export async function drawToken(record: IntegrationRecord, deps: DrawDeps): Promise<Drawn> {
  const minter = minterFor(record.config.kind);
  if (minter) return drawMinted(record, minter, deps);
  if (record.config.kind !== 'atlassian-oauth2') return { ok: false, reason: NOT_KEPT };
  const raw = await integrations.getSecret(record.id);
  const parsed = raw ? parseSecret(raw, record.config) : null;
  if (!parsed?.ok || parsed.secret.mode !== 'keep') return { ok: false, reason: NOT_KEPT };
  const redactor = new Redactor(parsed.sensitive);
  const now = deps.now();
  const kept = await keepAccessToken({
    http: new HttpClient({
      fetch: deps.fetch,
      redactor,
      deadlineMs: deps.deadlineMs,
      requestTimeoutMs: deps.deadlineMs / 2,
      maxRequests: 2,
    }),
    store: new KvsGrantStore(record.id, deps.holder),
    tokenUrl: record.config.tokenUrl ?? DEFAULT_TOKEN_URL,
    grant: { ...parsed.secret, consentedAt: record.config.consentedAt },
    now,
    service: "the grant's token endpoint",
    reuseIntervalMs: reuseMinutes(record.config) * 60_000,
  }).catch((err: unknown) => ({ ok: false as const, message: messageOf(err) }));
  if (!kept.ok) {
    const why = 'outcome' in kept ? kept.outcome.message : kept.message;
    return { ok: false, reason: redactor.text(why), grant: true };
  }
  const end = parseDate(kept.state.accessTokenExpiresAt);
  if (!end || end.getTime() - now.getTime() < REFRESH_MARGIN_MS) {
    return {
      ok: false,
      reason: 'the token endpoint issued an access token that lives less than five minutes',
    };
  }
  return { ok: true, accessToken: kept.accessToken, expiresAt: end.toISOString() };
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : 'the grant could not be read from storage';
}
