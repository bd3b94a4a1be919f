import { byType, find, findAll, press, render, textOf, unmount } from '../support/ui';
import React from 'react';
import { AttentionBanner, BANNER_ITEMS } from '../../src/frontend/components/AttentionBanner';
import { initialStatus, newIntegration } from '../../src/domain/schedule';
import { toSummary } from '../../src/domain/summary';
import type { IntegrationSummary } from '../../src/resolvers/contract';

const now = new Date();

/** A summary as the overview sends it: critical, with its own name and message. */
function failing(n: number): IntegrationSummary {
  const record = newIntegration({
    id: `bot-${n}`,
    config: { kind: 'github-token', name: `Bot ${String(n).padStart(2, '0')}` },
    secret: `ghp_banner_${n}_000000000000000000000000`,
    fingerprintKey: Buffer.alloc(32),
    now,
  });
  const summary = toSummary(record, initialStatus(record.id, now), now);
  return { ...summary, severity: 'critical', verdict: 'rejected', message: 'refused' };
}

describe('the attention banner', () => {
  afterEach(() => unmount());

  it(`lists at most ${BANNER_ITEMS} credentials and counts the rest`, async () => {
    const rows = Array.from({ length: 8 }, (_, i) => failing(i));
    await render(<AttentionBanner rows={rows} now={now} onOpen={() => undefined} />);
    const banner = find(byType('SectionMessage'));
    expect(banner.props.title).toBe('8 credentials need attention');
    const items = findAll(byType('ListItem'), banner).map(textOf);
    expect(items).toHaveLength(BANNER_ITEMS + 1);
    expect(items.slice(0, BANNER_ITEMS)).toEqual(
      rows.slice(0, BANNER_ITEMS).map((r) => `${r.name} — rejected: refused`),
    );
    expect(items.at(-1)).toBe('and 3 more: see the table below');
  });

  it('opens the integration a line names', async () => {
    const opened: string[] = [];
    const rows = [failing(1), failing(2)];
    await render(<AttentionBanner rows={rows} now={now} onOpen={(r) => opened.push(r.id)} />);
    const [, second] = findAll(byType('Button'), find(byType('SectionMessage')));
    if (!second) throw new Error('the banner has no second line');
    await press(second);
    expect(opened).toEqual(['bot-2']);
  });
});
