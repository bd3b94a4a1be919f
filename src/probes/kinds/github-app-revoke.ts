import type { IntegrationConfig } from '../../domain/integration';
import { TransportError, type HttpClient, type ProbeRequest } from '../../http/client';
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
  const answer = await http
    .send(revokeTokenRequest(config, token))
    .then((res) => ({ status: res.status, why: `${SERVICE} answered ${res.status}` }))
    .catch((err: unknown) => ({ status: null, why: unanswered(err) }));
  const revoked = answer.status === 204;
  const note = revoked
    ? 'revoked at once'
    : `not revoked (${answer.why}): it expires within the hour, unused`;
  return {
    ...outcome,
    message: `${outcome.message}; the token minted for the check was ${note}`,
    facts: { ...outcome.facts, checkTokenRevoked: revoked ? 'yes' : 'no' },
  };
}

/** Forge's own refusal is named as such: GitHub never saw the revoke. */
function unanswered(err: unknown): string {
  if (err instanceof TransportError && err.failure === 'request-limit') return err.message;
  return `no answer from ${SERVICE}`;
}
