import type { IntegrationConfig } from '../../domain/integration';
import type { ProbeRequest } from '../../http/client';
import { basic, bearer, joinUrl } from '../interpret';

export const BITBUCKET_API = 'https://api.bitbucket.org';
export const ATLASSIAN_API_TOKENS = 'https://id.atlassian.com/manage-profile/security/api-tokens';

/**
 * Bitbucket Cloud stopped taking app passwords: brownouts from 2026-06-09, removed for good on
 * 2026-07-28 (community.atlassian.com, "Deprecation notice: Bitbucket Cloud app password brownout
 * schedule and next steps"). A fact about the service, not a deadline of ours.
 */
export const APP_PASSWORDS_BROWNOUT = '2026-06-09';
export const APP_PASSWORDS_REMOVED = new Date('2026-07-28T00:00:00Z');

export type BitbucketCredential = 'api-token' | 'app-password' | 'access-token';

/**
 * What the secret is. Prefixes Atlassian staff say can be relied on: API token ATAT, app password
 * ATBB, workspace/project/repository access token ATCT (community.atlassian.com, "Can we confirm
 * BitBucket's token prefixes?", 2025-08-25). An older secret without a prefix is told by its
 * user: an app password went with the Bitbucket username, an API token must go with the account
 * email (support.atlassian.com KB "Getting 401 HTTP error when using Basic authentication with
 * Bitbucket Cloud REST APIs").
 */
export function credentialOf(config: IntegrationConfig, token: string): BitbucketCredential {
  if (token.startsWith('ATBB')) return 'app-password';
  if (token.startsWith('ATCT') || !config.username) return 'access-token';
  if (token.startsWith('ATAT') || config.username.includes('@')) return 'api-token';
  return 'app-password';
}

/**
 * Where the credential is checked. A user's token reads /2.0/user. An access token belongs to no
 * user (developer.atlassian.com/cloud/bitbucket/rest/intro, "Access Tokens"), so it reads the
 * repository or workspace it was made for; without a workspace only /2.0/user is left to try.
 */
export function probePath(config: IntegrationConfig): string {
  if (config.username || !config.workspace) return '/2.0/user';
  const workspace = encodeURIComponent(config.workspace);
  return config.repository
    ? `/2.0/repositories/${workspace}/${encodeURIComponent(config.repository)}`
    : `/2.0/workspaces/${workspace}`;
}

/** A user's token goes as Basic with its user; an access token as Bearer. */
export function buildRequest(config: IntegrationConfig, token: string): ProbeRequest {
  return {
    method: 'GET',
    url: joinUrl(config.baseUrl ?? BITBUCKET_API, probePath(config)),
    headers: config.username ? basic(config.username, token) : bearer(token),
  };
}

/** How to replace an app password, in one sentence. */
export function appPasswordRetired(config: IntegrationConfig, token: string): string {
  const why = token.startsWith('ATBB')
    ? 'it starts with ATBB'
    : `it goes with the Bitbucket username ${config.username ?? ''}`;
  return `this is an app password (${why}), and Bitbucket Cloud switched app passwords off from ${APP_PASSWORDS_BROWNOUT} and removed them on ${APP_PASSWORDS_REMOVED.toISOString().slice(0, 10)}: create an API token with scopes at ${ATLASSIAN_API_TOKENS} (app Bitbucket, with read:user:bitbucket and the scopes the integration needs) and enter it here with the account email as username`;
}
