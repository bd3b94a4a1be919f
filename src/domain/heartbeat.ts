import { isLoopbackHost, NOT_A_URL, NOT_HTTPS } from './loopback';
import { SEVERITIES, type Severity } from './verdict';

/**
 * A dead man's switch for the sweep: an outside service (healthchecks.io, Cronitor, Dead Man's
 * Snitch, Better Stack) expects a ping after every sweep and raises the alarm when pings stop.
 * The URLs are secrets (their path is the key); what is stored in the clear is only this.
 */
export interface HeartbeatConfig {
  method: HeartbeatMethod;
  /** Off by default: the outside service learns counts, never which credential is in trouble. */
  includeNames: boolean;
  success: BoundUrl | null;
  failure: BoundUrl | null;
  updatedAt: string;
}

export const HEARTBEAT_METHODS = ['GET', 'POST'] as const;
export type HeartbeatMethod = (typeof HEARTBEAT_METHODS)[number];

/**
 * The host a secret URL was entered for and its fingerprint. A ping goes out only when the stored
 * URL still has this host, so a record and a secret that disagree (a half-finished save) send nothing.
 */
export interface BoundUrl {
  host: string;
  fingerprint: string;
}

/** Both URLs: the secret stored with setSecret. */
export interface HeartbeatUrls {
  success: string;
  failure: string | null;
}

export const DEFAULT_HEARTBEAT: HeartbeatConfig = {
  method: 'POST',
  includeNames: false,
  success: null,
  failure: null,
  updatedAt: '',
};

/**
 * Heartbeat services whose hosts manifest.yml declares as egress (a test keeps the two in step):
 * healthchecks.io (https://healthchecks.io/docs/http_api/), Cronitor's telemetry
 * (https://cronitor.io/docs/telemetry-api), Dead Man's Snitch (https://deadmanssnitch.com/docs),
 * Better Stack (https://betterstack.com/docs/uptime/api/list-all-existing-hearbeats).
 */
export const HEARTBEAT_HOSTS = [
  'hc-ping.com',
  'cronitor.link',
  'nosnch.in',
  'uptime.betterstack.com',
] as const;

export type PingKind = 'success' | 'failure' | 'test';

/** The last ping and what came of it, shown in Settings. */
export interface HeartbeatOutcome {
  at: string;
  kind: PingKind;
  ok: boolean;
  /** The HTTP status, or null when no answer came (timeout, network, egress refused). */
  status: number | null;
  detail: string;
  attempts: number;
}

/** What one ping says: counts by severity, names only when the admin asked for them. */
export interface PingBody {
  app: 'token-health';
  event: 'sweep' | 'sweep-failed' | 'test';
  slot: string | null;
  at: string;
  counts: Record<Severity, number> | null;
  due: number | null;
  names?: string[];
  error?: string;
}

/** Names of integrations that need attention, at most this many, so a ping body stays small. */
export const MAX_PING_NAMES = 20;

export function emptyCounts(): Record<Severity, number> {
  return Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
}

export const HTTPS_ONLY = NOT_HTTPS;

/** Why a heartbeat URL cannot be used, or null. Egress is checked apart: it needs the platform. */
export function heartbeatUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return NOT_A_URL;
  }
  const loopbackHttp = url.protocol === 'http:' && isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !loopbackHttp) return NOT_HTTPS;
  if (url.username || url.password) return 'must not contain a user name or password';
  if (url.hash) return 'must not contain a #fragment';
  return null;
}

export function hostOf(raw: string): string {
  return new URL(raw).host;
}

/** Whether the stored URL still goes to the host it was entered for. */
export function boundTo(url: string, bound: BoundUrl | null): boolean {
  if (!bound) return false;
  try {
    return hostOf(url) === bound.host;
  } catch {
    return false;
  }
}
