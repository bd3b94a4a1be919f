import { tokenScope } from './bitbucket-scope';
import type { CredentialKind, IntegrationConfig } from './integration';

/** How to replace a credential of one kind, with the integration's own URLs filled in. */
export interface RenewalGuide {
  title: string;
  /** Plain steps, with the integration's own URLs filled in; copyable. */
  steps: string[];
  links: { label: string; url: string }[];
  /** How long a new credential of this kind may live, when the service limits it. */
  maxLifetime: string | null;
}

const ATLASSIAN_TOKENS = 'https://id.atlassian.com/manage-profile/security/api-tokens';
const ADMIN_KEYS_DOC =
  'https://support.atlassian.com/organization-administration/docs/manage-an-organization-with-the-admin-apis/';
const DEV_CONSOLE = 'https://developer.atlassian.com/console/myapps/';
const OAUTH_DOC = 'https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/';
const DEFAULT_TOKEN_URL = 'https://auth.atlassian.com/oauth/token';

/** Where the new credential goes once made: here, and in the integration that uses it. */
const SWITCH =
  'Put the new credential into the integration that uses it, then into Token Health: Edit → Secret → Test → Save.';

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** What the last check learnt about the token (its listed id, permissions…), never secret. */
export type Facts = Record<string, string>;

type Guide = (config: IntegrationConfig, name: string, facts: Facts) => RenewalGuide;

/** A listed token id from the last check, else a numeric tokenId from the settings. */
function listedId(c: IntegrationConfig, facts: Facts): string | null {
  const id = [facts['tokenId'], c.tokenId].find((v) => v && /^\d+$/.test(v));
  return id ?? null;
}

const atlassianApiToken: Guide = (c, name) => ({
  title: 'Create a new Atlassian API token',
  steps: [
    `Sign in to id.atlassian.com as ${c.username ?? 'the account the integration uses'}: API tokens belong to that account, not to the site.`,
    `Open ${ATLASSIAN_TOKENS} and choose ${c.cloudId ? 'Create API token with scopes (this integration uses the scoped gateway)' : 'Create API token'}.`,
    `Name it "${name}" and choose when it expires: 1 to 365 days from today.`,
    'Copy the token at once: Atlassian shows it only this one time.',
    SWITCH,
    'Once Token Health reports it healthy, revoke the old token on the same page.',
  ],
  links: [
    { label: 'Atlassian API tokens', url: ATLASSIAN_TOKENS },
    ...(c.baseUrl ? [{ label: 'The site', url: trimSlash(c.baseUrl) }] : []),
  ],
  maxLifetime: '1 to 365 days, chosen when the token is created',
});

const adminApiKey: Guide = (c, name) => ({
  title: 'Create a new organisation API key',
  steps: [
    `Go to https://admin.atlassian.com and select the organisation${c.orgId ? ` ${c.orgId}` : ''}.`,
    'Select Settings → API keys, then Create API key (with the same scopes as the old key, if it had any).',
    `Name it "${c.tokenId ?? name}" and pick Expires on: one week unless you change it, at most one year ahead.`,
    "Give it read:keys:admin (the check lists the organisation's API keys to read the key's expiry); if tokenId holds the old key's id, set it to the new one's.",
    'Copy the organisation ID and the API key at once: the key is shown only this one time.',
    SWITCH,
    'Then revoke the old key: Settings → API keys → Actions → Revoke.',
  ],
  links: [
    { label: 'Atlassian Administration', url: 'https://admin.atlassian.com' },
    { label: 'Manage an organization with the admin APIs', url: ADMIN_KEYS_DOC },
  ],
  maxLifetime: 'At most one year from creation (one week unless you pick a date)',
});

const oauthGrant: Guide = (c) => ({
  title: 'Renew the OAuth 2.0 (3LO) grant: consent again',
  steps: [
    'A grant cannot be extended: the user who consented must consent again.',
    `In the developer console (${DEV_CONSOLE}) open the app → Authorization → OAuth 2.0 (3LO) and copy its authorization URL; it must ask for the offline_access scope to get a refresh token.`,
    `Have the consenting user open it, choose the site${c.cloudId ? ` (cloudId ${c.cloudId})` : ''} and Accept.`,
    `Exchange the code it returns at ${c.tokenUrl ?? DEFAULT_TOKEN_URL} (grant_type=authorization_code) for a new access token and refresh token.`,
    c.mode === 'observe'
      ? 'The integration that owns the grant stores its new tokens; enter its current access token here as {"accessToken": "…"} to keep observing it.'
      : 'Enter {"clientId", "clientSecret", "refreshToken"} with the new refresh token as this integration\'s secret, set consentedAt to today, and Save: from then on only Token Health refreshes it.',
  ],
  links: [
    { label: 'Developer console', url: DEV_CONSOLE },
    { label: 'OAuth 2.0 (3LO) apps', url: OAUTH_DOC },
  ],
  maxLifetime: 'A refresh token dies after 90 days unused, and the grant 365 days after consent',
});

function patPage(base: string, product: IntegrationConfig['product']): string {
  return product === 'confluence'
    ? `${base}/plugins/personalaccesstokens/usertokens.action`
    : `${base}/secure/ViewProfile.jspa?selectedTab=com.atlassian.pats.pats-plugin:jira-user-personal-access-tokens`;
}

/** Data Center PATs go as Bearer: recent versions can turn Basic authentication off. */
const datacenterPat: Guide = (c, name, facts) => {
  const base = trimSlash(c.baseUrl ?? 'https://<your server>');
  const user = c.username ?? 'the token owner';
  const page = patPage(base, c.product);
  const tokens = `${base}/rest/pat/latest/tokens`;
  const bearer = (which: string) => `-H 'Authorization: Bearer <${which} PAT>'`;
  return {
    title: `Create a new ${c.product === 'confluence' ? 'Confluence' : 'Jira'} personal access token`,
    steps: [
      'Data Center cannot extend a token: create a new one, switch to it, then revoke the old one.',
      `Sign in to ${base} as ${user} and open Profile → Personal Access Tokens: ${page}`,
      `Choose Create token, name it "${name}" and set when it expires. Or, while the current token still works: curl -X POST ${bearer('current')} -H 'Content-Type: application/json' -d '{"name": "${name}", "expirationDuration": 90}' ${tokens} — "rawToken" in the answer is the new token.`,
      'Copy the token at once: it is shown only this one time.',
      SWITCH,
      `Revoke the old token on the same page, or with the new one: curl -X DELETE ${bearer('new')} ${tokens}/${listedId(c, facts) ?? '<old token id, from the token list>'}`,
    ],
    links: [{ label: 'Personal access tokens', url: page }],
    maxLifetime: null,
  };
};

const PERMISSION = /^(REPO|PROJECT)_(READ|WRITE|ADMIN)$/;

/** The old token's permissions as a JSON list, only when every one is a known level. */
function permissionsOf(facts: Facts): string {
  const listed = (facts['permissions'] ?? '').split(',').map((p) => p.trim());
  if (listed.length === 0 || !listed.every((p) => PERMISSION.test(p))) {
    return '["<the old token’s permissions, from the list>"]';
  }
  return `[${listed.map((p) => `"${p}"`).join(', ')}]`;
}

const SERVICE_ACCOUNTS_DC_DOC =
  'https://confluence.atlassian.com/enterprise/service-accounts-overview-1627095923.html';

/** Data Center service accounts are managed in the product's administration, not a profile. */
const datacenterServiceAccount: Guide = (c, name) => {
  const base = trimSlash(c.baseUrl ?? 'https://<your server>');
  return {
    title: `Give the ${c.product === 'confluence' ? 'Confluence' : 'Jira'} service account new OAuth 2.0 credentials`,
    steps: [
      `Sign in to ${base} as an administrator and open Administration → Service accounts (user management).`,
      `Select the service account${c.expectedAccountId ? ` ${c.expectedAccountId}` : ` this integration ("${name}") uses`} and create new credentials for it, with the scopes it needs${c.scopes ? ` (${c.scopes})` : ' (READ at least, for the check)'}.`,
      'Copy the client ID and client secret at once: the secret is shown only this one time.',
      SWITCH,
      'Once Token Health reports it healthy, remove the old credentials from the service account.',
    ],
    links: [
      { label: 'The server', url: base },
      { label: 'Service accounts overview', url: SERVICE_ACCOUNTS_DC_DOC },
    ],
    maxLifetime: null,
  };
};

const bitbucketDatacenter: Guide = (c, name, facts) => {
  const base = trimSlash(c.baseUrl ?? 'https://<your server>');
  const scope = tokenScope(c);
  const tokens = `${base}/rest/access-tokens/latest${scope?.path ?? `/users/${encodeURIComponent('<username>')}`}`;
  const who = scope?.manager ?? 'the user who owns it';
  const login = `curl -u ${c.projectKey ? `<username of ${who}>` : (c.username ?? '<username>')}`;
  const days = /^\d+$/.test(facts['expiryDays'] ?? '') ? facts['expiryDays'] : '90';
  const where = c.projectKey
    ? `${c.repoSlug ? 'Repository' : 'Project'} settings → HTTP access tokens`
    : 'Profile picture → Manage account → HTTP access tokens';
  return {
    title: 'Replace the Bitbucket access token: list, re-create, delete',
    steps: [
      `Bitbucket has no API to renew a token. A token cannot manage tokens, so these calls use the password of ${who} (or, in the browser: ${where}).`,
      `List the tokens to find the old one, its id and its permissions: ${login} ${tokens}`,
      `Re-create it with the same permissions: ${login} -X PUT -H 'Content-Type: application/json' -d '{"name": "${name}", "permissions": ${permissionsOf(facts)}, "expiryDays": ${days}}' ${tokens} — copy "token" from the answer at once: it is shown only this one time.`,
      SWITCH,
      `Delete the old token once nothing uses it: ${login} -X DELETE ${tokens}/${listedId(c, facts) ?? '<token id>'}`,
    ],
    links: [{ label: `The tokens of ${scope?.label ?? 'the owner'} (REST)`, url: tokens }],
    maxLifetime: null,
  };
};

/** Bitbucket Cloud stopped taking app passwords on this day (brownouts from 2026-06-09). */
const APP_PASSWORDS_REMOVED = '2026-07-28';

const bitbucketApiToken: Guide = (c, name) => {
  // An app password went with the Bitbucket username; an API token needs the account email.
  const appPassword = c.username !== undefined && !c.username.includes('@');
  return {
    title: appPassword
      ? 'Replace the app password with a Bitbucket Cloud API token'
      : 'Create a new Bitbucket Cloud API token',
    steps: [
      ...(appPassword
        ? [
            `App passwords cannot be renewed: Bitbucket Cloud removed them on ${APP_PASSWORDS_REMOVED}. Its replacement is an API token, which goes with the account email, not the Bitbucket username ${c.username}.`,
          ]
        : []),
      `Sign in to id.atlassian.com as ${appPassword ? 'the account' : (c.username ?? 'the account the integration uses')}.`,
      `Open ${ATLASSIAN_TOKENS} and choose Create API token with scopes, app Bitbucket, with read:user:bitbucket and the scopes the integration needs.`,
      `Name it "${name}" and choose when it expires: 1 to 365 days from today.`,
      'Copy the token at once: it is shown only this one time.',
      `${SWITCH}${appPassword ? ' Change the username to the account email as well.' : ''}`,
      'Once Token Health reports it healthy, revoke the old credential.',
    ],
    links: [{ label: 'Atlassian API tokens', url: ATLASSIAN_TOKENS }],
    maxLifetime: '1 to 365 days, chosen when the token is created',
  };
};

/** An access token belongs to a workspace, project or repository, and is made in its settings. */
const bitbucketAccessToken: Guide = (c, name) => {
  const workspace = encodeURIComponent(c.workspace ?? '<workspace>');
  const settings = c.repository
    ? `https://bitbucket.org/${workspace}/${encodeURIComponent(c.repository)}/admin`
    : `https://bitbucket.org/${workspace}/workspace/settings`;
  return {
    title: 'Create a new Bitbucket Cloud access token',
    steps: [
      'An access token cannot be renewed or viewed again: create a new one where the old one was made, with the same scopes.',
      `As an admin, open ${settings} → Access tokens (for a project token: the project's settings → Access tokens) and choose Create.`,
      `Name it "${name}" and give it the scopes the old token had.`,
      'Copy the token at once: it is shown only this one time.',
      SWITCH,
      'Once Token Health reports it healthy, revoke the old token on the same page.',
    ],
    links: [{ label: c.repository ? 'Repository settings' : 'Workspace settings', url: settings }],
    maxLifetime: null,
  };
};

const bitbucketCloud: Guide = (c, name, facts) =>
  c.username ? bitbucketApiToken(c, name, facts) : bitbucketAccessToken(c, name, facts);

/** GitHub.com, or GitHub Enterprise Server whose API lives under /api/v3. */
function githubWeb(baseUrl: string | undefined): string {
  if (!baseUrl || new URL(baseUrl).hostname === 'api.github.com') return 'https://github.com';
  return trimSlash(baseUrl).replace(/\/api\/v3$/, '');
}

const githubToken: Guide = (c, name) => {
  const web = githubWeb(c.baseUrl);
  return {
    title: 'Create or regenerate the GitHub token',
    steps: [
      `Sign in to ${web} as the account the integration uses.`,
      `Fine-grained token: ${web}/settings/personal-access-tokens → the token → Regenerate token, or Generate new token named "${name}" with the same repositories and permissions.`,
      `Classic token: ${web}/settings/tokens → the token → Regenerate token (same scopes, new expiry).`,
      'Copy the token at once: it is shown only this one time.',
      ...(c.organization
        ? [
            `A regenerated classic token must be authorised again for ${c.organization}'s SAML single sign-on: ${web}/settings/tokens → Configure SSO → Authorize next to ${c.organization}. A fine-grained token is authorised when it is made with ${c.organization} as its resource owner.`,
          ]
        : []),
      SWITCH,
    ],
    links: [
      { label: 'Fine-grained tokens', url: `${web}/settings/personal-access-tokens` },
      { label: 'Classic tokens', url: `${web}/settings/tokens` },
    ],
    maxLifetime:
      'Fine-grained tokens must expire, at most a year ahead; classic tokens may not expire',
  };
};

/**
 * docs.github.com, "Managing private keys for GitHub Apps": an app may hold several keys so one
 * can be swapped without downtime; keys do not expire, and deleting one is what revokes it.
 */
const githubApp: Guide = (c) => {
  const web = githubWeb(c.baseUrl);
  return {
    title: 'Generate a new private key for the GitHub App',
    steps: [
      `Open the app's settings as its owner: ${web}/settings/apps for an app of your account, or ${web}/organizations/<organisation>/settings/apps for an organisation's, then Edit next to the app (App ID ${c.appId ?? 'as configured'}).`,
      'Under Private keys, choose Generate a private key: the .pem file downloads once (GitHub keeps only its public half).',
      'Paste the whole file into the integration that signs with it, and into Token Health: Edit → Secret → Test → Save.',
      'Once Token Health reports the new key healthy, delete the old key under Private keys: deleting is what revokes it, since keys never expire on their own.',
    ],
    links: [{ label: 'Your GitHub Apps', url: `${web}/settings/apps` }],
    maxLifetime: 'None: GitHub App private keys do not expire; one lasts until it is deleted',
  };
};

/**
 * GitLab's rotate API (doc/api/personal_access_tokens.md, "Rotate a personal access token" and
 * "Self-rotate"): without `expires_at` the new token lives only one week when the instance
 * requires an expiry (GitLab.com does); self-rotation needs the `api` or `self_rotate` scope, and a
 * token that has expired or was revoked cannot rotate at all (401).
 */
const gitlabToken: Guide = (c, name) => {
  const base = trimSlash(c.baseUrl ?? 'https://gitlab.com');
  return {
    title: 'Rotate the GitLab token',
    steps: [
      `Rotate it in one call while it still works, if it has the api or self_rotate scope (the old token stops at once): curl -X POST -H "PRIVATE-TOKEN: <current token>" "${base}/api/v4/personal_access_tokens/self/rotate?expires_at=<YYYY-MM-DD>" — the answer's "token" is the new one.`,
      'Always pass expires_at (the new expiry date): without it GitLab gives the new token only one week wherever tokens must expire (GitLab.com, and self-managed by default). A 403 means the token lacks the api or self_rotate scope; a 401 means it has already expired or was revoked: create a new one instead.',
      `Or in the browser: ${base}/-/user_settings/personal_access_tokens → Add new token "${name}" with the same scopes, then revoke the old one.`,
      SWITCH,
    ],
    links: [
      { label: 'Personal access tokens', url: `${base}/-/user_settings/personal_access_tokens` },
    ],
    maxLifetime: 'GitLab requires an expiry date, by default at most 365 days ahead',
  };
};

const slackToken: Guide = () => ({
  title: 'Get a new Slack token',
  steps: [
    'Open https://api.slack.com/apps and choose the app, then OAuth & Permissions.',
    'If the token was revoked (the app was uninstalled, or the token leaked), choose Reinstall to Workspace to issue a new one, then copy the Bot User OAuth Token (xoxb-…).',
    'If the app uses token rotation (its tokens start xoxe.), Token Health cannot watch them: each lives 12 hours and the app renews it with its refresh token, so monitor that refresh in the app instead.',
    SWITCH,
  ],
  links: [{ label: 'Your Slack apps', url: 'https://api.slack.com/apps' }],
  maxLifetime:
    'None without token rotation; with it 12 hours, renewed by the app with its refresh token (not watched here)',
});

const httpCheck: Guide = (c) => ({
  title: 'Replace the credential',
  steps: [
    `Create a new credential where this one was issued: the service behind ${c.url ?? 'the checked URL'}.`,
    SWITCH,
    'Once Token Health reports it healthy, revoke the old credential there.',
  ],
  links: [],
  maxLifetime: null,
});

const SERVICE_ACCOUNTS_DOC =
  'https://support.atlassian.com/user-management/docs/create-oauth-2-0-credential-for-service-accounts/';

/** Credentials are made, never extended: new ones replace the old, which are then revoked. */
const serviceAccount: Guide = (c, name) => ({
  title: 'Create new OAuth 2.0 credentials for the service account',
  steps: [
    `Go to https://admin.atlassian.com, open Directory → Service accounts and select the service account${c.expectedAccountId ? ` ${c.expectedAccountId}` : ' this integration uses'}.`,
    `Choose Create credentials → OAuth 2.0 and select the scopes the old credentials had${c.scopes ? ` (this integration needs ${c.scopes})` : ''}; ${c.product === 'confluence' ? 'read:confluence-user' : 'read:jira-user'} (or its granular equivalents) also lets the check name the service account.`,
    `Name them "${name}".`,
    'Copy the client ID and client secret at once: Atlassian shows the secret only this one time.',
    `${SWITCH} Enter the new expiry date as well, if your organisation gave them one: no API tells it.`,
    "Once Token Health reports it healthy, revoke the old credentials on the service account's page.",
  ],
  links: [
    { label: 'Atlassian Administration', url: 'https://admin.atlassian.com' },
    { label: 'Create OAuth 2.0 credential for service accounts', url: SERVICE_ACCOUNTS_DOC },
  ],
  // Atlassian documents no expiry for these credentials (support.atlassian.com, as linked).
  maxLifetime: null,
});

const GUARD_IDPS = 'https://admin.atlassian.com';
const SAML_DOC =
  'https://support.atlassian.com/security-and-access-policies/docs/configure-saml-single-sign-on-with-an-identity-provider/';
const SCIM_EXPIRY_DOC =
  'https://support.atlassian.com/provisioning-users/docs/manage-scim-api-key-expiration/';

/**
 * A signing certificate is rolled over in the identity provider, and Atlassian must trust the new
 * one before the identity provider signs with it: in that order, or SSO logins fail in between.
 */
const samlCertificate: Guide = (c, _name, facts) => ({
  title: 'Roll over the identity provider’s SAML signing certificate',
  steps: [
    `In the identity provider, open the SAML application whose metadata is ${c.metadataUrl ?? 'this integration’s metadata URL'}: in Microsoft Entra ID, Enterprise applications → the app → Single sign-on → SAML Certificates → New Certificate; in Okta, the app → Sign On → SAML Signing Certificates → Generate new certificate.`,
    `${facts['rollover'] ? 'A newer certificate is already published (see the last check). ' : ''}Download the new certificate (Base64) but do not make it active yet.`,
    'In Atlassian Administration (admin.atlassian.com), go to Security → Identity providers → the identity provider → SAML single sign-on, and replace the Public x509 certificate with the new one.',
    'Make the new certificate active in the identity provider at once after that, then sign in through SSO in a private window to prove it.',
    'Enter the new certificate’s SHA-256 fingerprint in Token Health (Edit → Certificate fingerprint) so the check judges that one.',
  ],
  links: [
    { label: 'Atlassian Administration', url: GUARD_IDPS },
    { label: 'Configure SAML single sign-on', url: SAML_DOC },
    ...(c.metadataUrl ? [{ label: 'The metadata', url: c.metadataUrl }] : []),
  ],
  maxLifetime: 'Chosen in the identity provider (Entra ID and Okta default to about three years)',
});

/** Regenerating stops the old key at once: the identity provider must get the new one right away. */
const scimKey: Guide = (c) => ({
  title: 'Regenerate the SCIM provisioning API key',
  steps: [
    'Have the identity provider’s provisioning settings open first: the old key stops working the moment a new one is made.',
    `Log in to admin.atlassian.com, go to Security → Identity providers and select the directory${c.directoryId ? ` ${c.directoryId}` : ''}.`,
    'Under User provisioning, open the … menu and select Regenerate API key, then Regenerate key.',
    'Copy the SCIM base URL and the API key at once: Atlassian shows the key only this one time.',
    'Give the identity provider the new key immediately (Okta: Provisioning → Integration → API token; Entra ID: Provisioning → Admin credentials → Secret token), and test its connection.',
    'Then put the key into Token Health (Edit → Secret → Test → Save) with the new expiry date shown next to it: one year from today.',
  ],
  links: [
    { label: 'Atlassian Administration', url: GUARD_IDPS },
    { label: 'Manage SCIM API key expiration', url: SCIM_EXPIRY_DOC },
  ],
  maxLifetime: 'One year from creation or regeneration (since January 2025)',
});

const GUIDES: Record<CredentialKind, Guide> = {
  'atlassian-api-token': atlassianApiToken,
  'atlassian-admin-api-key': adminApiKey,
  'atlassian-oauth2': oauthGrant,
  'datacenter-pat': datacenterPat,
  'bitbucket-datacenter-token': bitbucketDatacenter,
  'bitbucket-cloud-api-token': bitbucketCloud,
  'github-token': githubToken,
  'gitlab-token': gitlabToken,
  'slack-token': slackToken,
  http: httpCheck,
  'github-app': githubApp,
  'atlassian-service-account': serviceAccount,
  'datacenter-oauth2-client': datacenterServiceAccount,
  'saml-idp-certificate': samlCertificate,
  'scim-directory-key': scimKey,
};

/**
 * The renewal guide for an integration's kind, with its own URLs, user and token id filled in,
 * and what the last check learnt about the token (its listed id, its permissions).
 */
export function renewalGuide(
  config: IntegrationConfig,
  name: string,
  facts: Facts = {},
): RenewalGuide {
  return GUIDES[config.kind](config, name, facts);
}
