/**
 * Client-credentials access tokens for vending (RFC 6749 §4.4): an Atlassian service account's
 * OAuth 2.0 credentials at auth.atlassian.com, or a Data Center service account at
 * `{baseUrl}/rest/oauth2/latest/token`, each asked exactly as its probe asks. Both answer with
 * `expires_in` (an hour) and no refresh token; neither documents a way to revoke an access token,
 * so one that cannot be kept simply expires unused.
 */
import type { IntegrationConfig } from '../domain/integration';
import type { ProbeRequest } from '../http/client';
import { interpretClientCredentials, type RefusalWords } from '../probes/oauth/client-credentials';
import * as serviceAccount from '../probes/kinds/atlassian-service-account';
import * as datacenter from '../probes/kinds/datacenter-oauth2-client';
import { parseClientSecret, type ClientSecret } from '../probes/kinds/client-secret';
import type { Minter } from './minter';

type Build = (config: IntegrationConfig, secret: ClientSecret) => ProbeRequest;

const NO_END =
  'the token endpoint did not say when its access token expires (no expires_in), so the app cannot promise it five more minutes';

function clientCredentialsMinter(build: Build, words: (c: IntegrationConfig) => RefusalWords) {
  const minter: Minter = {
    maxRequests: 1,
    async mint({ config, raw, http, now }) {
      const parsed = parseClientSecret(raw);
      if (!parsed.ok) return { ok: false, reason: parsed.error };
      parsed.sensitive.forEach((s) => http.redactor.add(s));
      const res = await http.send(build(config, parsed.secret));
      const read = interpretClientCredentials(res, words(config), now);
      if (!read.ok) return { ok: false, reason: read.outcome.message };
      http.redactor.add(read.tokens.accessToken);
      const { accessToken, expiresAt } = read.tokens;
      return expiresAt ? { ok: true, accessToken, expiresAt } : { ok: false, reason: NO_END };
    },
    discard: async () => undefined,
  };
  return minter;
}

export const serviceAccountMinter = clientCredentialsMinter(
  serviceAccount.buildTokenRequest,
  () => serviceAccount.TOKEN_WORDS,
);

export const datacenterClientMinter = clientCredentialsMinter(
  datacenter.buildTokenRequest,
  datacenter.tokenWords,
);
