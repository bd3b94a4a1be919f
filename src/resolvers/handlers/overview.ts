import type { CredentialKind, IntegrationConfig } from '../../domain/integration';
import { lastEvidence } from '../../domain/history';
import { packRow } from '../../domain/overview-wire';
import { renewalGuide } from '../../domain/renewal';
import type { Identity } from '../../domain/result';
import type { IntegrationRecord, IntegrationStatus } from '../../domain/schedule';
import { toSummary, type IntegrationSummary } from '../../domain/summary';
import { SEVERITIES, type Severity } from '../../domain/verdict';
import { clock } from '../../platform/forge';
import { history } from '../../storage/history';
import { decodeResume, encodeResume, summaries } from '../../storage/summaries';
import type { IntegrationDetail } from '../contract';
import { inventory } from '../../storage/inventory';
import { overviewBasics } from '../../storage/overview-reads';
import { stoppedChecks, type StoppedChecks } from '../../domain/stopped';
import { SLOT_MS } from '../../scheduler/limits';
import type { SweepState } from '../../storage/sweep-state';
import type { Handlers } from '../types';
import { displayNames } from '../user-names';
import { badInput, idPayload, overviewPayload, parse } from '../validate';
import { loadTarget, logPage, present } from './common';

/**
 * The detailed checks of the history strip: one KVS page, over 8 hours at the 5-minute interval
 * and four days at the hourly one; older time is counted from the daily roll-ups.
 */
const HISTORY_LIMIT = 99;

/** A paused integration is not checked, so its last verdict counts towards no severity. */
function countBySeverity(rows: IntegrationSummary[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const row of rows) if (!row.paused) counts[row.severity] += 1;
  return counts;
}

/** The detail view has every message; the overview needs only the ones that call for action. */
function overviewRow(row: IntegrationSummary): IntegrationSummary {
  return row.severity === 'ok' ? { ...row, message: null } : row;
}

/** Kinds whose identity is an Atlassian account: Jira can name it when the probe could not. */
const ATLASSIAN_ACCOUNT_KINDS = new Set<CredentialKind>([
  'atlassian-api-token',
  'atlassian-oauth2',
  'atlassian-service-account',
]);

function withOwnerName(row: IntegrationSummary, names: Map<string, string>): IntegrationSummary {
  const ownerName = row.ownerAccountId ? names.get(row.ownerAccountId) : undefined;
  return ownerName ? { ...row, ownerName } : row;
}

/** The identity's account id when only Jira can name it: an Atlassian account with no name. */
function unnamedAccount(identity: Identity | null, kind: CredentialKind): string | null {
  if (!identity || identity.displayName || !ATLASSIAN_ACCOUNT_KINDS.has(kind)) return null;
  return identity.id;
}

/** The pinned account when only Jira can name it: an Atlassian account. */
function pinnedAccount(config: IntegrationConfig): string | null {
  const pinned = config.expectedAccountId;
  return pinned && ATLASSIAN_ACCOUNT_KINDS.has(config.kind) ? pinned : null;
}

/** Jira's name for the pinned account, or the service's when it is the account seen now. */
function pinnedNameOf(
  pinned: string | undefined,
  identity: Identity | null,
  names: Map<string, string>,
): string | undefined {
  if (!pinned) return undefined;
  return names.get(pinned) ?? (identity?.id === pinned ? identity.displayName : undefined);
}

/** The identity last seen with the secret stored now: an older secret's says nothing of it. */
function seenIdentityOf(
  record: IntegrationRecord,
  status: IntegrationStatus | undefined,
): IntegrationDetail['seenIdentity'] {
  const seen = status?.seenIdentity;
  if (!seen || seen.secretFingerprint !== record.secretFingerprint) return null;
  return { identity: seen.identity, at: seen.at };
}

function namedIdentity(identity: Identity | null, names: Map<string, string>): Identity | null {
  const displayName = identity ? names.get(identity.id) : undefined;
  return identity && displayName ? { ...identity, displayName } : identity;
}

/** Whether the sweep or the inventory sync has stopped; the inventory is read only when set up. */
async function stopped(
  sweep: SweepState | undefined,
  now: Date,
  configured: boolean,
): Promise<StoppedChecks | null> {
  const state = configured ? await inventory.state() : undefined;
  return stoppedChecks({
    now,
    lastSweepAt: sweep?.finishedAt ?? null,
    sweepEveryMs: SLOT_MS,
    inventoryConfigured: configured,
    lastSyncAt: state?.lastSyncAt ?? null,
  });
}

/** Where an answer starts: the first row, or where the answer before said (`next`). */
function resumeOf(cursor: string | undefined) {
  if (cursor === undefined) return undefined;
  const resume = decodeResume(cursor);
  if (!resume) throw badInput({ cursor: 'Page cursor: not one the overview gave; start again' });
  return resume;
}

export const overviewHandlers: Pick<Handlers, 'getOverview' | 'getIntegration'> = {
  /** One page of rows (summaries.page) and what the page shows besides, read in parallel. */
  async getOverview(payload) {
    const { cursor } = parse(overviewPayload, payload);
    const from = resumeOf(cursor);
    const [{ rows, next }, basics] = await logPage(
      () => Promise.all([summaries.page(from), overviewBasics()]),
      from?.rows,
    );
    const { sweep } = basics;
    const now = clock();
    const owners = rows.map((row) => row.ownerAccountId);
    const [names, halted] = await Promise.all([
      displayNames(owners, now, basics.names),
      stopped(sweep, now, basics.inventoryConfigured),
    ]);
    return {
      rows: rows.map((row) => packRow(withOwnerName(overviewRow(present(row, now)), names))),
      counts: countBySeverity(rows),
      sweep: { lastRunAt: sweep?.finishedAt ?? null, due: sweep?.due ?? 0, stopped: halted },
      next: next ? encodeResume(next) : null,
    };
  },

  async getIntegration(payload) {
    const { id } = parse(idPayload, payload);
    const { record, status } = await loadTarget(id);
    const last = status?.last ?? null;
    const now = clock();
    const identity = last?.identity ?? null;
    const account = unnamedAccount(identity, record.config.kind);
    const pinned = pinnedAccount(record.config);
    // The history and the names are independent: read together, one round trip less.
    const [recent, names] = await Promise.all([
      history.recent(id, HISTORY_LIMIT),
      displayNames([record.ownerAccountId, account, pinned], now),
    ]);
    const named = account ? namedIdentity(identity, names) : identity;
    const pinnedName = pinnedNameOf(record.config.expectedAccountId, named, names);
    return {
      summary: withOwnerName(present(toSummary(record, status, now), now), names),
      config: record.config,
      identity: named,
      seenIdentity: seenIdentityOf(record, status),
      ...(pinnedName ? { pinnedName } : {}),
      facts: last?.facts ?? {},
      evidence: lastEvidence(status, recent),
      history: recent,
      daily: status?.daily ?? [],
      revocation: status?.revocation ?? null,
      renewal: renewalGuide(record.config, record.config.name ?? record.id, last?.facts),
    };
  },
};
