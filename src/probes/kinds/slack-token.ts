import { CREDENTIAL_KIND_LABEL } from '../../domain/kind-labels';
import type { IntegrationConfig } from '../../domain/integration';
import type { Verdict } from '../../domain/verdict';
import type { ProbeRequest, ProbeResponse } from '../../http/client';
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
import type { Probe, ProbeOutcome, SecretParse } from '../probe';
import { PROMPT_REVOCATION_MS } from '../probe';
import { clipWords } from '../../http/redact';

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
 * The codes and their meanings are Slack's method error tables (docs.slack.dev/reference/methods,
 * auth.test and every Web API method). A Map, so a hostile code ("constructor", "__proto__")
 * finds nothing instead of Object's own.
 */
const ERROR_VERDICTS = new Map<string, { verdict: Verdict; advice: string }>(
  Object.entries({
    invalid_auth: { verdict: 'rejected', advice: 'the token is not valid; paste a current one' },
    not_authed: { verdict: 'rejected', advice: 'no token reached Slack; check the stored secret' },
    token_revoked: {
      verdict: 'rejected',
      advice: 'the token was revoked (app uninstalled?); reinstall the app and update the token',
    },
    // Only rotating tokens expire (12 hours); they are refused at input, see ROTATING.
    token_expired: {
      verdict: 'expired',
      advice:
        "it was a rotating token, which lives 12 hours and is replaced by the app that owns it; delete this integration and monitor that app's refresh token instead",
    },
    account_inactive: {
      verdict: 'locked',
      advice: 'the user is deactivated or the workspace deleted; a Slack admin must act',
    },
    // "Administrators have suspended the ability to post a message": the org's EKM keys.
    ekm_access_denied: {
      verdict: 'locked',
      advice:
        "your organisation's Slack admins have suspended access through Enterprise Key Management (EKM); a new token will not help until they restore it",
    },
    // "The workspace is undergoing an enterprise migration and will not be available until
    // migration is complete."
    org_login_required: {
      verdict: 'locked',
      advice:
        'the workspace is unavailable during its enterprise migration; it works again once a Slack admin has finished the migration',
    },
    two_factor_setup_required: {
      verdict: 'locked',
      advice: "the token's user must set up two-factor authentication in Slack first",
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

/**
 * With token rotation on, Slack's access tokens are `xoxe.xoxb-1-…` / `xoxe.xoxp-1-…`, live 12 hours
 * and are renewed with a refresh token `xoxe-1-…` (docs.slack.dev, "Using token rotation" and
 * oauth.v2.access). auth.test never tells expiry (no `expires_in`), so the prefix is the only sign.
 */
const ROTATING =
  'this is a rotating Slack token (xoxe.): it expires 12 hours after it is issued and the app that owns it replaces it with its refresh token, so a copy checked here would be reported expired within a day while the app works on. What can stop the app is its refresh token (xoxe-…), which only that app holds and spends: monitor the refresh token there, in the app (alert when its oauth.v2.access refresh answers ok:false). Token Health cannot check a refresh token without using it up';
const REFRESH =
  'this is a Slack refresh token (xoxe-): auth.test does not accept it, and using it here would rotate it away from the app that owns it; monitor it in that app instead (alert when its oauth.v2.access refresh answers ok:false)';

/** A plain Slack access token; rotating and refresh tokens are refused with the reason. */
function parseSlackSecret(raw: string): SecretParse<string> {
  const parsed = plainSecret(raw);
  if (!parsed.ok) return parsed;
  if (parsed.secret.startsWith('xoxe.')) return { ok: false, error: ROTATING };
  if (parsed.secret.startsWith('xoxe-')) return { ok: false, error: REFRESH };
  return parsed;
}

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

function factsFrom(body: unknown, res: ProbeResponse): Record<string, string> {
  const facts: Record<string, string | undefined> = {
    team: str(field(body, 'team')),
    teamId: str(field(body, 'team_id')),
    url: str(field(body, 'url')),
    botId: str(field(body, 'bot_id')),
    enterpriseId: str(field(body, 'enterprise_id')),
    enterpriseInstall: field(body, 'is_enterprise_install') === true ? 'yes' : undefined,
    scopes: res.headers['x-oauth-scopes'],
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
    facts: factsFrom(body, res),
  };
}

export const slackTokenProbe: Probe<string> = {
  label: CREDENTIAL_KIND_LABEL['slack-token'],
  service: () => SERVICE,
  // auth.revoke takes effect at once: the next call answers token_revoked.
  revocationLagMs: PROMPT_REVOCATION_MS,
  defaultBaseUrl: SLACK,
  // One auth.test call.
  maxRequests: 1,
  parseSecret: parseSlackSecret,
  async check({ config, secret, http, now }) {
    return interpret(await http.send(buildRequest(config, secret)), now);
  },
};
