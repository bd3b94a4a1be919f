import { CREDENTIAL_KIND_LABEL } from '../../domain/kind-labels';
import type { IntegrationConfig } from '../../domain/integration';
import type { ProbeRequest, ProbeResponse } from '../../http/client';
import { bearer, commonFailure, field, joinUrl, readJson, str } from '../interpret';
import { MemoryGrantStore, type GrantState } from '../oauth/grant-store';
import { grantExpiry, keepAccessToken, type KeeperOptions } from '../oauth/keeper';
import type { Probe, ProbeContext, ProbeOutcome, SecretParse } from '../probe';
import { ACCESS_TOKEN_LIFETIME_MS, atlassianProduct } from '../probe';
import { proveToken, type Site } from './atlassian-oauth2-proof';

export const DEFAULT_API_URL = 'https://api.atlassian.com';
export const DEFAULT_TOKEN_URL = 'https://auth.atlassian.com/oauth/token';
/**
 * "Reuse of old tokens outside the leeway interval invalidates all refresh tokens … The leeway
 * interval is 10 minutes." (community.developer.atlassian.com/t/…/54172, "Deprecating persistent
 * refresh tokens"). Inside it a rotated-out refresh token may be presented again.
 */
export const ATLASSIAN_REUSE_MINUTES = 10;
const SERVICE = 'Atlassian';
const TOKEN_SERVICE = "Atlassian's token endpoint";

export type ObservedSecret = { mode: 'observe'; accessToken: string };
export type KeptSecret = {
  mode: 'keep';
  clientId: string;
  clientSecret: string;
  refreshToken: string;
};
export type AtlassianOAuth2Secret = ObservedSecret | KeptSecret;

const KEEP_FIELDS = ['clientId', 'clientSecret', 'refreshToken'] as const;
const SHAPES =
  'give {"clientId","clientSecret","refreshToken"} to keep a grant, or {"accessToken"} to observe one';

/** Reads the JSON secret; never quotes it back, since a broken secret is still a secret. */
export function parseSecret(
  raw: string,
  config: IntegrationConfig,
): SecretParse<AtlassianOAuth2Secret> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, error: `the secret is not valid JSON; ${SHAPES}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: `the secret must be a JSON object; ${SHAPES}` };
  }
  const parsed = secretFrom(value as Record<string, unknown>);
  if (!parsed.ok) return parsed;
  const mismatch = config.mode && config.mode !== parsed.secret.mode;
  return mismatch ? { ok: false, error: contradiction(parsed.secret.mode) } : parsed;
}

function secretFrom(obj: Record<string, unknown>): SecretParse<AtlassianOAuth2Secret> {
  const bad = ['accessToken', ...KEEP_FIELDS].find(
    (k) => obj[k] !== undefined && (typeof obj[k] !== 'string' || !/^\S+$/.test(obj[k])),
  );
  if (bad) return { ok: false, error: `${bad} must be a non-empty string without spaces` };
  const s = obj as Partial<Record<'accessToken' | (typeof KEEP_FIELDS)[number], string>>;
  const sensitive = [s.clientSecret, s.refreshToken, s.accessToken].filter((v) => v !== undefined);
  const { clientId, clientSecret, refreshToken, accessToken } = s;
  if (clientId && clientSecret && refreshToken) {
    return { ok: true, secret: { mode: 'keep', clientId, clientSecret, refreshToken }, sensitive };
  }
  const missing = KEEP_FIELDS.filter((k) => s[k] === undefined);
  if (missing.length < KEEP_FIELDS.length) {
    return {
      ok: false,
      error: `keeping a grant needs clientId, clientSecret and refreshToken; missing: ${missing.join(', ')}`,
    };
  }
  if (accessToken) return { ok: true, secret: { mode: 'observe', accessToken }, sensitive };
  return { ok: false, error: `the secret holds none of the expected fields; ${SHAPES}` };
}

function contradiction(shape: AtlassianOAuth2Secret['mode']): string {
  return shape === 'keep'
    ? 'mode is "observe" but the secret holds a refresh token and client credentials; set mode "keep" to let this app own the grant, or give only {"accessToken"} (observing never refreshes)'
    : 'mode is "keep" but the secret holds only an access token; keeping a grant needs {"clientId","clientSecret","refreshToken"}';
}

export function buildResourcesRequest(
  config: IntegrationConfig,
  accessToken: string,
): ProbeRequest {
  return {
    method: 'GET',
    url: joinUrl(config.baseUrl ?? DEFAULT_API_URL, '/oauth/token/accessible-resources'),
    headers: bearer(accessToken),
  };
}

function siteFrom(entry: unknown): Site | null {
  const id = str(field(entry, 'id'));
  if (!id) return null;
  const scopes = field(entry, 'scopes');
  return {
    id,
    name: str(field(entry, 'name')) ?? id,
    url: str(field(entry, 'url')) ?? '',
    scopes: Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : [],
  };
}

function siteFacts(sites: Site[]): Record<string, string> {
  if (sites.length === 0) return { sites: 'none' };
  return {
    sites: sites.map((s) => (s.url ? `${s.name} (${s.url})` : s.name)).join(', '),
    cloudIds: sites.map((s) => s.id).join(', '),
    scopes: [...new Set(sites.flatMap((s) => s.scopes))].sort().join(' '),
  };
}

type Listed = { outcome: ProbeOutcome; sites: Site[] };

/** accessible-resources names the sites a grant could reach, not a user, and proves no call. */
export function interpretResources(
  res: ProbeResponse,
  config: IntegrationConfig,
  now: Date,
): Listed {
  const failed = (outcome: ProbeOutcome): Listed => ({ outcome, sites: [] });
  const common = commonFailure(res, SERVICE, now);
  if (common?.verdict === 'rejected') {
    return failed({
      ...common,
      message: `${SERVICE} answered 401 to the access token: it expired (they last an hour), was revoked, or the grant was withdrawn`,
    });
  }
  if (common) return failed(common);
  const json = readJson(res, SERVICE);
  if (!json.ok) return failed(json.outcome);
  if (res.status !== 200 || !Array.isArray(json.value)) {
    return failed({
      verdict: 'unexpected-response',
      message: `${SERVICE} answered ${res.status} without the list of sites accessible-resources returns — check the base URL`,
    });
  }
  const sites = json.value.map(siteFrom).filter((s): s is Site => s !== null);
  return { outcome: judgeSites(sites, config), sites };
}

/** An empty list is an accepted token that reaches nothing, not an anonymous answer. */
function judgeSites(sites: Site[], config: IntegrationConfig): ProbeOutcome {
  const facts = siteFacts(sites);
  if (sites.length === 0) {
    return {
      verdict: 'insufficient-scope',
      message: `${SERVICE} accepted the access token but the grant reaches no site (empty accessible-resources): the app is not installed on any site or was removed, the consenting user lost access, or the grant holds no product scope; have the user consent again on the site`,
      facts,
    };
  }
  if (config.cloudId && !sites.some((s) => s.id === config.cloudId)) {
    return {
      verdict: 'insufficient-scope',
      message: `${SERVICE} accepted the access token but the grant no longer reaches the site with cloudId ${config.cloudId}: the app was removed from that site or the consenting user lost access`,
      facts,
    };
  }
  return {
    verdict: 'healthy',
    message: `${SERVICE} accepted the access token for ${sites.map((s) => s.name).join(', ')}`,
    facts,
  };
}

async function observe(ctx: ProbeContext<AtlassianOAuth2Secret>, token: string) {
  const res = await ctx.http.send(buildResourcesRequest(ctx.config, token));
  const listed = interpretResources(res, ctx.config, ctx.now);
  const outcome = await proveToken(ctx.http, ctx.config, listed, token, ctx.now);
  // The access token's own one-hour exp is not the credential's expiry: its owner renews it.
  return { ...outcome, facts: { mode: 'observe', ...outcome.facts } };
}

async function keep(ctx: ProbeContext<AtlassianOAuth2Secret>, secret: KeptSecret) {
  const opts: KeeperOptions = {
    http: ctx.http,
    store: ctx.grants ?? new MemoryGrantStore(),
    tokenUrl: ctx.config.tokenUrl ?? DEFAULT_TOKEN_URL,
    grant: { ...secret, consentedAt: ctx.config.consentedAt },
    now: ctx.now,
    service: TOKEN_SERVICE,
    reuseIntervalMs: reuseMinutes(ctx.config) * 60_000,
  };
  let kept = await keepAccessToken(opts);
  if (!kept.ok) return withGrant(kept.outcome, kept.state, ctx, false);
  let res = await ctx.http.send(buildResourcesRequest(ctx.config, kept.accessToken));
  if (res.status === 401 && !kept.refreshed) {
    // A stored token refused before its end was revoked or superseded: only a refresh tells which.
    kept = await keepAccessToken({ ...opts, refused: kept.accessToken });
    if (!kept.ok) return withGrant(kept.outcome, kept.state, ctx, false);
    res = await ctx.http.send(buildResourcesRequest(ctx.config, kept.accessToken));
  }
  const listed = interpretResources(res, ctx.config, ctx.now);
  const outcome = await proveToken(ctx.http, ctx.config, listed, kept.accessToken, ctx.now);
  return withGrant(outcome, kept.state, ctx, kept.refreshed);
}

/** Atlassian's documented interval at its own token URL; elsewhere only what the admin states. */
export function reuseMinutes(config: IntegrationConfig): number {
  if (config.refreshReuseMinutes !== undefined) return config.refreshReuseMinutes;
  const atlassian = !config.tokenUrl || new URL(config.tokenUrl).host === 'auth.atlassian.com';
  return atlassian ? ATLASSIAN_REUSE_MINUTES : 0;
}

/** Adds the grant's own expiry (consent and inactivity limits) and how the tokens were kept. */
function withGrant(
  outcome: ProbeOutcome,
  state: GrantState,
  ctx: ProbeContext<AtlassianOAuth2Secret>,
  refreshed: boolean,
): ProbeOutcome {
  const expiry = grantExpiry(state, ctx.config.consentedAt);
  const facts: Record<string, string> = { mode: 'keep', ...outcome.facts, ...expiry.facts };
  facts.refreshed = refreshed ? 'yes' : 'no';
  if (state.accessTokenExpiresAt) facts.accessTokenExpiresAt = state.accessTokenExpiresAt;
  let message = outcome.message;
  if (refreshed && !ctx.grants) {
    facts.refreshTokenStorage =
      'memory only: the rotated refresh token was not saved and the one in the secret is now spent';
    message +=
      '; the rotated refresh token was kept only in memory (no grant store: the CLI keeps it with --grant-file)';
  }
  return { ...outcome, message, expiresAt: expiry.expiresAt, expirySource: 'grant', facts };
}

export const atlassianOauth2Probe: Probe<AtlassianOAuth2Secret> = {
  label: CREDENTIAL_KIND_LABEL['atlassian-oauth2'],
  service: atlassianProduct,
  // The kept access token may outlive the revoked grant until it expires.
  revocationLagMs: ACCESS_TOKEN_LIFETIME_MS,
  defaultBaseUrl: DEFAULT_API_URL,
  // Kept: a refresh refused by the API gets one more refresh (two attempts when an answer is
  // lost), accessible-resources again, and the proof on the site. Observe: two.
  maxRequests: 5,
  parseSecret,
  async check(ctx) {
    const { secret } = ctx;
    return secret.mode === 'observe' ? observe(ctx, secret.accessToken) : keep(ctx, secret);
  },
};
