import { CREDENTIAL_KIND_LABEL } from '../../domain/kind-labels';
import type { IntegrationConfig } from '../../domain/integration';
import type { Identity } from '../../domain/result';
import type { ProbeResponse } from '../../http/client';
import { commonFailure, field, plainSecret, readJson, str } from '../interpret';
import type { Probe, ProbeOutcome } from '../probe';
import { ATLASSIAN_TOKEN_REVOCATION_MS } from '../probe';
import {
  APP_PASSWORDS_REMOVED,
  BITBUCKET_API,
  appPasswordRetired,
  buildRequest,
  credentialOf,
  probePath,
  type BitbucketCredential,
} from './bitbucket-cloud-credential';

export { buildRequest } from './bitbucket-cloud-credential';

const SERVICE = 'Bitbucket Cloud';

interface Asked {
  config: IntegrationConfig;
  token: string;
  credential: BitbucketCredential;
  path: string;
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

/** Why an access token may not be taken at the path asked, from what the config names. */
function accessTokenHint(asked: Asked): string {
  if (asked.token.startsWith('ATAT')) {
    return "this is an Atlassian API token: it goes with its owner's email as username, not alone";
  }
  if (asked.config.username) {
    return 'this is an access token (ATCT…): it goes alone, so leave the username empty and enter its workspace';
  }
  if (asked.path === '/2.0/user') {
    return 'an access token belongs to no user, so /2.0/user refuses it: enter the workspace it was made in (and, for a repository or project token, one of its repositories)';
  }
  if (!asked.config.repository) {
    return 'a repository or project access token cannot read its workspace: enter one of its repositories as well';
  }
  return 'an access token works only inside the workspace, project or repository it was made for: check the workspace and repository';
}

/**
 * "Token is invalid, expired, or not supported for this endpoint" says two things at once:
 * Bitbucket answers it to a dead token and to a live one sent where or how it is not taken.
 */
function refused(asked: Asked, message: string | undefined): string {
  const quoted = message ? ` ("${message}")` : '';
  const dead = 'either the token is revoked, expired or mistyped';
  if (asked.credential === 'access-token') {
    return `${SERVICE} answered 401${quoted}: ${dead}, or Bitbucket does not take it at ${asked.path} — ${accessTokenHint(asked)}`;
  }
  return `${SERVICE} answered 401${quoted}: ${dead}, or Bitbucket does not take it this way — ${asked.config.username} must be the token owner's Atlassian email, and the token must be an API token with scopes for Bitbucket (one without scopes is refused)`;
}

function forbidden(asked: Asked, res: ProbeResponse): ProbeOutcome {
  const { message, required } = bitbucketError(res);
  const hint = required
    ? `it needs ${required}`
    : asked.credential === 'access-token'
      ? accessTokenHint(asked)
      : 'an API token with scopes needs read:user:bitbucket to read the current user';
  return {
    verdict: 'insufficient-scope',
    message: `${SERVICE} answered 403${message ? ` ("${message}")` : ''}: the token is accepted but may not read ${asked.path} — ${hint}`,
  };
}

function failure(asked: Asked, res: ProbeResponse, now: Date): ProbeOutcome | null {
  const common = commonFailure(res, SERVICE, now);
  if (common?.verdict === 'rejected') {
    if (asked.credential === 'app-password') {
      return {
        ...common,
        message: `${SERVICE} answered 401: ${appPasswordRetired(asked.config, asked.token)}`,
        expiresAt: APP_PASSWORDS_REMOVED,
        expirySource: 'service',
      };
    }
    return { ...common, message: refused(asked, bitbucketError(res).message) };
  }
  if (common) return common;
  if (res.status === 403) return forbidden(asked, res);
  if (res.status === 404 && asked.path !== '/2.0/user') {
    return {
      verdict: 'unexpected-response',
      message: `${SERVICE} answered 404 for ${asked.path}: no such workspace or repository, or the token may not see it — check the workspace and repository names`,
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

function userAccepted(asked: Asked, body: unknown, now: Date): ProbeOutcome | null {
  const identity = identityFrom(body);
  if (!identity) return null;
  const who = identity.displayName ?? identity.username ?? identity.id;
  if (asked.credential === 'app-password') {
    // Only possible while brownouts still let it through: the date it stops is known.
    const gone = now.getTime() >= APP_PASSWORDS_REMOVED.getTime();
    return {
      verdict: gone ? 'expired' : 'expiring',
      message: `${SERVICE} accepted it as ${who}, but ${appPasswordRetired(asked.config, asked.token)}`,
      identity,
      expiresAt: APP_PASSWORDS_REMOVED,
      expirySource: 'service',
      facts: { auth: `app password (Basic, ${asked.config.username})` },
    };
  }
  return {
    verdict: 'healthy',
    message: `${SERVICE} accepted the token as ${who}`,
    identity,
    facts: { auth: `Atlassian API token (Basic, ${asked.config.username})` },
  };
}

/**
 * A workspace or repository answer names no token. A public one is shown to anyone, so its 200
 * proves the token was taken, not what it may read.
 */
function resourceAccepted(body: unknown): ProbeOutcome | null {
  const type = str(field(body, 'type'));
  const name = str(field(body, 'full_name')) ?? str(field(body, 'slug'));
  if ((type !== 'workspace' && type !== 'repository') || !name) return null;
  const isPublic = field(body, 'is_private') === false;
  return {
    verdict: 'healthy',
    message: `${SERVICE} accepted the access token for ${type} ${name}${isPublic ? ` (a public ${type}: anyone may read it, so this shows less)` : ''}`,
    identity: null,
    facts: { auth: 'access token (Bearer)', [type]: name },
  };
}

export function interpret(
  res: ProbeResponse,
  config: IntegrationConfig,
  token: string,
  now: Date,
): ProbeOutcome {
  const asked: Asked = {
    config,
    token,
    credential: credentialOf(config, token),
    path: probePath(config),
  };
  const failed = failure(asked, res, now);
  if (failed) return failed;
  const json = readJson(res, SERVICE);
  if (!json.ok) return json.outcome;
  const user = asked.path === '/2.0/user';
  const accepted =
    res.status !== 200
      ? null
      : user
        ? userAccepted(asked, json.value, now)
        : resourceAccepted(json.value);
  return (
    accepted ?? {
      verdict: 'unexpected-response',
      message: `${SERVICE} answered ${res.status} without the ${user ? 'user' : 'workspace or repository'} asked for — check the base URL (it should be ${BITBUCKET_API})`,
    }
  );
}

export const bitbucketCloudApiTokenProbe: Probe<string> = {
  label: CREDENTIAL_KIND_LABEL['bitbucket-cloud-api-token'],
  service: () => SERVICE,
  // An Atlassian account API token like Jira's: the same identity system revokes it.
  revocationLagMs: ATLASSIAN_TOKEN_REVOCATION_MS,
  defaultBaseUrl: BITBUCKET_API,
  // One authenticated call.
  maxRequests: 1,
  parseSecret: plainSecret,
  async check({ config, secret, http, now }) {
    return interpret(await http.send(buildRequest(config, secret)), config, secret, now);
  },
};
