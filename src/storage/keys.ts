/** Every KVS key the app uses, in one place. Keys must match /^[a-zA-Z0-9:._\s-#]+$/ and stay ≤ 500 chars. */

const MAX_MS = 9_999_999_999_999;

/** Keys sort ascending; an inverted, zero-padded time makes the newest entry come first. */
export function newestFirst(ms: number): string {
  return String(MAX_MS - ms).padStart(13, '0');
}

/** The time a newestFirst string stands for. */
export function fromNewestFirst(inverted: string): number {
  return MAX_MS - Number(inverted);
}

export const keys = {
  integration: (id: string) => `integration:${id}`,
  integrationPrefix: 'integration:',
  /** A hash of the integration as saved (domain/revision.ts), written with it. */
  revision: (id: string) => `revision:${id}`,
  /** The integration's secret, stored with setSecret: never returned by a resolver. */
  secret: (id: string) => `secret:${id}`,
  status: (id: string) => `status:${id}`,
  /** A small overview row per integration, so the admin page reads 10 pages, not every status. */
  summary: (id: string) => `summary:${id}`,
  summaryPrefix: 'summary:',
  statusPrefix: 'status:',
  /** What every check changes of a status (domain/status-tick.ts): the planner reads only these. */
  checked: (id: string) => `checked:${id}`,
  checkedPrefix: 'checked:',
  /** The requests of an integration's last check, rewritten only when they change. */
  evidence: (id: string) => `evidence:${id}`,
  /** One detailed entry per planned check slot, so a redelivered check overwrites instead of doubling. */
  history: (id: string, slotMs: number) => `history:${id}:${newestFirst(slotMs)}`,
  historyPrefix: (id: string) => `history:${id}:`,
  sweepLease: 'sweep:lease',
  sweepState: 'sweep:state',
  audit: (atMs: number, unique: string) => `audit:${newestFirst(atMs)}:${unique}`,
  auditPrefix: 'audit:',
  settings: 'settings',
  /** A kept OAuth grant's rotating tokens (a secret) and its refresh lock. */
  grant: (id: string) => `grant:${id}`,
  /** A new integration's Test result, by a digest of who tested what with which secret. */
  tested: (digest: string) => `tested:${digest}`,
  grantLock: (id: string) => `lock:grant:${id}`,
  /** What the alert policy remembers of one integration (thresholds fired, the open incident). */
  alert: (id: string) => `alert:${id}`,
  /** The Jira issue a Jira issue channel keeps an integration's incident in: written by delivery. */
  incidentIssue: (id: string, channelId: string) => `incident-issue:${id}:${channelId}`,
  incidentIssuePrefix: (id: string) => `incident-issue:${id}:`,
  alertPolicy: 'alert-policy',
  /** The Jira site's URL, as the admin page last reported it: alerts link back to the page. */
  site: 'site',
  channel: (id: string) => `channel:${id}`,
  channelPrefix: 'channel:',
  /** A channel's webhook URL or signing key, stored with setSecret: shown only as a fingerprint. */
  channelSecret: (id: string) => `channel-secret:${id}`,
  /** One alert to one channel: a send lease, then the proof it was sent (idempotency). */
  sent: (channelId: string, idempotencyKey: string) => `sent:${channelId}:${idempotencyKey}`,
  delivery: (atMs: number, unique: string) => `delivery:${newestFirst(atMs)}:${unique}`,
  deliveryPrefix: 'delivery:',
  /** Alerts routed to digest channels, by the UTC day they were decided. */
  digestItem: (day: string, idempotencyKey: string) => `digest:${day}:${idempotencyKey}`,
  digestPrefix: (day: string) => `digest:${day}:`,
  digestState: 'digest-state',
  /** The org token inventory's source (org id, base URL) and its Admin API key (a secret). */
  inventorySource: 'inventory-source',
  inventorySourceKey: 'inventory-source-key',
  /** The inventory in chunks small enough for one KVS value, and what the last sync did. */
  inventoryChunk: (source: string, n: number) => `inventory:${source}:${n}`,
  inventoryState: (source: string) => `inventory-state:${source}`,
  /** The sync under way (its cursor and staged steps), and the lease that lets one run at a time. */
  inventorySync: (source: string) => `inventory-sync:${source}`,
  inventorySyncLease: (source: string) => `lock:inventory-sync:${source}`,
  /** Tokens one sync step listed, kept until the listing is complete and merged. */
  inventoryStaged: (syncId: string, step: number, n: number) =>
    `inventory-staged:${syncId}:${step}:${n}`,
  /** The installation's random HMAC key for fingerprints (a secret), created once. */
  fingerprintKey: 'fingerprint-key',
  /** Set once every fingerprint stored before they were keyed has been recomputed. */
  fingerprintsKeyed: 'fingerprints-keyed',
  /** The sweep's heartbeat: its settings, its URLs (a secret), its last ping, one claim per slot. */
  heartbeat: 'heartbeat',
  heartbeatUrls: 'heartbeat-urls',
  heartbeatOutcome: 'heartbeat-outcome',
  heartbeatSent: (slotAndKind: string) => `heartbeat-sent:${slotAndKind}`,
  /** The installation's random HMAC key for consumer keys (a secret), created once. */
  consumerKeyHmac: 'consumer-key-hmac',
  /** A consumer key by its keyed hash: the only way a presented key is found. */
  consumerKey: (hash: string) => `consumer-key:${hash}`,
  /** An integration's consumer keys, by their public id: the value is the key's hash. */
  consumerKeyOf: (integrationId: string, keyId: string) =>
    `consumer-key-of:${integrationId}:${keyId}`,
  consumerKeyOfPrefix: (integrationId: string) => `consumer-key-of:${integrationId}:`,
  /** One claimed draw of a consumer key within an hour: at most the key's rate per hour. */
  vendRate: (keyId: string, hour: number, n: number) => `vend-rate:${keyId}:${hour}:${n}`,
  vendRatePrefix: (keyId: string, hour: number) => `vend-rate:${keyId}:${hour}:`,
  /** A consumer key's draw count as last raised; draws past it are the tickets above it. */
  drawTally: (keyId: string) => `draw-tally:${keyId}`,
  /** The n-th draw of a consumer key, created once: two draws never count as one. */
  drawTicket: (keyId: string, n: number) => `draw-ticket:${keyId}:${n}`,
  /** What the expiry watch remembers of one consumer key: the warnings already queued. */
  keyWarned: (keyId: string) => `key-warned:${keyId}`,
  /** One expiry watch of the consumer keys per hour: the claim for that hour. */
  keyWatch: (hour: number) => `key-watch:${hour}`,
  consumerKeyPrefix: 'consumer-key:',
  /** A draw refused for the grant's sake queues at most one check of it per sweep slot. */
  vendCheck: (integrationId: string, slot: string) => `vend-check:${integrationId}:${slot}`,
  /**
   * A token minted for vending (GitHub App installation, client credentials), a secret kept until
   * it expires; minted under the integration's grant lock (`grantLock`), one mint at a time.
   */
  mintedToken: (integrationId: string) => `minted-token:${integrationId}`,
  /** Refusals of unknown keys are audited at most once a minute: the marker for that minute. */
  vendRefusalAudited: (minute: number) => `vend-refusal-audited:${minute}`,
  /** What Jira calls an account, kept a while so a page load needs no user lookup. */
  userNames: 'user-names',
  /** A part of the admin page's change marker: moved in the same request as each write it shows. */
  changed: (area: string) => `changed:${area}`,
} as const;
