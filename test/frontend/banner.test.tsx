import { byType, find, findAll, press, render, textOf, unmount } from '../support/ui';
import React from 'react';
import { AttentionBanner, BANNER_ITEMS } from '../../src/frontend/components/AttentionBanner';
import { initialStatus, newIntegration } from '../../src/domain/schedule';
import { toSummary } from '../../src/domain/summary';
import type { Verdict } from '../../src/domain/verdict';
import type { IntegrationSummary } from '../../src/resolvers/contract';

const now = new Date();
const LONG_ADVICE =
  'Jira answered 401: the credential is no longer accepted. If it is an API token with scopes, the site refuses it';

/** A summary as the overview sends it: critical, with its own name and a long message. */
function failing(n: number, verdict: Verdict = 'rejected'): IntegrationSummary {
  const record = newIntegration({
    id: `bot-${n}`,
    config: { kind: 'github-token', name: `Bot ${String(n).padStart(2, '0')}` },
    secret: `ghp_banner_${n}_000000000000000000000000`,
    fingerprintKey: Buffer.alloc(32),
    now,
  });
  const summary = toSummary(record, initialStatus(record.id, now), now);
  return { ...summary, severity: 'critical', verdict, message: LONG_ADVICE };
}

describe('the attention banner', () => {
  afterEach(() => unmount());

  it(`lists at most ${BANNER_ITEMS} credentials and counts the rest`, async () => {
    const rows = Array.from({ length: 8 }, (_, i) => failing(i));
    await render(<AttentionBanner rows={rows} now={now} onAction={() => undefined} />);
    const banner = find(byType('SectionMessage'));
    expect(banner.props.title).toBe('8 credentials need attention');
    const items = findAll(byType('ListItem'), banner).map(textOf);
    expect(items).toHaveLength(BANNER_ITEMS + 1);
    expect(items.slice(0, BANNER_ITEMS)).toEqual(
      rows
        .slice(0, BANNER_ITEMS)
        .map((r) => `${r.name} · rejected · never worked · Replace secret`),
    );
    expect(items.at(-1)).toBe('and 3 more: see the table below');
  });

  it("keeps the probe's explanation out of the banner: one line, one action each", async () => {
    const acted: string[] = [];
    const rows = [failing(1), failing(2, 'unreachable'), failing(3, 'anonymous')];
    await render(
      <AttentionBanner rows={rows} now={now} onAction={(a, r) => acted.push(`${a} ${r.id}`)} />,
    );
    const banner = find(byType('SectionMessage'));
    expect(textOf(banner)).not.toContain(LONG_ADVICE);
    const buttons = findAll(byType('Button'), banner);
    expect(buttons.map(textOf)).toEqual(['Replace secret', 'Check now', 'View details']);
    for (const button of buttons) await press(button);
    expect(acted).toEqual(['edit bot-1', 'check bot-2', 'details bot-3']);
  });
});
