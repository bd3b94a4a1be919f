/**
 * The longest value each field of the admin page's and the CLI's input may hold, in one table so
 * every schema refuses the same lengths with the same words. Pure data: the page may import it.
 * A field is refused when longer than its limit, counted in characters after trimming (where the
 * field is trimmed); a value exactly at the limit is accepted.
 */
import { TOKEN_FLAGS } from './inventory';

export interface Limit {
  /** How the message names the field: "Name: at most 120 characters". */
  label: string;
  max: number;
}

/** Free-text fields: the longest value, in characters. */
export const TEXT_LIMITS = {
  // Shown in table rows, alert titles and audit lines: a title, not a paragraph.
  name: { label: 'Name', max: 120 },
  // 2048 is the URL length browsers, proxies and most servers accept in practice.
  baseUrl: { label: 'Base URL', max: 2048 },
  url: { label: 'URL', max: 2048 },
  metadataUrl: { label: 'Metadata URL', max: 2048 },
  tokenUrl: { label: 'Token URL', max: 2048 },
  receiverUrl: { label: 'Receiver URL', max: 2048 },
  siteUrl: { label: 'Site URL', max: 2048 },
  // An email address is at most 254 characters (RFC 5321); user names and slugs are shorter.
  username: { label: 'Username', max: 254 },
  ownerFilter: { label: 'Owner', max: 254 },
  // Atlassian account ids are at most 128 characters; cloud, org and token ids are shorter.
  ownerAccountId: { label: 'Owner', max: 128 },
  expectedAccountId: { label: 'Expected account id', max: 128 },
  orgId: { label: 'Organisation id', max: 128 },
  cloudId: { label: 'Cloud id', max: 128 },
  tokenId: { label: 'Token id', max: 128 },
  // Bitbucket documents no maximum for slugs; ours is 100 (a UUID in braces is 38).
  workspace: { label: 'Workspace', max: 100 },
  repository: { label: 'Repository', max: 100 },
  // Bitbucket Data Center caps project keys and repository slugs at 128 characters.
  bitbucketProject: { label: 'Project key', max: 128 },
  repoSlug: { label: 'Repository slug', max: 128 },
  // GitHub caps organisation names at 39 characters.
  organization: { label: 'Organisation', max: 39 },
  // A GitHub App's installation account is a user or organisation: the same 39 characters.
  account: { label: 'Account', max: 39 },
  // GitHub's app and installation ids are 64-bit numbers: at most 20 digits.
  appId: { label: 'App id', max: 20 },
  installationId: { label: 'Installation id', max: 20 },
  // GitHub Apps have about fifty permissions; "organization_administration:write, " is 36.
  permissions: { label: 'Permissions', max: 2048 },
  // No RFC caps a header name, but servers cap a header line and real names are under 64.
  headerName: { label: 'Header name', max: 256 },
  expiryHeader: { label: 'Expiry header', max: 256 },
  // A path of a few keys into a JSON answer.
  expectJsonPointer: { label: 'JSON pointer', max: 512 },
  expiryJsonPointer: { label: 'Expiry JSON pointer', max: 512 },
  // 64 hex digits with 31 colons between the pairs.
  certificateFingerprint: { label: 'Certificate fingerprint', max: 95 },
  // Atlassian's directory ids are UUIDs (36 characters); 128 leaves room.
  directoryId: { label: 'Directory id', max: 128 },
  // A space-separated list: Atlassian's whole granular Jira set fits in well under 4096.
  scopes: { label: 'Scopes', max: 4096 },
  // An ISO 8601 timestamp with milliseconds and an offset is under 32 characters.
  expiresAt: { label: 'Expiry date', max: 64 },
  consentedAt: { label: 'Consent date', max: 64 },
  until: { label: 'Snooze until', max: 64 },
  revokedAt: { label: 'Revoked at', max: 64 },
  start: { label: 'Start', max: 64 },
  end: { label: 'End', max: 64 },
  // A time of day is exactly 5 characters: 22:00.
  from: { label: 'From', max: 5 },
  to: { label: 'To', max: 5 },
  // The longest IANA zone name, America/Argentina/ComodRivadavia, has 32 characters.
  timeZone: { label: 'Time zone', max: 32 },
  // The app's own ids are UUIDs (36 characters); the id pattern has always allowed 100.
  id: { label: 'Id', max: 100 },
  // A KVS page cursor is opaque but short; it comes back from the previous page.
  cursor: { label: 'Page cursor', max: 2000 },
  // A secret travels in one HTTP header, and servers refuse header lines over 8 KB (nginx's
  // default); the longest secret a kind takes, an OAuth client and refresh token, is under 2 KB.
  secret: { label: 'Secret', max: 8192 },
  apiKey: { label: 'Admin API key', max: 8192 },
  // Jira keeps project keys, issue type names, labels and group names in 255-character columns.
  projectKey: { label: 'Project key', max: 255 },
  issueType: { label: 'Issue type', max: 255 },
  label: { label: 'Label', max: 255 },
  groupName: { label: 'Group name', max: 255 },
  groupId: { label: 'Group id', max: 255 },
} as const satisfies Record<string, Limit>;

/** List fields: the most items, and what an item is called. */
export const LIST_LIMITS = {
  // More thresholds than this would alert nearly every day.
  warnDays: { label: 'Warning days', max: 10, items: 'thresholds' },
  // A label for the team, one for the source; Jira shows a long row of them poorly.
  labels: { label: 'Labels', max: 20, items: 'labels' },
  // Each window is checked for every alert; a weekly window covers most schedules.
  maintenance: { label: 'Maintenance windows', max: 20, items: 'windows' },
  days: { label: 'Days', max: 7, items: 'days' },
  // Each flag once: more would only repeat one.
  flags: { label: 'Flags', max: TOKEN_FLAGS.length, items: 'flags' },
} as const satisfies Record<string, Limit & { items: string }>;

export function tooLong(limit: Limit): string {
  return `${limit.label}: at most ${limit.max} characters`;
}

export function tooMany(limit: Limit & { items: string }): string {
  return `${limit.label}: at most ${limit.max} ${limit.items}`;
}
