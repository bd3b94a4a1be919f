import type { IntegrationConfig } from '../../domain/integration';
import type { Identity } from '../../domain/result';
import type { ProbeRequest, ProbeResponse } from '../http';
import {
  basic,
  bearer,
  commonFailure,
  field,
  joinUrl,
  plainSecret,
  readJson,
  str,
} from '../interpret';
import type { Probe, ProbeOutcome } from '../probe';

const SERVICE = 'Bitbucket Cloud';
const API = 'https://api.bitbucket.org';

/**
 * An Atlassian API token for Bitbucket goes as Basic with the account email; without a username
 * the secret is a workspace, project or repository access token, which Bitbucket wants as Bearer.
 */
export function buildRequest(config: IntegrationConfig, token: string): ProbeRequest {
  return {
    method: 'GET',
    url: joinUrl(config.baseUrl ?? API, '/2.0/user'),
    headers: config.username ? basic(config.username, token) : bearer(token),
  };
}

/** Bitbucket Cloud's error body: {"type":"error","error":{"message":"…","detail":{…}}}. */
function bitbucketError(res: ProbeResponse): { message?: string; required?: string } {
  const json = readJson(res, SERVICE);
  if (!json.ok) return {};
  const required = field(json.value, 'error', 'detail', 'required');
  return {
    message: str(field(json.value, 'error', 'message')),
    required: Array.isArray(required) ? required.join(', ') : undefined,
  };
}

function scopeHint(config: IntegrationConfig, required: string | undefined): string {
  if (required) return `it needs ${required}`;
  return config.username
    ? 'an API token with scopes needs read:user:bitbucket to read the current user'
    : "a workspace, project or repository access token has no user of its own; give the owner's email as username if this is an Atlassian API token";
}

function failure(res: ProbeResponse, config: IntegrationConfig, now: Date): ProbeOutcome | null {
  const common = commonFailure(res, SERVICE, now);
  if (common?.verdict === 'rejected') {
    const { message } = bitbucketError(res);
    const who = config.username
      ? ` or ${config.username} is not the token owner's Atlassian email`
      : '';
    return {
      ...common,
      message: `${SERVICE} answered 401${message ? ` ("${message}")` : ''}: the token is revoked, expired or mistyped${who}`,
    };
  }
  if (common) return common;
  if (res.status === 403) {
    const { message, required } = bitbucketError(res);
    return {
      verdict: 'insufficient-scope',
      message: `${SERVICE} answered 403${message ? ` ("${message}")` : ''}: the token is accepted but may not read /2.0/user — ${scopeHint(config, required)}`,
    };
  }
  return null;
}

/** 200 {uuid, account_id, display_name, nickname, username?, type: 'user'}. */
function identityFrom(body: unknown): Identity | null {
  const id = str(field(body, 'account_id')) ?? str(field(body, 'uuid'));
  if (!id) return null;
  return {
    id,
    username: str(field(body, 'nickname')) ?? str(field(body, 'username')),
    displayName: str(field(body, 'display_name')),
  };
}

export function interpret(res: ProbeResponse, config: IntegrationConfig, now: Date): ProbeOutcome {
  const failed = failure(res, config, now);
  if (failed) return failed;
  const json = readJson(res, SERVICE);
  if (!json.ok) return json.outcome;
  const identity = res.status === 200 ? identityFrom(json.value) : null;
  if (!identity) {
    return {
      verdict: 'unexpected-response',
      message: `${SERVICE} answered ${res.status} without a user — check the base URL (it should be ${API})`,
    };
  }
  return {
    verdict: 'healthy',
    message: `${SERVICE} accepted the token as ${identity.displayName ?? identity.username ?? identity.id}`,
    identity,
    facts: {
      auth: config.username
        ? `Atlassian API token (Basic, ${config.username})`
        : 'access token (Bearer)',
    },
  };
}

export const bitbucketCloudApiTokenProbe: Probe<string> = {
  label: 'Bitbucket Cloud API token',
  defaultBaseUrl: API,
  parseSecret: plainSecret,
  async check({ config, secret, http, now }) {
    return interpret(await http.send(buildRequest(config, secret)), config, now);
  },
};
