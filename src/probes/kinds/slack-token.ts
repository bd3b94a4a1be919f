import type { IntegrationConfig } from '../../domain/integration';
import type { Verdict } from '../../domain/verdict';
import type { ProbeRequest, ProbeResponse } from '../http';
import {
  bearer,
  commonFailure,
  field,
  joinUrl,
  plainSecret,
  rateLimited,
  readJson,
  str,
} from '../interpret';
import type { Probe, ProbeOutcome } from '../probe';
import { clipWords } from '../redact';

const SERVICE = 'Slack';
export const SLACK = 'https://slack.com';

export function buildRequest(config: IntegrationConfig, token: string): ProbeRequest {
  return {
    method: 'POST',
    url: joinUrl(config.baseUrl ?? SLACK, '/api/auth.test'),
    headers: { ...bearer(token), 'Content-Type': 'application/x-www-form-urlencoded' },
    body: '',
  };
}

/**
 * Slack answers HTTP 200 with `ok: false` for failures; the `error` code carries the verdict.
 * A Map, so a hostile code ("constructor", "__proto__") finds nothing instead of Object's own.
 */
const ERROR_VERDICTS = new Map<string, { verdict: Verdict; advice: string }>(
  Object.entries({
    invalid_auth: { verdict: 'rejected', advice: 'the token is not valid; paste a current one' },
    not_authed: { verdict: 'rejected', advice: 'no token reached Slack; check the stored secret' },
    token_revoked: {
      verdict: 'rejected',
      advice: 'the token was revoked (app uninstalled?); reinstall the app and update the token',
    },
    token_expired: {
      verdict: 'rejected',
      advice: 'the rotating token expired; the app that owns it must refresh it',
    },
    account_inactive: {
      verdict: 'locked',
      advice: 'the user is deactivated or the workspace deleted; a Slack admin must act',
    },
    missing_scope: {
      verdict: 'insufficient-scope',
      advice: 'the token lacks a scope; add it and reinstall the app',
    },
    no_permission: {
      verdict: 'insufficient-scope',
      advice: 'the token lacks permission; ask a Slack admin',
    },
  }),
);

function failed(body: unknown, res: ProbeResponse, now: Date): ProbeOutcome {
  const error = str(field(body, 'error')) ?? 'no error code';
  if (error === 'ratelimited') return rateLimited(res, SERVICE, now);
  const known = ERROR_VERDICTS.get(error);
  if (!known) {
    return {
      verdict: 'unexpected-response',
      message: `${SERVICE} answered ok:false with "${clipWords(error, 80)}", which this check does not know; look it up in Slack's auth.test docs`,
    };
  }
  const needed = str(field(body, 'needed'));
  return {
    verdict: known.verdict,
    message: `${SERVICE} answered ${error}${needed ? ` (needs ${needed})` : ''}: ${known.advice}`,
  };
}

/**
 * A rotating token's `expires_in` is only a fact, not an expiry: it lives 12 hours and the app
 * refreshes it, so warning about it would cry wolf on every check.
 */
function rotatesAt(body: unknown, now: Date): string | undefined {
  const ttl = field(body, 'expires_in');
  return typeof ttl === 'number' && ttl > 0
    ? new Date(now.getTime() + ttl * 1000).toISOString()
    : undefined;
}

function factsFrom(body: unknown, res: ProbeResponse, now: Date): Record<string, string> {
  const facts: Record<string, string | undefined> = {
    team: str(field(body, 'team')),
    teamId: str(field(body, 'team_id')),
    url: str(field(body, 'url')),
    botId: str(field(body, 'bot_id')),
    enterpriseId: str(field(body, 'enterprise_id')),
    enterpriseInstall: field(body, 'is_enterprise_install') === true ? 'yes' : undefined,
    scopes: res.headers['x-oauth-scopes'],
    rotatingTokenExpiresAt: rotatesAt(body, now),
  };
  return Object.fromEntries(Object.entries(facts).filter(([, v]) => v)) as Record<string, string>;
}

export function interpret(res: ProbeResponse, now: Date): ProbeOutcome {
  const common = commonFailure(res, SERVICE, now);
  if (common) return common;
  const json = readJson(res, SERVICE);
  if (!json.ok) return json.outcome;
  const body = json.value;
  const ok = field(body, 'ok');
  if (ok === false) return failed(body, res, now);
  if (ok !== true || res.status !== 200) {
    return {
      verdict: 'unexpected-response',
      message: `${SERVICE} answered ${res.status} without "ok": true — check the base URL`,
    };
  }
  const id = str(field(body, 'user_id'));
  if (!id) {
    return { verdict: 'unexpected-response', message: `${SERVICE} answered ok but named no user` };
  }
  const identity = {
    id,
    username: str(field(body, 'user')),
    displayName: str(field(body, 'team')),
  };
  return {
    verdict: 'healthy',
    message: `${SERVICE} accepted the token as ${identity.username ?? id} in ${identity.displayName ?? 'its workspace'}`,
    identity,
    facts: factsFrom(body, res, now),
  };
}

export const slackTokenProbe: Probe<string> = {
  label: 'Slack token',
  defaultBaseUrl: SLACK,
  parseSecret: plainSecret,
  async check({ config, secret, http, now }) {
    return interpret(await http.send(buildRequest(config, secret)), now);
  },
};
