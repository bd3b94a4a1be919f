import type { IntegrationConfig } from '../../domain/integration';
import { quoteName } from '../../domain/names';

type Field = keyof IntegrationConfig;

/** Every config field in words: a new field must be named here before it can be audited. */
const LABELS: Record<Field, string> = {
  kind: 'kind',
  name: 'name',
  baseUrl: 'base URL',
  username: 'username',
  product: 'product',
  orgId: 'organisation id',
  cloudId: 'cloud id',
  tokenUrl: 'token URL',
  mode: 'mode',
  consentedAt: 'consent date',
  refreshReuseMinutes: 'refresh reuse minutes',
  tokenId: 'token id',
  workspace: 'workspace',
  repository: 'repository',
  organization: 'GitHub organisation',
  projectKey: 'project key',
  repoSlug: 'repository slug',
  appId: 'GitHub App id',
  installationId: 'installation id',
  account: 'GitHub account',
  permissions: 'permissions',
  scopes: 'scopes',
  expectedAccountId: 'expected account',
  expiresAt: 'expiry date',
  warnDays: 'warning days',
  url: 'URL',
  method: 'method',
  auth: 'authentication',
  headerName: 'header name',
  expectStatus: 'expected status',
  expectJsonPointer: 'expected JSON pointer',
  expiryHeader: 'expiry header',
  expiryJsonPointer: 'expiry JSON pointer',
  expiryFromJwt: 'expiry from the JWT',
  metadataUrl: 'metadata URL',
  certificateFingerprint: 'certificate fingerprint',
  directoryId: 'directory id',
};

/** Where the secret goes and how: targetChanges already says how these changed, host by host. */
const TARGET_FIELDS: ReadonlySet<Field> = new Set<Field>([
  'kind',
  'baseUrl',
  'url',
  'tokenUrl',
  'username',
  'product',
  'orgId',
  'cloudId',
  'auth',
  'headerName',
  'mode',
  'appId',
  'metadataUrl',
  'directoryId',
]);

/** Short values an admin recognises are shown; ids, URLs and pointers only by their label. */
function shown(field: Field, value: unknown): string | undefined {
  if (value === undefined) return 'none';
  if (field === 'name') return quoteName(String(value));
  if (Array.isArray(value)) return value.join(', ');
  if (['method', 'expectStatus', 'expiresAt', 'refreshReuseMinutes'].includes(field)) {
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  return undefined;
}

function fieldChange(field: Field, before: unknown, after: unknown): string {
  const [a, b] = [shown(field, before), shown(field, after)];
  if (a === undefined || b === undefined) return `${LABELS[field]} changed`;
  return `${LABELS[field]} ${a} → ${b}`;
}

/** The config fields an edit changed, in words; target fields only when the target says nothing. */
export function configChanges(
  before: IntegrationConfig,
  after: IntegrationConfig,
  targetSaid: boolean,
): string[] {
  const fields = new Set([...Object.keys(before), ...Object.keys(after)] as Field[]);
  return [...fields]
    .filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]))
    .filter((f) => !(targetSaid && TARGET_FIELDS.has(f)))
    .map((f) => fieldChange(f, before[f], after[f]));
}
