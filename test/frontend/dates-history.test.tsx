import {
  button,
  byType,
  cellTexts,
  field,
  find,
  findAll,
  press,
  pressRowAction,
  query,
  render,
  selectTab,
  setTimezone,
  settle,
  tableRows,
  textOf,
  withText,
  type ForgeNode,
  rowNamed,
  openDetail,
  pickDate,
} from '../support/ui';
import React from 'react';
import { App } from '../../src/frontend/App';
import { fakeDateOnly } from '../support/clock';
import { startScenario, TOKENS, type Scenario } from './scenario';

/** The clock is fixed: 11:30 UTC on the 2nd is already 00:30 on the 3rd in Auckland (NZDT). */
const NOW = Date.parse('2026-12-02T11:30:00Z');
const HOUR = 3_600_000;
const ISO_MOMENT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

let scenario: Scenario;

async function openPage(timezone: string | undefined): Promise<void> {
  fakeDateOnly(NOW);
  setTimezone(timezone);
  scenario = await startScenario();
  await render(<App />);
  await settle();
}

afterEach(async () => {
  await scenario.stop();
  setTimezone('UTC');
  jest.useRealTimers();
});

/** The history strip's bars: the tooltips that wrap a coloured box. */
function barTexts(modal: ForgeNode): string[] {
  return findAll(byType('Tooltip'), modal)
    .filter((t) => query(byType('Box'), t))
    .map((t) => String(t.props.content));
}

async function checkNowAt(name: string, at: number): Promise<void> {
  jest.setSystemTime(at);
  await pressRowAction(() => rowNamed(name), 'Check now');
}

describe("dates in the user's time zone", () => {
  it('writes days and times on the calendar and clock of the zone the product context names', async () => {
    await openPage('Pacific/Auckland');
    expect(
      query(withText('Text', 'Dates and times are in your Jira time zone, Pacific/Auckland.')),
    ).toBeDefined();
    const release = cellTexts(rowNamed('Release bot'));
    // It expires 5½ days from now: the 8th at 12:30 in Auckland, 5 calendar days after the 3rd.
    // The table puts the day and its hint on two lines, to fit the column.
    expect(release[4]).toBe('2026-12-08 in 5 days');
    expect(release[5]).toBe('just now');
    const tips = findAll(byType('Tooltip'), rowNamed('Release bot')).map((t) => t.props.content);
    expect(tips).toContain('2026-12-03 00:30');

    const modal = await openDetail('Release bot');
    expect(textOf(modal)).toContain('Expires 2026-12-08 · in 5 days.');
    expect(textOf(modal)).toContain('last checked 2026-12-03 00:30 · just now');
    // Tomorrow is the 4th in Auckland, though still the 3rd in UTC.
    expect(find(field('snooze-until'), modal).props.minDate).toBe('2026-12-04');
  });

  it('falls back to UTC and says so when the context names no time zone', async () => {
    await openPage(undefined);
    expect(
      query(withText('Text', 'Dates and times are in UTC: Jira did not say your time zone.')),
    ).toBeDefined();
    expect(cellTexts(rowNamed('Release bot'))[4]).toBe('2026-12-07 in 5 days');
  });

  it('shows no ISO string in the audit log: the times inside its entries are written as the page writes times', async () => {
    await openPage('Pacific/Auckland');
    await openDetail('CI bot');
    await press(find(button('Mark revoked now')));
    await press(find(button('Close')));
    await selectTab('Audit log');
    const page = textOf(find(byType('DynamicTable')));
    expect(page).not.toMatch(ISO_MOMENT);
    expect(page).toContain('revoked at 2026-12-03 00:30 · just now: checked every 5 minutes');
    const when = cellTexts(tableRows(find(byType('DynamicTable')))[0] as ForgeNode)[0];
    expect(when).toBe('2026-12-03 00:30 · just now');
  });
});

describe('a snooze until a day', () => {
  it('lasts to the end of that day in the admin’s zone, and the audit log reads back the same day', async () => {
    await openPage('Europe/Berlin');
    await openDetail('Release bot');
    await pickDate(find(field('snooze-until')), '2026-12-20');
    await press(find(button('Snooze')));
    expect(textOf(find(byType('Modal')))).toContain('Snoozed until 2026-12-20 · in 18 days');
    await press(find(button('Close')));
    await selectTab('Audit log');
    const page = textOf(find(byType('DynamicTable')));
    expect(page).toContain('snoozed until 2026-12-20 23:59');
    expect(page).not.toContain('2026-12-20 01:00');
  });
});

/** The uptime axis's track and fill colours, read from the Box styles (xcss) the page sends. */
function uptimeAxis(modal: ForgeNode) {
  const style = (node: ForgeNode) => JSON.stringify(node.props.xcss ?? {});
  const boxes = findAll(byType('Box'), modal).filter((b) => /"height":"8px"/.test(style(b)));
  const [track, fill] = boxes.map((b) => JSON.parse(style(b)) as Record<string, string>);
  const colour = (s: Record<string, string> | undefined) =>
    JSON.stringify(s ?? {}).match(/color\.background\.[a-z.]+/)?.[0];
  return {
    track: colour(track),
    up: { width: JSON.stringify(fill).match(/"(\d+\.\d%)"/)?.[1], colour: colour(fill) },
  };
}

describe('the history strip', () => {
  it('draws a bar per check with its time and message, and counts from the last good to the next good check as down', async () => {
    await openPage('Pacific/Auckland');
    scenario.github.accounts.delete(TOKENS.ci);
    await checkNowAt('CI bot', NOW + 2 * HOUR);
    scenario.github.accounts.set(TOKENS.ci, { login: 'ci-bot', id: 101 });
    await checkNowAt('CI bot', NOW + 5 * HOUR);
    jest.setSystemTime(NOW + 26 * HOUR);

    const modal = await openDetail('CI bot');
    // The last 24 hours: the refused check and the good one; down from 2 to 5 hours in, 3 of 24.
    expect(barTexts(modal)).toEqual([
      expect.stringMatching(/^2026-12-03 02:30 · rejected: GitHub answered 401/),
      expect.stringMatching(/^2026-12-03 05:30 · healthy: /),
    ]);
    expect(textOf(modal)).toContain('Uptime 87.5 % over the last 24 hours:');
    expect(textOf(modal)).toContain('0 % 100 %');
    // The axis: a red track (down) with the green share that was up drawn over it.
    expect(uptimeAxis(modal)).toEqual({
      track: 'color.background.danger.bold',
      up: { width: '87.5%', colour: 'color.background.success.bold' },
    });

    await press(find(button('7 d'), modal));
    const week = find(byType('Modal'));
    expect(barTexts(week)).toEqual([
      expect.stringMatching(/^2026-12-03 00:30 · healthy: /),
      expect.stringMatching(/^2026-12-03 02:30 · rejected: /),
      expect.stringMatching(/^2026-12-03 05:30 · healthy: /),
    ]);
    // Known for 26 hours, down for the 5 between the first good check and the next good one.
    expect(textOf(week)).toContain(
      'Uptime 80.8 % over the last 7 days (known since 2026-12-03 00:30 · yesterday)',
    );
    expect(find(button('7 d'), week).props.isSelected).toBe(true);
  });
});
