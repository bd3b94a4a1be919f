import type { CredentialKind, IntegrationConfig } from './integration';

/**
 * Where each kind's probe sends the secret when no baseUrl is given: the `defaultBaseUrl` of its
 * probe in src/probes/kinds (a test keeps the two in step). Null: the kind needs a typed address.
 */
export const DEFAULT_BASE_URLS: Readonly<Record<CredentialKind, string | null>> = {
  'atlassian-api-token': null,
  'atlassian-admin-api-key': 'https://api.atlassian.com',
  'atlassian-oauth2': 'https://api.atlassian.com',
  'datacenter-pat': null,
  'bitbucket-datacenter-token': null,
  'bitbucket-cloud-api-token': 'https://api.bitbucket.org',
  'github-token': 'https://api.github.com',
  'gitlab-token': 'https://gitlab.com',
  'slack-token': 'https://slack.com',
  http: null,
  'github-app': 'https://api.github.com',
  'atlassian-service-account': 'https://api.atlassian.com',
  'datacenter-oauth2-client': null,
  'saml-idp-certificate': null,
  'scim-directory-key': 'https://api.atlassian.com',
};

/** Atlassian's scoped-token gateway, reached by an API token given a cloudId and no site URL. */
export const ATLASSIAN_GATEWAY = 'https://api.atlassian.com';
/** Where a kept OAuth grant's client secret and refresh token go when no tokenUrl is given. */
export const ATLASSIAN_TOKEN_URL = 'https://auth.atlassian.com/oauth/token';

export const RETARGETED = 'the target changed: enter the secret again';

/**
 * Where a secret goes and how it is presented there. A stored secret is bound to the target it
 * was entered for: any change here means whoever edits it must type the secret again, or anyone
 * allowed to edit could aim it at a server of their own and read it from the request.
 */
export interface CredentialTarget {
  /** Each address the secret, or a token it buys, is sent to, named by its audit label. */
  readonly urls: Readonly<Record<string, string>>;
  /** What else decides who receives it or how: kind, auth mode, header, user, site, org. */
  readonly how: Readonly<Record<string, string>>;
}

/**
 * Scheme, host, port, path and query: hosts such as *.environment.api.powerplatform.com serve
 * many tenants, told apart by the path. Only a trailing slash is dropped, since the probes join
 * paths without it.
 */
function normalUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname.replace(/\/+$/, '')}${u.search}`;
  } catch {
    return url;
  }
}

/** Keeps only the entries that have a value. */
function defined(entries: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(entries).filter((e): e is [string, string] => e[1] !== undefined),
  );
}

/** How the http kind presents the secret: as a bearer token, a basic password or a raw header. */
function httpHow(config: IntegrationConfig): Record<string, string | undefined> {
  const auth = config.auth ?? 'bearer';
  return {
    auth,
    // Header names are case-insensitive (RFC 9110 §5.1): only the name itself counts.
    headerName:
      auth === 'header' ? (config.headerName ?? 'Authorization').toLowerCase() : undefined,
    username: auth === 'basic' ? config.username : undefined,
  };
}

function apiUrl(config: IntegrationConfig): string | undefined {
  if (config.kind === 'http') return config.url;
  if (config.kind === 'saml-idp-certificate') return config.metadataUrl;
  const fallback =
    config.kind === 'atlassian-api-token' && config.cloudId
      ? ATLASSIAN_GATEWAY
      : DEFAULT_BASE_URLS[config.kind];
  return config.baseUrl ?? fallback ?? undefined;
}

/** What else, beyond the address, decides who receives this kind's secret or how. */
function kindHow(config: IntegrationConfig): Record<string, string | undefined> {
  switch (config.kind) {
    case 'http':
      return httpHow(config);
    case 'atlassian-api-token':
      // Behind the gateway, product and cloudId pick the site; username is the Basic user.
      return {
        username: config.username,
        cloudId: config.cloudId,
        product: config.cloudId ? (config.product ?? 'jira') : undefined,
      };
    case 'bitbucket-cloud-api-token':
      // With a username the token goes as Basic for that account, without as Bearer.
      return { username: config.username };
    case 'atlassian-admin-api-key':
      // A key belongs to one organisation: another org's admins should not get it to check.
      return { orgId: config.orgId };
    case 'github-app':
      // The app id picks which public key GitHub checks the signature with.
      return { appId: config.appId };
    case 'atlassian-service-account':
      // The token it buys goes to this site's product.
      return { cloudId: config.cloudId, product: config.product ?? 'jira' };
    case 'scim-directory-key':
      // A key administers one directory: the id in the path (or in the base URL) picks it.
      return { directoryId: config.directoryId };
    default:
      return {};
  }
}

/** Where a kind that buys tokens sends its client secret (a kept grant, a service account). */
function tokenUrl(config: IntegrationConfig): string | undefined {
  const buys =
    (config.kind === 'atlassian-oauth2' && config.mode !== 'observe') ||
    config.kind === 'atlassian-service-account';
  return buys ? (config.tokenUrl ?? ATLASSIAN_TOKEN_URL) : undefined;
}

/** The target of an integration's secret; its name, schedule and expiry settings are not in it. */
export function integrationTarget(config: IntegrationConfig): CredentialTarget {
  const api = apiUrl(config);
  // A kept grant sends its client secret and refresh token to the token endpoint, and the access
  // token they buy to the API: both are where the secret goes. Observing never calls the former.
  const token = tokenUrl(config);
  return {
    urls: defined({
      host: api && normalUrl(api),
      'token host': token && normalUrl(token),
    }),
    how: defined({ kind: config.kind, ...kindHow(config) }),
  };
}

/**
 * A channel's target. Only a signed webhook keeps a secret apart from its address: its signing
 * key. Slack and Teams webhook URLs are the secret itself, and the Jira channels have none.
 */
export function channelTarget(config: { type: string; url?: string }): CredentialTarget {
  const url = config.type === 'webhook' ? config.url : undefined;
  return { urls: defined({ host: url && normalUrl(url) }), how: { type: config.type } };
}

/** The org token inventory's Admin API key: sent to the Admin API about one organisation. */
export function inventoryTarget(source: { orgId: string; baseUrl?: string }): CredentialTarget {
  const base = source.baseUrl ?? DEFAULT_BASE_URLS['atlassian-admin-api-key'] ?? '';
  return { urls: { host: normalUrl(base) }, how: { orgId: source.orgId } };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Host and path, never the query, which may hold a signature (say, a Logic App's `sig`). */
function place(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return url;
  }
}

function urlChange(label: string, before?: string, after?: string): string {
  // The same host twice says nothing: then the paths tell the two apart.
  const sameHost = before && after && hostOf(before) === hostOf(after);
  const show = (url?: string) => (url ? (sameHost ? place(url) : hostOf(url)) : 'none');
  return `${label} ${show(before)} → ${show(after)}`;
}

/** Each difference in plain words for the audit log, e.g. "host jira.acme.com → evil.example". */
export function targetChanges(before: CredentialTarget, after: CredentialTarget): string[] {
  const changes: string[] = [];
  for (const label of new Set([...Object.keys(before.urls), ...Object.keys(after.urls)])) {
    const [a, b] = [before.urls[label], after.urls[label]];
    if (a !== b) changes.push(urlChange(label, a, b));
  }
  for (const label of new Set([...Object.keys(before.how), ...Object.keys(after.how)])) {
    const [a, b] = [before.how[label], after.how[label]];
    if (a !== b) changes.push(`${label} ${a ?? 'none'} → ${b ?? 'none'}`);
  }
  return changes;
}

export function sameTarget(before: CredentialTarget, after: CredentialTarget): boolean {
  return targetChanges(before, after).length === 0;
}
