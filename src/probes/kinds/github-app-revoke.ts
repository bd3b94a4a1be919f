import type { IntegrationConfig } from '../../domain/integration';
import type { HttpClient, ProbeRequest } from '../http';
import { bearer, joinUrl } from '../interpret';
import type { ProbeOutcome } from '../probe';
import { GITHUB_API, SERVICE } from './github-answers';

/**
 * docs.github.com REST "Revoke an installation access token": `DELETE /installation/token`,
 * authenticated by the token itself, answers 204 No Content.
 */
export function revokeTokenRequest(config: IntegrationConfig, token: string): ProbeRequest {
  return {
    method: 'DELETE',
    url: joinUrl(config.baseUrl ?? GITHUB_API, '/installation/token'),
    headers: { ...bearer(token), 'X-GitHub-Api-Version': '2022-11-28' },
  };
}

/**
 * Revokes the token minted for the check at once, so no working token outlives it (one would
 * otherwise live an hour). A side errand: whatever GitHub answers, the verdict stands; the
 * outcome only says whether the token is gone.
 */
export async function revokeMinted(
  http: HttpClient,
  config: IntegrationConfig,
  token: string,
  outcome: ProbeOutcome,
): Promise<ProbeOutcome> {
  const status = await http
    .send(revokeTokenRequest(config, token))
    .then((res) => res.status)
    .catch(() => null);
  const revoked = status === 204;
  const note = revoked
    ? 'revoked at once'
    : `not revoked (${status === null ? `no answer from ${SERVICE}` : `${SERVICE} answered ${status}`}): it expires within the hour, unused`;
  return {
    ...outcome,
    message: `${outcome.message}; the token minted for the check was ${note}`,
    facts: { ...outcome.facts, checkTokenRevoked: revoked ? 'yes' : 'no' },
  };
}
