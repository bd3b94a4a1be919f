/**
 * What each credential kind needs besides its fields' own formats: pure, with no schema library,
 * so the page asks for the same fields in the same words before anything is sent.
 */
import type { IntegrationConfig } from './integration';

export type Issue = [field: keyof IntegrationConfig, message: string];

/**
 * With a cloudId, baseUrl stands in for the gateway (a proxy, a test double). A site URL there
 * would send the token to `{site}/ex/…`, which no site serves: tokens with scopes go to
 * api.atlassian.com.
 */
function siteAsGateway(c: IntegrationConfig): Issue[] {
  if (!c.cloudId || !c.baseUrl || !URL.canParse(c.baseUrl)) return [];
  return new URL(c.baseUrl).hostname.endsWith('.atlassian.net')
    ? [
        [
          'baseUrl',
          'leave the site URL empty when you give a Cloud ID: a token with scopes is checked through api.atlassian.com (the site URL is for a classic token)',
        ],
      ]
    : [];
}

/**
 * Kinds that hold no secret: a SAML identity provider publishes its signing certificates in
 * public metadata. The form asks for no secret, the resolvers store none, the CLI needs none.
 */
const SECRETLESS: ReadonlySet<IntegrationConfig['kind']> = new Set(['saml-idp-certificate']);

export function takesSecret(kind: IntegrationConfig['kind']): boolean {
  return !SECRETLESS.has(kind);
}

/**
 * The directory id in the SCIM base URL as Atlassian shows it
 * (`https://api.atlassian.com/scim/directory/{directoryId}`, developer.atlassian.com/cloud/admin/
 * user-provisioning/rest/intro/), or null when the URL is an origin or does not parse.
 */
export function scimDirectoryOf(baseUrl: string | undefined): string | null {
  if (!baseUrl || !URL.canParse(baseUrl)) return null;
  const match = /\/scim\/directory\/([^/]+)\/*$/.exec(new URL(baseUrl).pathname);
  return match?.[1] ? decodeURIComponent(match[1]) : null;
}

function scimIssues(c: IntegrationConfig): Issue[] {
  const inUrl = scimDirectoryOf(c.baseUrl);
  if (!c.directoryId && !inUrl) {
    return [
      [
        'directoryId',
        'the directory id is required, or paste the SCIM base URL Atlassian shows (…/scim/directory/{id}) as the base URL',
      ],
    ];
  }
  if (c.directoryId && inUrl && c.directoryId !== inUrl) {
    return [
      ['directoryId', `the base URL names directory ${inUrl}: leave this empty or make them match`],
    ];
  }
  return [];
}

export function kindIssues(c: IntegrationConfig): Issue[] {
  switch (c.kind) {
    case 'atlassian-api-token':
      return [
        ...(c.username ? [] : [['username', 'the Atlassian account email is required'] as Issue]),
        ...(c.baseUrl || c.cloudId
          ? []
          : [
              [
                'baseUrl',
                'give the site URL (https://your-site.atlassian.net) or a Cloud ID',
              ] as Issue,
            ]),
        ...siteAsGateway(c),
      ];
    case 'atlassian-admin-api-key':
      return c.orgId ? [] : [['orgId', 'the organisation ID is required']];
    case 'bitbucket-datacenter-token':
      return [...dataCenterIssues(c), ...bitbucketScopeIssues(c)];
    case 'datacenter-pat':
      return dataCenterIssues(c);
    case 'datacenter-oauth2-client':
      return c.baseUrl ? [] : [['baseUrl', 'the Data Center base URL is required']];
    case 'bitbucket-cloud-api-token':
      return c.repository && !c.workspace
        ? [['workspace', 'a repository needs the workspace it belongs to']]
        : [];
    case 'github-app':
      return c.appId
        ? []
        : [['appId', 'the App ID is required (the app’s settings page shows it)']];
    case 'http':
      return [
        ...(c.url ? [] : [['url', 'the URL to check is required'] as Issue]),
        ...(c.auth === 'header' && !c.headerName
          ? [['headerName', 'give the name of the header the credential is sent in'] as Issue]
          : []),
        ...(c.auth === 'basic' && !c.username
          ? [
              [
                'username',
                'give the username sent with the credential (basic authentication)',
              ] as Issue,
            ]
          : []),
        ...(c.method === 'HEAD' && (c.expectJsonPointer !== undefined || c.expiryJsonPointer)
          ? [['method', 'a HEAD answer has no body to read JSON pointers from; use GET'] as Issue]
          : []),
      ];
    case 'atlassian-service-account':
      return serviceAccountIssues(c);
    case 'saml-idp-certificate':
      return c.metadataUrl
        ? []
        : [['metadataUrl', 'the identity provider’s SAML metadata URL is required']];
    case 'scim-directory-key':
      return scimIssues(c);
    default:
      return [];
  }
}

function dataCenterIssues(c: IntegrationConfig): Issue[] {
  return c.baseUrl ? [] : [['baseUrl', 'the Data Center base URL is required']];
}

/** A token belongs to one user, one project or one repository: the fields must say which. */
function bitbucketScopeIssues(c: IntegrationConfig): Issue[] {
  if (c.repoSlug && !c.projectKey) {
    return [['projectKey', 'a repository token needs the key of the repository’s project too']];
  }
  if (c.projectKey && c.username) {
    return [
      [
        'username',
        'leave the owner empty for a project or repository token: such a token belongs to no user',
      ],
    ];
  }
  return [];
}

/**
 * The site is named by its cloud id. No expiry date is asked for: Atlassian documents none for a
 * service account's OAuth 2.0 credentials (support.atlassian.com, "Create OAuth 2.0 credential for
 * service accounts": a name and scopes, no expiry), so one is entered only where the org set one.
 */
function serviceAccountIssues(c: IntegrationConfig): Issue[] {
  return [
    ...(c.cloudId
      ? []
      : [
          [
            'cloudId',
            "the site's Cloud ID is required: the token is used through api.atlassian.com/ex/{product}/{Cloud ID}",
          ] as Issue,
        ]),
    ...siteAsGateway(c),
  ];
}
