import type { Envelope, Overview, OverviewAnswer } from '../resolvers/contract';
import { unpackRow } from '../domain/overview-wire';
import { SEVERITIES } from '../domain/verdict';

/** An answer as the page uses it: its rows restored whole (domain/overview-wire.ts). */
export function overviewOf({ rows, ...rest }: OverviewAnswer): Overview {
  return { ...rest, integrations: rows.map(unpackRow) };
}

/** Bounds the pages one load follows: 200,000 integrations, far beyond any site. */
const MAX_PAGES = 1_000;

function merged(first: Overview, more: Overview): Overview {
  const counts = { ...first.counts };
  for (const s of SEVERITIES) counts[s] += more.counts[s];
  return {
    ...first,
    integrations: [...first.integrations, ...more.integrations],
    counts,
    next: more.next,
  };
}

/**
 * The whole overview: the first answer, then each page it names (`next`), one after the other,
 * so no answer carries more than a few hundred rows. The rows so far go to `showPart` as each
 * answer arrives (`next` set: more are coming). A failed page fails the load: a table missing
 * rows without saying so would mislead.
 */
export async function loadOverview(
  get: (cursor?: string) => Promise<Envelope<Overview>>,
  showPart: (part: Overview) => void = () => undefined,
): Promise<Envelope<Overview>> {
  const first = await get();
  if (!first.ok) return first;
  let all = first.data;
  for (let page = 1; all.next !== null && page < MAX_PAGES; page += 1) {
    showPart(all);
    const more = await get(all.next);
    if (!more.ok) return more;
    all = merged(all, more.data);
  }
  return { ok: true, data: { ...all, next: null } };
}

/**
 * KVS requests a load of `rows` rows costs: a page of rows and one of their times per 100 rows,
 * and per answer (200 rows) its times' page read again, the settings, the last sweep and the
 * owners' name cache.
 */
export function overviewCost(rows: number): number {
  const answers = Math.max(1, Math.ceil(rows / 200));
  const pages = Math.max(1, Math.ceil(rows / 100));
  return pages * 2 + answers * 4;
}
