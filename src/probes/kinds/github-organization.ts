import type { IntegrationConfig } from '../../domain/integration';
import type { HttpClient, ProbeResponse } from '../../http/client';
import { commonFailure, field, readJson, str } from '../interpret';
import type { ProbeOutcome } from '../probe';
import { SERVICE, bodyMessage, githubGet, rateLimit } from './github-answers';

/**
 * `/user` belongs to no organisation, so a classic token not yet authorised for an organisation's
 * SAML single sign-on passes it. GitHub's docs ("Authenticating to the REST API", "Personal access
 * tokens and SAML SSO"): such a token asking for one organisation "may receive a 404 Not Found or
 * a 403 Forbidden"; with 403, `X-GitHub-SSO` holds "a URL that you can follow to authorize your
 * token. The URL expires after one hour." They do not list which endpoints enforce it; GET
 * /orgs/{org} is the organisation itself, and public reports show 403 on /orgs/{org} and on the
 * organisation's repositories alike.
 */
export async function checkOrganization(
  http: HttpClient,
  config: IntegrationConfig,
  token: string,
  now: Date,
): Promise<ProbeOutcome> {
  const org = config.organization ?? '';
  const res = await http.send(githubGet(config, token, `/orgs/${encodeURIComponent(org)}`));
  return judgeOrganization(res, org, now);
}

/** `X-GitHub-SSO: required; url=https://github.com/orgs/acme/sso?authorization_request=…`. */
export function ssoAuthorizationUrl(header: string | undefined): string | null {
  const match = /^\s*required\s*;\s*url=(\S+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return null;
  try {
    const url = new URL(match[1]);
    return url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

const AUTHORISE_LATER =
  'GitHub → Settings → Developer settings → Personal access tokens → Tokens (classic) → Configure SSO → Authorize';

/**
 * `locked`, not `insufficient-scope`: the token is valid and its scopes are not the problem —
 * no new scope or token helps until a person (its owner) signs in through the organisation's
 * identity provider and authorises it, as for a Slack org login or a Data Center CAPTCHA.
 */
function ssoRequired(res: ProbeResponse, org: string, message: string | undefined): ProbeOutcome {
  const url = ssoAuthorizationUrl(res.headers['x-github-sso']);
  const open = url
    ? `open ${url} (GitHub says this link expires an hour after the check), or later: ${AUTHORISE_LATER}`
    : AUTHORISE_LATER;
  return {
    verdict: 'locked',
    message: `${SERVICE} answered 403 for organisation ${org} (${message ?? 'forbidden'}): the token works but is not authorised for the organisation's SAML single sign-on. Its owner must authorise it: ${open} next to ${org}`,
    facts: { organization: org, sso: 'required: token not authorised' },
  };
}

function judgeOrganization(res: ProbeResponse, org: string, now: Date): ProbeOutcome {
  const message = res.status >= 400 ? bodyMessage(res) : undefined;
  const limited = rateLimit(res, message, now);
  if (limited) return limited;
  const common = commonFailure(res, SERVICE, now);
  if (common) return common;
  if (
    res.status === 403 &&
    res.headers['x-github-sso']?.trim().toLowerCase().startsWith('required')
  ) {
    return ssoRequired(res, org, message);
  }
  if (res.status === 403) {
    return {
      verdict: 'insufficient-scope',
      message: `${SERVICE} answered 403 for organisation ${org} (${message ?? 'forbidden'}): the token works but may not read the organisation; an owner may have to approve it`,
    };
  }
  if (res.status === 404) {
    return {
      verdict: 'unexpected-response',
      message: `${SERVICE} answered 404 for organisation ${org}: either no organisation has that name, or the token is not authorised for its SAML single sign-on (GitHub may answer 404 then) — check the name, then ${AUTHORISE_LATER}`,
    };
  }
  return organizationAnswer(res, org);
}

function organizationAnswer(res: ProbeResponse, org: string): ProbeOutcome {
  const json = readJson(res, SERVICE);
  if (!json.ok) return json.outcome;
  const login = res.status === 200 ? str(field(json.value, 'login')) : undefined;
  if (!login) {
    return {
      verdict: 'unexpected-response',
      message: `${SERVICE} answered ${res.status} without the organisation ${org} — check the base URL`,
    };
  }
  return {
    verdict: 'healthy',
    message: `it may also enter organisation ${login}`,
    facts: { organization: login },
  };
}
