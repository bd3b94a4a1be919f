import {
  countFlags,
  csvFilename,
  csvPart,
  matches,
  pageOf,
  PAGE_SIZE,
  rowsOf,
  type OrgTokenRow,
} from '../../domain/inventory-view';
import type { IntegrationConfig } from '../../domain/integration';
import { fingerprint, INVENTORY_SCOPE } from '../../domain/fingerprint';
import { inventoryTarget, sameTarget } from '../../domain/target';
import { endRun, startSync } from '../../inventory/sync';
import { clock, inventoryQueue } from '../../platform/forge';
import { integrations } from '../../storage/integrations';
import {
  inventory,
  inventorySource,
  inventorySync,
  type InventorySource,
  type SyncRun,
} from '../../storage/inventory';
import { INVENTORY_STALL_SECONDS } from '../../scheduler/limits';
import { settings } from '../../storage/settings';
import type { InventoryInfo, InventorySourceView, InventorySyncView } from '../contract';
import { ResolverFailure } from '../envelope';
import {
  inventorySourcePayload,
  orgTokenExportPayload,
  orgTokenPagePayload,
  type ParsedInventorySource,
} from '../inventory-input';
import type { CallContext, Handlers } from '../types';
import { badInput, parse } from '../validate';
import { fingerprintKeyFor, recordAudit } from './common';
import { integrationHandlers } from './integrations';
import { INVENTORY_KEY_INTEGRATION } from '../../domain/inventory-names';

const MONITOR_NAME = INVENTORY_KEY_INTEGRATION;
const NO_SOURCE =
  'Set up the organisation first: its id and an Admin API key, under Organisation tokens.';

const sourceView = (source: InventorySource): InventorySourceView => ({
  orgId: source.orgId,
  keyFingerprint: source.keyFingerprint,
  maxLifetimeDays: source.maxLifetimeDays,
  unusedDays: source.unusedDays,
  integrationId: source.integrationId ?? null,
});

/** A run that saved no progress for INVENTORY_STALL_SECONDS: the page stops its spinner. */
function running(run: SyncRun, now: Date): InventorySyncView['running'] {
  const progressAt = run.progressAt ?? run.startedAt;
  const idleMs = now.getTime() - Date.parse(progressAt);
  const stuck = idleMs > INVENTORY_STALL_SECONDS * 1000;
  const { startedAt, listed, cursor } = run;
  return { startedAt, listed, listing: cursor.kind, progressAt, stuck };
}

async function syncView(): Promise<InventorySyncView> {
  const [state, run] = await Promise.all([inventory.state(), inventorySync.get()]);
  return {
    lastSyncAt: state?.lastSyncAt ?? null,
    lastSuccessAt: state?.lastSuccessAt ?? null,
    error: state?.error ?? null,
    skipped: state?.skipped ?? [],
    tokens: state?.tokens ?? 0,
    running: run ? running(run, clock()) : null,
  };
}

async function info(): Promise<InventoryInfo> {
  const [source, sync] = await Promise.all([inventorySource.get(), syncView()]);
  return { source: source ? sourceView(source) : null, sync };
}

/** The key to keep monitoring: the one just entered, else the stored one. */
async function keyOf(input: ParsedInventorySource): Promise<string> {
  const key = input.apiKey ?? (await inventorySource.getKey());
  if (!key) throw badInput({ apiKey: 'no key is stored: enter the Admin API key' });
  return key;
}

/**
 * The monitor's config aimed where the source sends its key: a key entered for the inventory goes
 * to the Admin API about this org, whatever address an edit of the monitor gave it meanwhile.
 */
function aimedAtSource(
  config: IntegrationConfig,
  orgId: string,
  baseUrl: string | undefined,
): IntegrationConfig {
  const aimed: IntegrationConfig = { ...config, orgId };
  delete aimed.baseUrl;
  return baseUrl ? { ...aimed, baseUrl } : aimed;
}

/**
 * The integration that checks the Admin API key like any other credential, through the same
 * create and update paths as the Integrations tab (validation, egress, audit). An admin's own
 * edits to it (its name, an expiry date) stay; only the org and a new key follow the source.
 */
async function monitor(
  previous: InventorySource | undefined,
  input: ParsedInventorySource,
  key: string,
  ctx: CallContext,
): Promise<string> {
  const record = previous?.integrationId
    ? await integrations.get(previous.integrationId)
    : undefined;
  if (record?.config.kind === 'atlassian-admin-api-key') {
    if (!input.apiKey && record.config.orgId === input.orgId) return record.id;
    const config = aimedAtSource(record.config, input.orgId, previous?.baseUrl);
    const secret = input.apiKey ? { secret: input.apiKey } : {};
    await integrationHandlers.updateIntegration({ id: record.id, config, ...secret }, ctx);
    return record.id;
  }
  // None yet, or the admin deleted it (or made it another kind): a new one, with the key in hand.
  const config: IntegrationConfig = {
    kind: 'atlassian-admin-api-key',
    name: MONITOR_NAME,
    orgId: input.orgId,
    ...(previous?.baseUrl ? { baseUrl: previous.baseUrl } : {}),
  };
  return (await integrationHandlers.createIntegration({ config, secret: key }, ctx)).id;
}

function parseSource(payload: unknown, previous: InventorySource | undefined) {
  const input = parse(inventorySourcePayload(!previous), payload ?? {});
  // A key belongs to one organisation: another org needs its own.
  const retargeted =
    previous && !sameTarget(inventoryTarget(previous), inventoryTarget({ ...previous, ...input }));
  if (retargeted && !input.apiKey) {
    throw badInput({ apiKey: 'another organisation needs its own Admin API key: enter it' });
  }
  return input;
}

function sourceDetail(source: InventorySource, created: boolean, newKey: boolean): string {
  const what = created ? 'set up' : 'updated';
  const key = `key ${source.keyFingerprint}${newKey ? ' (new)' : ''}`;
  const lifetime = source.maxLifetimeDays === null ? 'none' : `${source.maxLifetimeDays} days`;
  const unused = source.unusedDays === null ? 'never' : `after ${source.unusedDays} days`;
  return `${what} the org token inventory of organisation ${source.orgId}: ${key}, max lifetime ${lifetime}, unused ${unused}`;
}

/** Every token as a row, most urgent first; none while no source is set up. */
export async function loadRows(now: Date): Promise<OrgTokenRow[]> {
  const source = await inventorySource.get();
  if (!source) return [];
  const [tokens, { warnDays }] = await Promise.all([inventory.load(), settings.get()]);
  const { maxLifetimeDays, unusedDays } = source;
  return rowsOf(tokens, { warnDays, maxLifetimeDays, unusedDays }, source.orgId, now);
}

export const inventoryHandlers: Pick<
  Handlers,
  | 'getInventory'
  | 'saveInventorySource'
  | 'syncInventoryNow'
  | 'listOrgTokens'
  | 'exportOrgTokensCsv'
  | 'deleteInventorySource'
> = {
  getInventory: () => info(),

  /** Stores the source and its key, and creates or updates the key's monitoring integration. */
  async saveInventorySource(payload, ctx) {
    const previous = await inventorySource.get();
    const input = parseSource(payload, previous);
    const key = await keyOf(input);
    const integrationId = await monitor(previous, input, key, ctx);
    const salt = await fingerprintKeyFor(INVENTORY_SCOPE);
    // Another org's tokens must not stay listed under this one's revoke links.
    if (previous && previous.orgId !== input.orgId) await inventorySource.remove();
    const source: InventorySource = {
      ...(previous?.baseUrl ? { baseUrl: previous.baseUrl } : {}),
      orgId: input.orgId,
      integrationId,
      keyFingerprint: fingerprint(key, salt),
      maxLifetimeDays: input.maxLifetimeDays,
      unusedDays: input.unusedDays,
    };
    if (input.apiKey) await inventorySource.setKey(input.apiKey);
    await inventorySource.save(source);
    const detail = sourceDetail(source, !previous, input.apiKey !== undefined);
    const now = clock();
    await recordAudit(ctx, 'save-inventory-source', integrationId, detail, now);
    // A new org or key is worth a sync now rather than tomorrow; one under way is left to finish.
    if (!previous || previous.orgId !== input.orgId || input.apiKey) {
      await startSync({ now, queue: inventoryQueue, requestedBy: ctx.accountId });
    }
    return info();
  },

  /** Starts a sync now; the answer shows it running. */
  async syncInventoryNow(_payload, ctx) {
    const source = await inventorySource.get();
    if (!source) throw new ResolverFailure('BAD_INPUT', NO_SOURCE);
    const now = clock();
    const start = await startSync({ now, queue: inventoryQueue, requestedBy: ctx.accountId });
    if (!start.started) throw new ResolverFailure('UNAVAILABLE', start.reason);
    const detail = `started a sync of organisation ${source.orgId}'s tokens`;
    await recordAudit(ctx, 'sync-inventory', null, detail, now);
    return info();
  },

  async listOrgTokens(payload) {
    const { offset = 0, ...filter } = parse(orgTokenPagePayload, payload ?? {});
    const [rows, sync] = await Promise.all([loadRows(clock()), syncView()]);
    const shown = rows.filter((r) => matches(r, filter));
    return {
      rows: pageOf(shown, offset),
      total: shown.length,
      pageSize: PAGE_SIZE,
      counts: countFlags(rows),
      sync,
    };
  },

  /**
   * An export carries every owner's email out of the app: worth a trace in the audit log. A long
   * one comes in parts of at most CSV_PART_BYTES, each a whole CSV file, asked for one by one.
   */
  async exportOrgTokensCsv(payload, ctx) {
    const { part = 1, ...filter } = parse(orgTokenExportPayload, payload ?? {});
    const now = clock();
    const shown = (await loadRows(now)).filter((r) => matches(r, filter));
    const cut = csvPart(shown, part);
    if (part > cut.parts) {
      const only = cut.parts === 1 ? 'is 1 part' : `are ${cut.parts} parts`;
      throw new ResolverFailure('BAD_INPUT', `There ${only} of this export, so no part ${part}.`, {
        part: `must be at most ${cut.parts}`,
      });
    }
    const rowsOut =
      cut.parts > 1 ? `rows ${cut.firstRow}–${cut.lastRow} (part ${part} of ${cut.parts}) of ` : '';
    const detail = `exported ${rowsOut}${shown.length} org tokens as CSV`;
    await recordAudit(ctx, 'export-org-tokens', null, detail, now);
    return { ...cut, filename: csvFilename(now, part, cut.parts), rows: shown.length };
  },

  /** Forgets the source, its key, the inventory and a sync under way; the monitoring integration stays. */
  async deleteInventorySource(_payload, ctx) {
    const [source, run] = await Promise.all([inventorySource.get(), inventorySync.get()]);
    // A sync under way would only list an org that is gone: end it with the source.
    if (run) await endRun(run);
    if (source) {
      await inventorySource.remove();
      const detail = `removed the org token inventory of organisation ${source.orgId} (key ${source.keyFingerprint})`;
      await recordAudit(
        ctx,
        'delete-inventory-source',
        source.integrationId ?? null,
        detail,
        clock(),
      );
    }
    return info();
  },
};
