/**
 * What the add/edit form asks for each credential kind (docs/KINDS-AND-CLI.md's kind table). Typed by the
 * domain's CredentialKind, so a new kind does not compile until the form knows its fields.
 */
import { fieldWords } from '../domain/form-words';
import { CREDENTIAL_KIND_LABEL } from '../domain/kind-labels';
import type { CredentialKind, IntegrationConfig } from '../domain/integration';
import { takesSecret } from '../domain/kind-rules';

export type ConfigField = Exclude<keyof IntegrationConfig, 'kind' | 'warnDays' | 'expiresAt'>;

export type Control = 'text' | 'number' | 'date' | 'select' | 'toggle';

/** The form's values as typed: text, as fields hold it, until the config is built. */
export type FieldValues = Partial<Record<ConfigField, string>>;

export interface FieldSpec {
  name: ConfigField;
  label: string;
  control: Control;
  options?: readonly string[];
  /** What each option reads as, where its stored value is a code word. */
  optionLabels?: Readonly<Record<string, string>>;
  /** The option that applies when none is sent: a select shows it rather than nothing. */
  defaultValue?: string;
  required?: boolean;
  help?: string;
  placeholder?: string;
  /** Shown only when this holds for the values typed so far. */
  when?: (values: FieldValues) => boolean;
}

export interface KindSpec {
  label: string;
  fields: FieldSpec[];
  /** What the secret is, in the service's own words. */
  secretLabel: string;
}

const baseUrlOverride = (service: string, placeholder: string): FieldSpec => ({
  name: 'baseUrl',
  label: 'API base URL',
  control: 'text',
  placeholder: `e.g. ${placeholder}`,
  help: `Leave empty for ${service}.`,
});

const dataCenterUrl = (placeholder: string): FieldSpec => ({
  name: 'baseUrl',
  label: 'Base URL',
  control: 'text',
  required: true,
  placeholder: `e.g. ${placeholder}`,
});

const product: FieldSpec = {
  name: 'product',
  label: 'Product',
  control: 'select',
  options: ['jira', 'confluence'],
  optionLabels: { jira: 'Jira', confluence: 'Confluence' },
  defaultValue: 'jira',
};

const patTokenId: FieldSpec = {
  name: 'tokenId',
  label: 'Token ID, name or creation day',
  control: 'text',
  placeholder: 'e.g. 3, "nightly import" or 2026-05-27',
  help: 'Which of the owner’s tokens this is, as the token list shows it: needed to read the expiry date when the owner has more than one token.',
};

const bitbucketTokenId: FieldSpec = {
  name: 'tokenId',
  label: 'Token ID or name',
  control: 'text',
  help: 'Only for a token that does not carry its own id: the ID or name shown in the token list.',
};

const isPersonal = (v: FieldValues) => !v.projectKey;
const isProjectScoped = (v: FieldValues) => !!v.projectKey;
const scopesField = (placeholder: string): FieldSpec => ({
  name: 'scopes',
  label: 'Scopes the integration needs',
  control: 'text',
  placeholder: `e.g. ${placeholder}`,
  help: 'Space-separated. A token lacking any of them is reported as insufficient-scope.',
});

const isKeep = (v: FieldValues) => v.mode === 'keep';
const isAuth = (auth: string) => (v: FieldValues) => v.auth === auth;
const noUser = (v: FieldValues) => !v.username?.trim();

export const KINDS: Record<CredentialKind, KindSpec> = {
  'atlassian-api-token': {
    label: CREDENTIAL_KIND_LABEL['atlassian-api-token'],
    secretLabel: 'API token',
    fields: [
      {
        name: 'baseUrl',
        label: 'Site URL',
        control: 'text',
        placeholder: 'e.g. https://acme.atlassian.net',
        help: 'For a classic token. A token with scopes works only through api.atlassian.com: type the site URL, then Find Cloud ID.',
      },
      {
        name: 'username',
        label: 'Account email',
        control: 'text',
        required: true,
        placeholder: 'e.g. ci-bot@example.com',
      },
      product,
      {
        name: 'cloudId',
        label: 'Cloud ID',
        control: 'text',
        help: 'Only for a token with scopes: it is checked through api.atlassian.com/ex/{product}/{Cloud ID}, with the site URL left empty.',
      },
    ],
  },
  'atlassian-admin-api-key': {
    label: CREDENTIAL_KIND_LABEL['atlassian-admin-api-key'],
    secretLabel: 'API key',
    fields: [
      { name: 'orgId', label: 'Organisation ID', control: 'text', required: true },
      {
        name: 'tokenId',
        label: 'Key name or ID',
        control: 'text',
        help: 'As Settings → API keys shows it: lets the check read the key’s own expiry date. Not needed when the organisation has only this key.',
      },
      baseUrlOverride('api.atlassian.com', 'https://api.atlassian.com'),
    ],
  },
  'atlassian-oauth2': {
    label: CREDENTIAL_KIND_LABEL['atlassian-oauth2'],
    secretLabel: 'Access token',
    fields: [
      {
        name: 'mode',
        label: 'Mode',
        control: 'select',
        options: ['observe', 'keep'],
        optionLabels: { observe: 'Observe', keep: 'Keep' },
        defaultValue: 'observe',
        help: 'Observe only reads the grant; keep lets Token Health refresh it and hold the new tokens.',
      },
      {
        name: 'cloudId',
        label: 'Cloud ID',
        control: 'text',
        help: 'The site whose Jira is asked who the token is; the first Jira site when empty.',
      },
      {
        name: 'consentedAt',
        label: 'Consented on',
        control: 'date',
        help: 'A grant lives 365 days from consent.',
      },
      {
        name: 'tokenUrl',
        label: 'Token URL',
        control: 'text',
        placeholder: 'e.g. https://auth.atlassian.com/oauth/token',
        when: isKeep,
      },
      {
        name: 'refreshReuseMinutes',
        label: 'Refresh token reuse interval (minutes)',
        control: 'number',
        placeholder: 'e.g. 10 (auth.atlassian.com), else 0',
        help: 'How long the token server still accepts a rotated-out refresh token: a refresh whose answer was lost is retried only inside it.',
        when: isKeep,
      },
      baseUrlOverride('api.atlassian.com', 'https://api.atlassian.com'),
    ],
  },
  'datacenter-pat': {
    label: CREDENTIAL_KIND_LABEL['datacenter-pat'],
    secretLabel: 'Personal access token',
    fields: [dataCenterUrl('https://jira.example.com'), product, patTokenId],
  },
  'bitbucket-datacenter-token': {
    label: CREDENTIAL_KIND_LABEL['bitbucket-datacenter-token'],
    secretLabel: 'HTTP access token',
    fields: [
      dataCenterUrl('https://bitbucket.example.com'),
      {
        name: 'username',
        label: 'Token owner (user slug)',
        control: 'text',
        help: 'For a personal token: lets the check read its expiry among the owner’s tokens.',
        when: isPersonal,
      },
      {
        name: 'projectKey',
        label: 'Project key',
        control: 'text',
        placeholder: 'e.g. OPS',
        help: 'For a project or repository token: the project it was created in.',
      },
      {
        name: 'repoSlug',
        label: 'Repository slug',
        control: 'text',
        placeholder: 'e.g. deploy-tools',
        help: 'For a repository token: the slug in the repository’s URL.',
        when: isProjectScoped,
      },
      bitbucketTokenId,
    ],
  },
  'bitbucket-cloud-api-token': {
    label: CREDENTIAL_KIND_LABEL['bitbucket-cloud-api-token'],
    secretLabel: 'API token or access token',
    fields: [
      {
        name: 'username',
        label: 'Account email',
        control: 'text',
        help: 'For an Atlassian API token; leave empty for a workspace, project or repository access token. App passwords no longer work.',
      },
      {
        name: 'workspace',
        label: 'Workspace',
        control: 'text',
        placeholder: 'e.g. acme',
        help: 'For an access token, which belongs to no user: the workspace it was made in (bitbucket.org/<workspace>).',
        when: noUser,
      },
      {
        name: 'repository',
        label: 'Repository',
        control: 'text',
        placeholder: 'e.g. deploy-scripts',
        help: 'For a repository or project access token: one repository it may read.',
        when: noUser,
      },
      baseUrlOverride('api.bitbucket.org', 'https://api.bitbucket.org'),
    ],
  },
  'github-token': {
    label: CREDENTIAL_KIND_LABEL['github-token'],
    secretLabel: 'Token',
    fields: [
      {
        name: 'organization',
        label: 'Organisation',
        control: 'text',
        placeholder: 'e.g. acme',
        help: 'Also checks the token may enter this organisation: one with SAML single sign-on refuses a token not authorised for it.',
      },
      baseUrlOverride('github.com', 'https://ghe.example.com/api/v3'),
    ],
  },
  'gitlab-token': {
    label: CREDENTIAL_KIND_LABEL['gitlab-token'],
    secretLabel: 'Token',
    fields: [baseUrlOverride('gitlab.com', 'https://gitlab.example.com')],
  },
  'slack-token': {
    label: CREDENTIAL_KIND_LABEL['slack-token'],
    secretLabel: 'Token',
    fields: [baseUrlOverride('slack.com', 'https://slack.com')],
  },
  http: {
    label: CREDENTIAL_KIND_LABEL.http,
    secretLabel: 'Credential',
    fields: [
      { name: 'url', label: 'URL to check', control: 'text', required: true },
      {
        name: 'method',
        label: 'Method',
        control: 'select',
        options: ['GET', 'HEAD', 'POST'],
        defaultValue: 'GET',
      },
      {
        name: 'auth',
        label: 'How the credential is sent',
        control: 'select',
        options: ['bearer', 'basic', 'header'],
        optionLabels: {
          bearer: 'Bearer token',
          basic: 'Basic authentication',
          header: 'A header of its own',
        },
        defaultValue: 'bearer',
      },
      {
        name: 'headerName',
        label: 'Header name',
        control: 'text',
        required: true,
        when: isAuth('header'),
      },
      {
        name: 'username',
        label: 'Username',
        control: 'text',
        required: true,
        when: isAuth('basic'),
      },
      {
        name: 'expectStatus',
        label: 'Expected status',
        control: 'number',
        placeholder: 'e.g. 200',
      },
      {
        name: 'expectJsonPointer',
        label: 'Must be present in the answer (JSON pointer)',
        control: 'text',
        placeholder: 'e.g. /data/id',
      },
      { name: 'expiryHeader', label: 'Expiry header', control: 'text' },
      {
        name: 'expiryJsonPointer',
        label: 'Expiry in the answer (JSON pointer)',
        control: 'text',
        placeholder: 'e.g. /expires_at',
      },
      { name: 'expiryFromJwt', label: 'Read the expiry from the token (JWT)', control: 'toggle' },
    ],
  },
  'github-app': {
    label: CREDENTIAL_KIND_LABEL['github-app'],
    secretLabel: 'Private key (.pem file)',
    fields: [
      {
        name: 'appId',
        label: 'App ID',
        control: 'text',
        required: true,
        placeholder: 'e.g. 123456',
        help: 'The number on the app’s settings page (About → App ID). Paste the whole .pem file as the secret; its line breaks may be dropped, that is fine.',
      },
      {
        name: 'installationId',
        label: 'Installation ID',
        control: 'text',
        placeholder: 'e.g. 12345678',
        help: 'Which installation the integration works through: the number ending its settings URL. Or give the account.',
      },
      {
        name: 'account',
        label: 'Account',
        control: 'text',
        placeholder: 'e.g. acme',
        help: 'The user or organisation the app is installed on. Needed (or the installation ID) when the app has several installations.',
      },
      {
        name: 'permissions',
        label: 'Permissions the integration needs',
        control: 'text',
        placeholder: 'e.g. contents:read, issues:write',
        help: 'name:level pairs (read, write or admin): the check asks for a token with just these and reports any the installation lacks.',
      },
      baseUrlOverride('github.com', 'https://ghe.example.com/api/v3'),
    ],
  },
  'atlassian-service-account': {
    label: CREDENTIAL_KIND_LABEL['atlassian-service-account'],
    secretLabel: 'Client secret',
    fields: [
      {
        name: 'cloudId',
        label: 'Cloud ID',
        control: 'text',
        required: true,
        help: 'The site the service account works on: its token is used through api.atlassian.com/ex/{product}/{Cloud ID}. An expiry date is optional: Atlassian documents none for these credentials.',
      },
      product,
      scopesField('read:jira-user read:jira-work'),
      {
        name: 'tokenUrl',
        label: 'Token URL',
        control: 'text',
        placeholder: 'e.g. https://auth.atlassian.com/oauth/token',
        help: 'Leave empty for auth.atlassian.com.',
      },
      baseUrlOverride('api.atlassian.com', 'https://api.atlassian.com'),
    ],
  },
  'datacenter-oauth2-client': {
    label: CREDENTIAL_KIND_LABEL['datacenter-oauth2-client'],
    secretLabel: 'Client secret',
    fields: [dataCenterUrl('https://jira.example.com'), product, scopesField('READ')],
  },
  'saml-idp-certificate': {
    label: CREDENTIAL_KIND_LABEL['saml-idp-certificate'],
    secretLabel: '',
    fields: [
      {
        name: 'metadataUrl',
        label: 'Metadata URL',
        control: 'text',
        required: true,
        placeholder:
          'e.g. https://login.microsoftonline.com/{tenant}/federationmetadata/2007-06/federationmetadata.xml?appid={app id}',
        help: 'The identity provider’s SAML metadata, exactly as it shows it (Entra ID’s ends in ?appid=…; Okta’s is …/app/{app id}/sso/saml/metadata). No secret is needed.',
      },
      {
        name: 'certificateFingerprint',
        label: 'Certificate fingerprint (SHA-256)',
        control: 'text',
        placeholder: 'e.g. 3A:7F:…',
        help: 'Of the certificate Atlassian holds (Security → Identity providers → SAML details). Without it, the certificate that ends soonest is judged.',
      },
    ],
  },
  'scim-directory-key': {
    label: CREDENTIAL_KIND_LABEL['scim-directory-key'],
    secretLabel: 'API key',
    fields: [
      {
        name: 'directoryId',
        label: 'Directory id',
        control: 'text',
        help: 'The part after /scim/directory/ in the SCIM base URL. Also enter the key’s expiry date: Security → Identity providers → the directory shows it, and no API tells it.',
      },
      {
        name: 'baseUrl',
        label: 'SCIM base URL',
        control: 'text',
        placeholder: 'e.g. https://api.atlassian.com/scim/directory/{directory id}',
        help: 'Paste it as Atlassian shows it instead of the directory id, or leave empty for api.atlassian.com.',
      },
    ],
  },
};

export const KIND_KEYS = Object.keys(KINDS) as CredentialKind[];

/** Every kind can pin the identity the credential must authenticate as. */
export const PIN_FIELD: FieldSpec = {
  name: 'expectedAccountId',
  label: 'Expected account ID',
  control: 'text',
  help: 'Pin the identity: any other account is reported as identity-changed.',
};

export function fieldsOf(kind: CredentialKind, values: FieldValues): FieldSpec[] {
  return [...KINDS[kind].fields, PIN_FIELD].filter((f) => !f.when || f.when(values));
}

/** A new integration's values: each select with a default starts on it, so what is shown is sent. */
export function withDefaults(kind: CredentialKind, values: FieldValues): FieldValues {
  const filled: FieldValues = { ...values };
  for (const f of KINDS[kind].fields) {
    if (f.defaultValue !== undefined && !filled[f.name]) filled[f.name] = f.defaultValue;
  }
  return filled;
}

/** The parts the secret is made of: a kept OAuth grant is three values sent as one JSON secret. */
export interface SecretPart {
  name: string;
  label: string;
  /** Not a secret in itself (a client ID): typed in plain sight so the admin can check it. */
  visible?: true;
}

/** A service account's OAuth 2.0 credentials: the two values its page shows once. */
const CLIENT_PARTS: SecretPart[] = [
  { name: 'clientId', label: 'Client ID', visible: true },
  { name: 'clientSecret', label: 'Client secret' },
];

const KEEP_PARTS: SecretPart[] = [
  ...CLIENT_PARTS,
  { name: 'refreshToken', label: 'Refresh token' },
];

/** Kinds whose secret is JSON made of several parts. */
const JSON_SECRETS: Partial<Record<CredentialKind, (values: FieldValues) => SecretPart[]>> = {
  'atlassian-oauth2': (values) =>
    isKeep(values) ? KEEP_PARTS : [{ name: 'accessToken', label: 'Access token' }],
  'atlassian-service-account': () => CLIENT_PARTS,
  'datacenter-oauth2-client': () => CLIENT_PARTS,
};

export function secretParts(kind: CredentialKind, values: FieldValues): SecretPart[] {
  if (!takesSecret(kind)) return [];
  const parts = JSON_SECRETS[kind];
  return parts ? parts(values) : [{ name: 'secret', label: KINDS[kind].secretLabel }];
}

/** The secret to send, or undefined when nothing was typed (on edit: keep the stored one). */
export function composeSecret(
  kind: CredentialKind,
  values: FieldValues,
  typed: Record<string, string>,
): string | undefined {
  const parts = secretParts(kind, values);
  const filled = parts.filter((p) => (typed[p.name] ?? '').trim() !== '');
  if (filled.length === 0) return undefined;
  if (!JSON_SECRETS[kind]) return typed.secret;
  return JSON.stringify(Object.fromEntries(parts.map((p) => [p.name, typed[p.name] ?? ''])));
}

/** Form keys that are not a kind's config field, as the form labels them. */
const OTHER_LABELS: Record<string, string> = {
  name: 'Name',
  kind: 'Kind',
  expiresAt: 'Expires on',
  warnDays: 'Warn days ahead',
  secret: 'Secret',
  interval: 'Check',
  ownerAccountId: 'Owner',
  payload: 'The request',
};

/** An error's field key ("config.cloudId") as the form labels it ("Cloud ID"): no code words. */
export function fieldLabel(key: string): string {
  const name = key.replace(/^config\./, '');
  const spec = [...Object.values(KINDS).flatMap((k) => k.fields), PIN_FIELD].find(
    (f) => f.name === name,
  );
  return spec?.label ?? OTHER_LABELS[name] ?? fieldWords(name);
}
