import { z } from 'zod';
import { LIST_LIMITS, TEXT_LIMITS as T, type Limit } from './limits';
import { credentialInQuery, paramWords } from './credential-param';
import { isLoopbackHost, NOT_A_URL, NOT_HTTPS } from './loopback';
import { nameText } from './names';
import { list, text } from './plain-input';

export const CREDENTIAL_KINDS = [
  'atlassian-api-token',
  'atlassian-admin-api-key',
  'atlassian-oauth2',
  'datacenter-pat',
  'bitbucket-datacenter-token',
  'bitbucket-cloud-api-token',
  'github-token',
  'gitlab-token',
  'slack-token',
  'http',
  'github-app',
  'atlassian-service-account',
  'datacenter-oauth2-client',
  'saml-idp-certificate',
  'scim-directory-key',
] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

export { isLoopbackHost };

export const CREDENTIAL_IN_URL =
  'holds a credential in its query: remove it from the URL and enter it in the secret field';

/**
 * https anywhere; plain http only to this machine (tests, local doubles) — never a secret in clear.
 * Messages never quote the URL: it may carry a credential.
 */
export const safeUrl = (limit: Limit) => text(limit).superRefine(checkUrl);

function checkUrl(value: string, ctx: z.RefinementCtx): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: NOT_A_URL });
    return;
  }
  const loopbackHttp = url.protocol === 'http:' && isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !loopbackHttp) {
    ctx.addIssue({ code: 'custom', message: NOT_HTTPS });
  }
  if (url.username || url.password) {
    ctx.addIssue({ code: 'custom', message: 'credentials do not belong in a URL' });
  }
  const param = credentialInQuery(url);
  if (param)
    ctx.addIssue({ code: 'custom', message: `${CREDENTIAL_IN_URL} (?${paramWords(param)}=…)` });
}

const isoDate = (limit: Limit) =>
  text(limit).refine((v) => !Number.isNaN(Date.parse(v)), {
    message: 'must be an ISO 8601 date, e.g. 2026-12-31 or 2026-12-31T12:00:00Z',
  });

const WARN_DAY = 'each threshold must be a whole number of days, 1 to 3650';
const warnDays = list(
  z.number({ error: WARN_DAY }).int(WARN_DAY).min(1, WARN_DAY).max(3650, WARN_DAY),
  LIST_LIMITS.warnDays,
)
  .min(1, 'give at least one threshold')
  .refine((days) => new Set(days).size === days.length, { message: 'must not repeat a day' });

/** An id or name typed by hand: trimmed, and not empty. */
const slug = (limit: Limit) =>
  text(limit, { trim: true }).min(1, `${limit.label}: must not be empty`);

/**
 * Bitbucket Cloud names a workspace by its slug or by its UUID in braces; repository slugs are
 * lowercase letters, digits, "-", "_" and ".". Bitbucket documents no maximum length: 100 is ours.
 */
const bitbucketWorkspace = text(T.workspace, { trim: true }).regex(
  /^([a-z0-9][a-z0-9_.-]{0,99}|\{[0-9a-f-]{36}\})$/i,
  'must be the workspace slug as in bitbucket.org/<workspace>: letters, digits, - _ . (at most 100)',
);
const bitbucketRepository = text(T.repository, { trim: true }).regex(
  /^[a-z0-9_.-]{1,100}$/i,
  'must be the repository slug as in bitbucket.org/<workspace>/<repository>: letters, digits, - _ . (at most 100)',
);

/** GitHub organisation names: letters, digits and single inner hyphens, at most 39 characters. */
const githubOrganization = text(T.organization, { trim: true }).regex(
  /^(?=.{1,39}$)[a-z0-9]+(-[a-z0-9]+)*$/i,
  'must be the organisation name as in github.com/<organisation>: letters, digits and single hyphens, at most 39',
);

/** A listed token id may come as a JSON number (Jira lists it so); it is kept as text. */
const tokenId = z.preprocess(
  (v) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? String(v) : v),
  text(T.tokenId, {
    trim: true,
    required: 'must be the token’s listed id, its name or its creation day',
  }).min(1, `${T.tokenId.label}: must not be empty`),
);

/** Bitbucket Data Center's own rules for a project key and a repository slug. */
const projectKey = text(T.bitbucketProject, { trim: true }).regex(
  /^[A-Za-z][A-Za-z0-9_]*$/,
  'must start with a letter and hold only letters, digits and _ (the project key, e.g. OPS)',
);
const repoSlug = text(T.repoSlug, { trim: true }).regex(
  /^[A-Za-z0-9._-]+$/,
  'must hold only letters, digits, ".", "-" and "_" (the slug in the repository URL)',
);

/** GitHub names accounts (users and organisations) like organisations: at most 39 characters. */
const githubAccount = text(T.account, { trim: true }).regex(
  /^(?=.{1,39}$)[a-z0-9]+(-[a-z0-9]+)*$/i,
  'must be the user or organisation the app is installed on, as in github.com/<account>',
);

/** GitHub numbers apps and installations: digits only, as the app's settings page shows them. */
const githubNumber = (limit: Limit, what: string) =>
  text(limit, { trim: true }).regex(/^[1-9][0-9]*$/, `must be a number: ${what}`);

/** `contents:read, issues:write`: GitHub's permission names and levels (read, write, admin). */
const GITHUB_PERMISSIONS = /^[a-z_]+ *: *(read|write|admin)( *, *[a-z_]+ *: *(read|write|admin))*$/;

/** RFC 6749 §3.3: scope tokens of printable ASCII without space, `"` or `\\`, space-separated. */
const oauthScopes = text(T.scopes, { trim: true }).regex(
  /^[\x21\x23-\x5B\x5D-\x7E]+(\s+[\x21\x23-\x5B\x5D-\x7E]+)*$/,
  'must be scope names separated by spaces, e.g. read:jira-user read:jira-work',
);

/**
 * A certificate's SHA-256 fingerprint as identity providers and `openssl x509 -fingerprint`
 * show it: 64 hex digits, in pairs with colons or not, any case. Kept as typed; compared bare.
 */
const certificateFingerprint = text(T.certificateFingerprint, { trim: true }).regex(
  /^([0-9a-f]{2}(:?[0-9a-f]{2}){31})$/i,
  'must be the certificate’s SHA-256 fingerprint: 64 hexadecimal digits, colons allowed (e.g. AB:CD:…)',
);

/** The id after /scim/directory/ in the SCIM base URL Atlassian shows: no slash, no query. */
const directoryId = text(T.directoryId, { trim: true }).regex(
  /^[A-Za-z0-9._~-]+$/,
  'must be the directory id, the part after /scim/directory/ in the SCIM base URL',
);

/** RFC 6901: empty (the whole document) or "/"-separated tokens where "~" is only ~0 or ~1. */
const JSON_POINTER = /^(\/([^~]|~[01])*)?$/;

export const integrationConfigSchema = z.strictObject({
  kind: z.enum(CREDENTIAL_KINDS, {
    error: () => `kind must be one of: ${CREDENTIAL_KINDS.join(', ')}`,
  }),
  name: nameText(T.name).optional(),
  baseUrl: safeUrl(T.baseUrl).optional(),
  username: slug(T.username).optional(),
  product: z.enum(['jira', 'confluence'], { error: 'must be Jira or Confluence' }).optional(),
  orgId: slug(T.orgId).optional(),
  cloudId: slug(T.cloudId).optional(),
  tokenUrl: safeUrl(T.tokenUrl).optional(),
  mode: z.enum(['observe', 'keep'], { error: 'must be Observe or Keep' }).optional(),
  consentedAt: isoDate(T.consentedAt).optional(),
  refreshReuseMinutes: z
    .number({ error: 'must be a whole number of minutes, 0 to 60' })
    .int('must be a whole number of minutes, 0 to 60')
    .min(0, 'must be a whole number of minutes, 0 to 60')
    .max(60, 'must be a whole number of minutes, 0 to 60')
    .optional(),
  tokenId: tokenId.optional(),
  workspace: bitbucketWorkspace.optional(),
  repository: bitbucketRepository.optional(),
  organization: githubOrganization.optional(),
  projectKey: projectKey.optional(),
  repoSlug: repoSlug.optional(),

  appId: githubNumber(T.appId, 'the App ID on the app’s settings page, e.g. 123456').optional(),
  installationId: githubNumber(
    T.installationId,
    'the number at the end of the installation’s settings URL (…/installations/12345678)',
  ).optional(),
  account: githubAccount.optional(),
  permissions: text(T.permissions, { trim: true })
    .regex(
      GITHUB_PERMISSIONS,
      'must list name:level pairs, comma-separated, e.g. contents:read, issues:write (levels: read, write, admin)',
    )
    .optional(),
  expectedAccountId: slug(T.expectedAccountId).optional(),
  expiresAt: isoDate(T.expiresAt).optional(),
  warnDays: warnDays.optional(),
  url: safeUrl(T.url).optional(),
  method: z.enum(['GET', 'HEAD', 'POST'], { error: 'must be GET, HEAD or POST' }).optional(),
  auth: z
    .enum(['bearer', 'basic', 'header'], { error: 'must be bearer, basic or header' })
    .optional(),
  headerName: text(T.headerName)
    .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'must be a valid HTTP header name')
    .optional(),
  expectStatus: z
    .number({ error: 'must be an HTTP status, 100 to 599' })
    .int('must be an HTTP status, 100 to 599')
    .min(100, 'must be an HTTP status, 100 to 599')
    .max(599, 'must be an HTTP status, 100 to 599')
    .optional(),
  expectJsonPointer: text(T.expectJsonPointer)
    .regex(JSON_POINTER, 'must be a JSON pointer like /data/id (~0 for ~, ~1 for /)')
    .optional(),
  expiryHeader: text(T.expiryHeader).min(1, 'enter a header name, or leave it out').optional(),
  expiryJsonPointer: text(T.expiryJsonPointer)
    .regex(/^\/([^~]|~[01])*$/, 'must be a JSON pointer like /expires_at (~0 for ~, ~1 for /)')
    .optional(),
  expiryFromJwt: z.boolean({ error: 'must be true or false' }).optional(),
  scopes: oauthScopes.optional(),
  metadataUrl: safeUrl(T.metadataUrl).optional(),
  certificateFingerprint: certificateFingerprint.optional(),
  directoryId: directoryId.optional(),
});

export type IntegrationConfig = z.infer<typeof integrationConfigSchema>;

export type FieldErrors = Record<string, string>;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export function toFieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? issue.path.join('.') : 'config';
    errors[field] ??= issue.message;
  }
  return errors;
}
