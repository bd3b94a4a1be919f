import type { ServerResponse } from 'node:http';
import { sendJson } from './server';

/**
 * api.atlassian.com's Jira "Get current user" for an OAuth 2.0 access token, as the gateway
 * answers it. One place for every double of the gateway, so they agree.
 *
 * - Path: `/ex/jira/{cloudId}/rest/api/3/myself` ("Requests that use OAuth 2.0 (3LO) are made via
 *   api.atlassian.com", developer.atlassian.com/cloud/oauth/getting-started/making-calls-to-api).
 * - Scopes: classic `read:jira-user`, or the whole granular set read:application-role:jira,
 *   read:group:jira, read:user:jira, read:avatar:jira (Jira REST v3 reference, api-group-myself).
 * - A token without them: 401 `{"code":401,"message":"Unauthorized; scope does not match"}`
 *   (github.com/raycast/extensions/issues/11212; community.atlassian.com "OAuth 3LO Access Token
 *   Returns 401 'Unauthorized; scope does not match'", qaq-p/3062781).
 * - No live token: 401 `{"code":401,"message":"Unauthorized"}`, as for accessible-resources.
 * - A cloudId the grant does not reach: not documented; 404 here, and the probe never asks.
 */
export const MYSELF_PATH = /^\/ex\/jira\/([^/]+)\/rest\/api\/3\/myself$/;
const GRANULAR = [
  'read:application-role:jira',
  'read:group:jira',
  'read:user:jira',
  'read:avatar:jira',
];

export interface GatewayUser {
  accountId: string;
  displayName: string;
  emailAddress?: string;
}

export function canReadMyself(scopes: string[]): boolean {
  return scopes.includes('read:jira-user') || GRANULAR.every((s) => scopes.includes(s));
}

/** Answers myself for `cloudId`; `caller` is null when the bearer token is not a live one. */
export function serveMyself(
  res: ServerResponse,
  cloudId: string,
  caller: { user: GatewayUser; scopes: string[]; cloudIds: string[] } | null,
): void {
  if (!caller) return sendJson(res, 401, { code: 401, message: 'Unauthorized' });
  if (!caller.cloudIds.includes(cloudId)) {
    return sendJson(res, 404, { code: 404, message: 'Not Found' });
  }
  if (!canReadMyself(caller.scopes)) {
    return sendJson(res, 401, { code: 401, message: 'Unauthorized; scope does not match' });
  }
  const { user } = caller;
  sendJson(res, 200, {
    self: `https://api.atlassian.com/ex/jira/${cloudId}/rest/api/3/user?accountId=${user.accountId}`,
    accountId: user.accountId,
    accountType: 'atlassian',
    ...(user.emailAddress ? { emailAddress: user.emailAddress } : {}),
    displayName: user.displayName,
    active: true,
    timeZone: 'Europe/Berlin',
    locale: 'en_US',
  });
}

/**
 * Confluence's Get current user through the gateway, for `product: confluence`.
 *
 * - Path: `/ex/confluence/{cloudId}/wiki/rest/api/user/current` (Confluence REST v1 reference,
 *   api-group-users, "Get current user").
 * - Scopes: read:confluence-user (classic) or read:content-details:confluence (granular); a token
 *   without them gets the gateway's 401 "scope does not match", as for Jira's myself.
 * - The body names the address `email` (not Jira's `emailAddress`) and has `publicName`.
 */
export const CONFLUENCE_CURRENT_PATH =
  /^\/ex\/confluence\/([^/]+)\/wiki\/rest\/api\/user\/current$/;
const CONFLUENCE_USER_SCOPES = ['read:confluence-user', 'read:content-details:confluence'];

export function serveConfluenceCurrent(
  res: ServerResponse,
  cloudId: string,
  caller: { user: GatewayUser; scopes: string[]; cloudIds: string[] } | null,
): void {
  if (!caller) return sendJson(res, 401, { code: 401, message: 'Unauthorized' });
  if (!caller.cloudIds.includes(cloudId)) return sendJson(res, 404, { code: 404 });
  if (!caller.scopes.some((s) => CONFLUENCE_USER_SCOPES.includes(s))) {
    return sendJson(res, 401, { code: 401, message: 'Unauthorized; scope does not match' });
  }
  const { user } = caller;
  sendJson(res, 200, {
    type: 'known',
    accountId: user.accountId,
    accountType: 'atlassian',
    ...(user.emailAddress ? { email: user.emailAddress } : {}),
    publicName: user.displayName,
    displayName: user.displayName,
  });
}

/**
 * Jira's Get projects paginated through the gateway: `GET /ex/jira/{cloudId}/rest/api/3/project/
 * search`, which the Jira REST v3 OpenAPI spec (x-atlassian-oauth2-scopes) lets read:jira-work
 * call. A PageBeanProject; the projects themselves do not matter to the probe.
 */
export const PROJECT_SEARCH_PATH = /^\/ex\/jira\/([^/]+)\/rest\/api\/3\/project\/search(?:\?.*)?$/;

export function serveProjectSearch(
  res: ServerResponse,
  cloudId: string,
  caller: { scopes: string[]; cloudIds: string[] } | null,
): void {
  if (!caller) return sendJson(res, 401, { code: 401, message: 'Unauthorized' });
  if (!caller.cloudIds.includes(cloudId)) return sendJson(res, 404, { code: 404 });
  if (!caller.scopes.includes('read:jira-work')) {
    return sendJson(res, 401, { code: 401, message: 'Unauthorized; scope does not match' });
  }
  sendJson(res, 200, {
    self: `https://api.atlassian.com/ex/jira/${cloudId}/rest/api/3/project/search?maxResults=1&startAt=0`,
    maxResults: 1,
    startAt: 0,
    total: 1,
    isLast: true,
    values: [{ id: '10000', key: 'OPS', name: 'Operations' }],
  });
}
