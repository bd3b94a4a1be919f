import { renewalGuide } from '../../domain/renewal';
import { toSummary, type IntegrationSummary } from '../../domain/summary';
import { SEVERITIES, type Severity } from '../../domain/verdict';
import { clock } from '../../platform/forge';
import { history } from '../../storage/history';
import { settings } from '../../storage/settings';
import { summaries } from '../../storage/summaries';
import { sweepState } from '../../storage/sweep-state';
import type { Handlers } from '../types';
import { idPayload, parse } from '../validate';
import { loadTarget, present } from './common';

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

export const overviewHandlers: Pick<Handlers, 'getOverview' | 'getIntegration'> = {
  /** Three reads in parallel: the overview rows (100 a page), the settings, the last sweep. */
  async getOverview() {
    const [rows, saved, sweep] = await Promise.all([
      summaries.list(),
      settings.get(),
      sweepState.get(),
    ]);
    const now = clock();
    return {
      integrations: rows.map((row) => overviewRow(present(row, now))),
      counts: countBySeverity(rows),
      settings: saved,
      sweep: { lastRunAt: sweep?.finishedAt ?? null, due: sweep?.due ?? 0 },
    };
  },

  async getIntegration(payload) {
    const { id } = parse(idPayload, payload);
    const { record, status } = await loadTarget(id);
    const recent = await history.recent(id, HISTORY_LIMIT);
    const last = status?.last ?? null;
    const now = clock();
    return {
      summary: present(toSummary(record, status, now), now),
      config: record.config,
      identity: last?.identity ?? null,
      facts: last?.facts ?? {},
      evidence: last?.evidence ?? [],
      history: recent,
      daily: status?.daily ?? [],
      revocation: status?.revocation ?? null,
      renewal: renewalGuide(record.config, record.config.name ?? record.id, last?.facts),
    };
  },
};
