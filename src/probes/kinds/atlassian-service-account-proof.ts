/**
 * Which gateway call proves a service account's token. The admin picks the credential's scopes
 * for what the integration does, and Get current user may not be among them: a credential holding
 * `read:jira-work write:jira-work` cannot ask who it is, yet works. So the check asks who it is
 * only when the scopes allow it, else calls an endpoint they do cover and leaves the identity
 * unknown, rather than calling a scope the integration never needed missing.
 */
import type { IntegrationConfig } from '../../domain/integration';

export type Product = 'jira' | 'confluence';

/** A gateway call a scope covers, relative to `/ex/{product}/{cloudId}`. */
export interface ProofCall {
  kind: 'identity' | 'reach';
  path: string;
  /** The operation's name in the product's REST reference, for messages. */
  operation: string;
}

/**
 * Get current user: Jira REST v3 OpenAPI, `GET /rest/api/3/myself`, x-atlassian-oauth2-scopes
 * read:jira-user, or the granular set (developer.atlassian.com/cloud/jira/platform/rest/v3/
 * api-group-myself); Confluence REST v1 `GET /wiki/rest/api/user/current`, read:confluence-user
 * or read:content-details:confluence (developer.atlassian.com/cloud/confluence/rest/v1/
 * api-group-users).
 */
const IDENTITY: Record<Product, { path: string; covered: (s: Set<string>) => boolean }> = {
  jira: {
    path: '/rest/api/3/myself',
    covered: (s) =>
      s.has('read:jira-user') ||
      ['read:user:jira', 'read:application-role:jira', 'read:group:jira', 'read:avatar:jira'].every(
        (g) => s.has(g),
      ),
  },
  confluence: {
    path: '/wiki/rest/api/user/current',
    covered: (s) => s.has('read:confluence-user') || s.has('read:content-details:confluence'),
  },
};

/**
 * A cheap read any working token of these scopes may make: Jira's Get projects paginated
 * (`GET /rest/api/3/project/search`, x-atlassian-oauth2-scopes read:jira-work in the Jira REST v3
 * OpenAPI); Confluence's Get spaces (`GET /wiki/rest/api/space`, read:confluence-space.summary in
 * the Confluence REST v1 reference, api-group-space). One result is enough.
 */
const REACH: Record<Product, { scope: string; call: ProofCall }> = {
  jira: {
    scope: 'read:jira-work',
    call: {
      kind: 'reach',
      path: '/rest/api/3/project/search?maxResults=1',
      operation: 'Get projects',
    },
  },
  confluence: {
    scope: 'read:confluence-space.summary',
    call: { kind: 'reach', path: '/wiki/rest/api/space?limit=1', operation: 'Get spaces' },
  },
};

export const productOf = (config: IntegrationConfig): Product => config.product ?? 'jira';

/**
 * The call that proves a token holding `scopes` (the token's own list, else the ones the
 * integration declares); with none known, Get current user, whose refusal then names its scope.
 * Null when the scopes cover neither call: the issued token is all the proof there is.
 */
export function proofCall(product: Product, scopes: string[]): ProofCall | null {
  const held = new Set(scopes);
  const identity: ProofCall = {
    kind: 'identity',
    path: IDENTITY[product].path,
    operation: 'Get current user',
  };
  if (held.size === 0 || IDENTITY[product].covered(held)) return identity;
  return held.has(REACH[product].scope) ? REACH[product].call : null;
}
