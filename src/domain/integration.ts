import { z } from 'zod';

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
] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** Query parameters that carry a credential: a URL is logged, shown and audited; a secret is not. */
const CREDENTIAL_PARAM =
  /^(api[-_]?key|apikey|key|token|access[-_]?token|auth|authorization|sig|signature|secret|client[-_]?secret|password|passwd|pwd|code)$/i;

/** The first query parameter of the URL that looks like a credential, or null. */
export function credentialInQuery(url: URL): string | null {
  return [...url.searchParams.keys()].find((name) => CREDENTIAL_PARAM.test(name)) ?? null;
}

export const CREDENTIAL_IN_URL =
  'holds a credential in its query: remove it from the URL and enter it in the secret field';

/**
 * https anywhere; plain http only to this machine (tests, local doubles) — never a secret in clear.
 * Messages never quote the URL: it may carry a credential.
 */
const safeUrl = z.string().superRefine((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'is not a valid URL: enter a full https:// address' });
    return;
  }
  const loopbackHttp = url.protocol === 'http:' && isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !loopbackHttp) {
    ctx.addIssue({
      code: 'custom',
      message: 'must use https:// (http:// is accepted only for 127.0.0.1 and localhost)',
    });
  }
  if (url.username || url.password) {
    ctx.addIssue({ code: 'custom', message: 'credentials do not belong in a URL' });
  }
  const param = credentialInQuery(url);
  if (param) ctx.addIssue({ code: 'custom', message: `${CREDENTIAL_IN_URL} (?${param}=…)` });
});

const isoDate = z.string().refine((v) => !Number.isNaN(Date.parse(v)), {
  message: 'must be an ISO 8601 date, e.g. 2026-12-31 or 2026-12-31T12:00:00Z',
});

const warnDays = z
  .array(z.number().int().positive().max(3650))
  .min(1)
  .max(10)
  .refine((days) => new Set(days).size === days.length, { message: 'must not repeat a day' });

const slug = z.string().trim().min(1).max(200);

/** A listed token id may come as a JSON number (Jira lists it so); it is kept as text. */
const tokenId = z.union([slug, z.number().int().min(0).transform(String)], {
  error: 'must be the token’s listed id, its name or its creation day',
});

/** Bitbucket Data Center's own rules for a project key and a repository slug. */
const projectKey = z
  .string()
  .trim()
  .max(128, 'must be at most 128 characters')
  .regex(
    /^[A-Za-z][A-Za-z0-9_]*$/,
    'must start with a letter and hold only letters, digits and _ (the project key, e.g. OPS)',
  );
const repoSlug = z
  .string()
  .trim()
  .max(128, 'must be at most 128 characters')
  .regex(
    /^[A-Za-z0-9._-]+$/,
    'must hold only letters, digits, ".", "-" and "_" (the slug in the repository URL)',
  );

/** RFC 6901: empty (the whole document) or "/"-separated tokens where "~" is only ~0 or ~1. */
const JSON_POINTER = /^(\/([^~]|~[01])*)?$/;

export const integrationConfigSchema = z
  .strictObject({
    kind: z.enum(CREDENTIAL_KINDS, {
      error: () => `kind must be one of: ${CREDENTIAL_KINDS.join(', ')}`,
    }),
    name: z.string().trim().min(1).max(120).optional(),
    baseUrl: safeUrl.optional(),
    username: z.string().trim().min(1).max(254).optional(),
    product: z.enum(['jira', 'confluence']).optional(),
    orgId: slug.optional(),
    cloudId: slug.optional(),
    tokenUrl: safeUrl.optional(),
    mode: z.enum(['observe', 'keep']).optional(),
    consentedAt: isoDate.optional(),
    refreshReuseMinutes: z
      .number({ error: 'must be a whole number of minutes' })
      .int('must be a whole number of minutes')
      .min(0, 'must be 0 or more minutes')
      .max(60, 'must be at most 60 minutes')
      .optional(),
    tokenId: tokenId.optional(),
    projectKey: projectKey.optional(),
    repoSlug: repoSlug.optional(),
    expectedAccountId: slug.optional(),
    expiresAt: isoDate.optional(),
    warnDays: warnDays.optional(),
    url: safeUrl.optional(),
    method: z.enum(['GET', 'HEAD', 'POST']).optional(),
    auth: z.enum(['bearer', 'basic', 'header']).optional(),
    headerName: z
      .string()
      .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'must be a valid HTTP header name')
      .optional(),
    expectStatus: z.number().int().min(100).max(599).optional(),
    expectJsonPointer: z
      .string()
      .regex(JSON_POINTER, 'must be a JSON pointer like /data/id (~0 for ~, ~1 for /)')
      .optional(),
    expiryHeader: z.string().min(1).optional(),
    expiryJsonPointer: z
      .string()
      .regex(/^\/([^~]|~[01])*$/, 'must be a JSON pointer like /expires_at (~0 for ~, ~1 for /)')
      .optional(),
    expiryFromJwt: z.boolean().optional(),
  })
  .superRefine(requireKindFields);

export type IntegrationConfig = z.infer<typeof integrationConfigSchema>;

type Issue = [field: keyof IntegrationConfig, message: string];

function kindIssues(c: IntegrationConfig): Issue[] {
  switch (c.kind) {
    case 'atlassian-api-token':
      return [
        ...(c.username ? [] : [['username', 'the Atlassian account email is required'] as Issue]),
        ...(c.baseUrl || c.cloudId
          ? []
          : [
              [
                'baseUrl',
                'give the site URL (https://your-site.atlassian.net) or a cloudId',
              ] as Issue,
            ]),
      ];
    case 'atlassian-admin-api-key':
      return c.orgId ? [] : [['orgId', 'the organisation id is required']];
    case 'bitbucket-datacenter-token':
      return [...dataCenterIssues(c), ...bitbucketScopeIssues(c)];
    case 'datacenter-pat':
      return dataCenterIssues(c);
    case 'http':
      return [
        ...(c.url ? [] : [['url', 'the URL to check is required'] as Issue]),
        ...(c.auth === 'header' && !c.headerName
          ? [['headerName', 'auth "header" needs headerName'] as Issue]
          : []),
        ...(c.auth === 'basic' && !c.username
          ? [['username', 'auth "basic" needs username'] as Issue]
          : []),
        ...(c.method === 'HEAD' && (c.expectJsonPointer !== undefined || c.expiryJsonPointer)
          ? [['method', 'a HEAD answer has no body to read JSON pointers from; use GET'] as Issue]
          : []),
      ];
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

function requireKindFields(config: IntegrationConfig, ctx: z.RefinementCtx): void {
  for (const [field, message] of kindIssues(config)) {
    ctx.addIssue({ code: 'custom', path: [field], message });
  }
}

export type FieldErrors = Record<string, string>;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** Validates untrusted input into a config, or field errors in plain words. */
export function parseIntegrationConfig(input: unknown): ParseResult<IntegrationConfig> {
  const result = integrationConfigSchema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: toFieldErrors(result.error) };
}

export function toFieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? issue.path.join('.') : 'config';
    errors[field] ??= issue.message;
  }
  return errors;
}
