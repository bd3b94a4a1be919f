import type { IntegrationConfig } from '../../domain/integration';
import type { ProbeResponse } from '../../http/client';
import { field, str } from '../interpret';
import type { ProbeOutcome } from '../probe';

/**
 * What Atlassian Cloud means by a 401 to an API token, which depends on where it was sent.
 *
 * - Tokens "with scopes" work only through the gateway `api.atlassian.com/ex/{product}/{cloudId}`;
 *   the site (`*.atlassian.net`) answers them 401 (support.atlassian.com, "Manage API tokens for
 *   your Atlassian account"; sooperset/mcp-atlassian#968).
 * - The gateway answers a valid token lacking the operation's scope with 401
 *   `{"code":401,"message":"Unauthorized; scope does not match"}` (HolmesGPT/holmesgpt#2373).
 * - A deactivated account's tokens stay unrevoked but get the same 401 as a revoked token
 *   (jira.atlassian.com ACCESS-1816): only the org inventory, which still lists them, tells.
 */

/** The scopes each identity endpoint needs, as Atlassian's REST reference lists them. */
export const IDENTITY_SCOPES = {
  jira: 'read:jira-user (classic) or read:user:jira, read:application-role:jira, read:group:jira and read:avatar:jira (granular)',
  confluence: 'read:confluence-user (classic) or read:content-details:confluence (granular)',
} as const;

const SCOPE_MISMATCH = /scope does not match/i;

/** Where an admin finds a site's cloud id without signing in. */
export function tenantInfoUrl(siteUrl: string): string | null {
  try {
    return `${new URL(siteUrl).origin}/_edge/tenant_info`;
  } catch {
    return null;
  }
}

/** What else a 401 can mean for an Atlassian account, and where the admin can tell. */
export function deactivationHint(orgInventory: boolean | undefined): string {
  return orgInventory
    ? ' — or its account was deactivated, which Atlassian answers with the same 401 without revoking the token: the Organisation tokens tab shows which (a revoked token is marked revoked there; one still listed was not revoked, so look at its owner)'
    : ' — or its account was deactivated, which Atlassian answers with the same 401';
}

function gatewayMessage(res: ProbeResponse): string | undefined {
  if (!res.contentType.includes('json')) return undefined;
  try {
    return str(field(JSON.parse(res.text) as unknown, 'message'));
  } catch {
    return undefined;
  }
}

function siteHint(config: IntegrationConfig): string {
  const lookup = config.baseUrl ? tenantInfoUrl(config.baseUrl) : null;
  return (
    '. If it is an API token with scopes, the site refuses it: such tokens work only through api.atlassian.com — ' +
    `leave the site URL empty and set the site's cloud id (the form's Find cloud id button reads it${lookup ? ` from ${lookup}` : ''})`
  );
}

export interface RefusalContext {
  config: IntegrationConfig;
  service: string;
  /** The site flagged the login as failed (X-Seraph-LoginReason: AUTHENTICATED_FAILED). */
  flaggedFailed: boolean;
  orgInventory?: boolean;
}

/** The verdict for a plain 401 from a site or the gateway. */
export function atlassianRefusal(res: ProbeResponse, ctx: RefusalContext): ProbeOutcome {
  const { config, service } = ctx;
  const product = config.product ?? 'jira';
  if (config.cloudId) {
    if (SCOPE_MISMATCH.test(gatewayMessage(res) ?? '')) {
      return {
        verdict: 'insufficient-scope',
        message: `${service} answered 401 "scope does not match" through api.atlassian.com: the token is valid but lacks the scope to read the current user; give it ${IDENTITY_SCOPES[product]}`,
      };
    }
    return {
      verdict: 'rejected',
      message: `${service} answered 401 through api.atlassian.com: the token is no longer accepted (revoked, expired or mistyped, or a token without scopes, which belongs on the site URL)${deactivationHint(ctx.orgInventory)}`,
    };
  }
  const why = ctx.flaggedFailed
    ? ' and flagged the login as failed: the token or email is no longer accepted'
    : ': the credential is no longer accepted (revoked, expired or mistyped)';
  return {
    verdict: 'rejected',
    message: `${service} answered 401${why}${deactivationHint(ctx.orgInventory)}${siteHint(config)}`,
  };
}
