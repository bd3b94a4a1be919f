import {
  button,
  byType,
  cellTexts,
  choose,
  field,
  find,
  findAll,
  press,
  query,
  render,
  routeTo,
  routeWith,
  screen,
  sentDocs,
  settle,
  tableRows,
  textOf,
  withText,
  type ForgeNode,
  flagTitles,
} from '../support/ui';
import React from 'react';
import { App } from '../../src/frontend/App';
import { integrations } from '../../src/storage/integrations';
import { calendarDayFromToday } from '../support/clock';
import { startScenario, TOKENS, type Scenario } from './scenario';

let scenario: Scenario;
beforeEach(async () => {
  scenario = await startScenario();
});
afterEach(() => scenario.stop());

const table = () => find(byType('DynamicTable'));
const names = () => tableRows(table()).map((row) => cellTexts(row)[0]);
const rowOf = (name: string): ForgeNode => {
  const row = tableRows(table()).find((r) => cellTexts(r)[0]?.startsWith(name));
  if (!row) throw new Error(`no row for ${name}; rows: ${names().join(' | ')}`);
  return row;
};

describe('the integrations tab', () => {
  it('shows a spinner while the overview loads, then the table with a row per integration', async () => {
    await render(<App />);
    await settle();
    const first = (type: string) => sentDocs().findIndex((d) => d.includes(`"type":"${type}"`));
    expect(first('Spinner')).toBeGreaterThanOrEqual(0);
    expect(first('Spinner')).toBeLessThan(first('DynamicTable'));
    expect(query(byType('Spinner'))).toBeUndefined();
    expect(names()).toEqual(['Old bot', 'Release bot', 'CI bot']);
    const old = cellTexts(rowOf('Old bot'));
    expect(old[1]).toBe('GitHub token');
    expect(old[3]).toBe('rejected');
    const release = cellTexts(rowOf('Release bot'));
    expect(release[3]).toBe('expiring');
    const expiry = calendarDayFromToday(5.5);
    expect(release[4]).toBe(`${expiry.day} · in ${expiry.away} days`);
    expect(release[5]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} · just now$/);
    expect(release[7]).toBe('100%');
    const lozenge = find(byType('Lozenge'), rowOf('Old bot'));
    expect(lozenge.props.appearance).toBe('removed');
  });

  it('names the broken credentials first in the banner, then those about to expire', async () => {
    await render(<App />);
    await settle();
    const banner = find(byType('SectionMessage'));
    expect(banner.props.appearance).toBe('error');
    expect(banner.props.title).toBe('2 credentials need attention');
    const items = findAll(byType('ListItem'), banner).map(textOf);
    expect(items).toHaveLength(2);
    expect(items[0]).toMatch(/^Old bot — rejected: .+/);
    const expiry = calendarDayFromToday(5.5);
    expect(items[1]).toBe(`Release bot — expires ${expiry.day} · in ${expiry.away} days`);
    // Each line opens its integration.
    await press(find(byType('Button'), banner));
    expect(textOf(find(byType('Modal')))).toContain('Old bot');
  });

  it('counts the integrations by severity', async () => {
    await render(<App />);
    await settle();
    const counts = findAll(byType('Badge')).map(textOf);
    const labels = findAll(byType('Lozenge')).slice(0, 4).map(textOf);
    expect(labels).toEqual(['Critical', 'Warning', 'Unknown', 'Healthy']);
    expect(counts).toEqual(['1', '1', '0', '1']);
  });

  it('sorts by any column and filters by severity and by kind', async () => {
    await render(<App />);
    await settle();
    const head = find((n) => n.type === 'ContentWrapper' && n.props.name === 'head', table());
    const sortable = findAll(byType('Cell'), head)
      .filter((c) => c.props.isSortable === true)
      .map((c) => c.props.cellKey);
    expect(sortable).toEqual(['name', 'kind', 'verdict', 'expires', 'checked', 'success', 'rate']);
    expect(table().props.defaultSortKey).toBe('verdict');

    await choose(find(field('severity-filter')), 'critical');
    expect(names()).toEqual(['Old bot']);
    await choose(find(field('severity-filter')), 'ok');
    expect(names()).toEqual(['CI bot']);
    await choose(find(field('severity-filter')), 'unknown');
    expect(query(byType('DynamicTable'))).toBeUndefined();
    expect(textOf(screen())).toContain('No integration matches these filters.');
    await choose(find(field('severity-filter')), null);
    await choose(find(field('kind-filter')), 'github-token');
    expect(names()).toHaveLength(3);
  });

  it('Check now runs a check and shows its verdict', async () => {
    await render(<App />);
    await settle();
    expect(cellTexts(rowOf('CI bot'))[3]).toBe('healthy');

    scenario.github.accounts.delete(TOKENS.ci);
    await press(find(button('Check now'), rowOf('CI bot')));
    expect(cellTexts(rowOf('CI bot'))[3]).toBe('rejected');
    expect(find(byType('SectionMessage')).props.title).toBe('3 credentials need attention');
  });

  it('asks before deleting, and deletes only when confirmed', async () => {
    await render(<App />);
    await settle();
    await press(find(button('Delete'), rowOf('Old bot')));
    const modal = find(byType('Modal'));
    expect(textOf(modal)).toContain('Delete Old bot?');
    await press(find(button('Cancel'), modal));
    expect(query(byType('Modal'))).toBeUndefined();
    expect(names()).toContain('Old bot');

    await press(find(button('Delete'), rowOf('Old bot')));
    await press(find(button('Delete'), find(byType('Modal'))));
    expect(query(byType('Modal'))).toBeUndefined();
    expect(names()).toEqual(['Release bot', 'CI bot']);
    const gone = /^(integration|secret|status|summary|history|grant):old\b/;
    expect((await scenario.forge.kvs.keys()).filter((k) => gone.test(k))).toEqual([]);
  });

  it('leaves a paused integration out of the critical count and the banner', async () => {
    await render(<App />);
    await settle();
    await press(find(button('Pause'), rowOf('Old bot')));
    const banner = find(byType('SectionMessage'));
    expect(banner.props.appearance).toBe('warning');
    expect(banner.props.title).toBe('1 credential needs attention');
    expect(findAll(byType('ListItem'), banner).map(textOf)).toEqual([
      expect.stringMatching(/^Release bot — expires /),
    ]);
    expect(findAll(byType('Badge')).map(textOf)).toEqual(['0', '1', '0', '1']);
    expect(textOf(rowOf('Old bot'))).toContain('paused');
  });

  it('says a paused integration is not being checked when nothing else needs attention', async () => {
    await render(<App />);
    await settle();
    await press(find(button('Pause'), rowOf('Old bot')));
    await press(find(button('Pause'), rowOf('Release bot')));
    const banner = find(byType('SectionMessage'));
    expect(banner.props.appearance).toBe('success');
    expect(textOf(banner)).toContain('2 paused integrations are not being checked.');
  });

  it('pauses and resumes', async () => {
    await render(<App />);
    await settle();
    await press(find(button('Pause'), rowOf('CI bot')));
    expect(textOf(rowOf('CI bot'))).toContain('paused');
    await press(find(button('Resume'), rowOf('CI bot')));
    expect(textOf(rowOf('CI bot'))).not.toContain('paused');
  });
});

describe('empty and error states', () => {
  it('confirms Check now, Pause, Resume and Delete with a success flag, and a failed action with none', async () => {
    await render(<App />);
    await settle();
    const before = flagTitles().length;
    await press(find(button('Check now'), rowOf('CI bot')));
    await press(find(button('Pause'), rowOf('CI bot')));
    await press(find(button('Resume'), rowOf('CI bot')));
    await press(find(button('Delete'), rowOf('Old bot')));
    await press(find(button('Delete'), find(byType('Modal'))));
    expect(flagTitles().slice(before)).toEqual([
      'Checked CI bot',
      'Paused CI bot',
      'Resumed CI bot',
      'Deleted Old bot',
    ]);
    await scenario.forge.run(() => integrations.remove('ci'));
    await press(find(button('Check now'), rowOf('CI bot')));
    expect(flagTitles().slice(before)).toHaveLength(4);
  });

  it('invites to add the first integration when there is none', async () => {
    await scenario.forge.run(async () => {
      for (const id of ['ci', 'release', 'old']) await integrations.remove(id);
    });
    await render(<App />);
    await settle();
    const empty = find(byType('EmptyState'));
    expect(empty.props.header).toBe('No integrations yet');
    expect(query(byType('DynamicTable'))).toBeUndefined();
    expect(query(byType('SectionMessage'))).toBeUndefined();
    await press(find(button('Add integration')));
    expect(textOf(find(byType('ModalTitle')))).toBe('Add integration');
  });

  it('shows an error envelope as a message, not a crash', async () => {
    routeTo(scenario.forge, 'someone-else');
    await render(<App />);
    await settle();
    const notice = find(withText('SectionMessage', 'Only Jira administrators'));
    expect(notice.props.appearance).toBe('error');
    expect(notice.props.title).toBe('Not allowed');
    expect(query(byType('DynamicTable'))).toBeUndefined();
    expect(find(button('Try again'))).toBeDefined();
  });

  it('shows a failed action as a message above the table', async () => {
    await render(<App />);
    await settle();
    await scenario.forge.run(() => integrations.remove('ci'));
    await press(find(button('Check now'), rowOf('CI bot')));
    const notice = find(byType('SectionMessage'));
    expect(notice.props.title).toBe('Not found');
    expect(textOf(notice)).toContain('There is no such integration');
    expect(names()).toContain('Old bot');
  });

  it('turns a failed transport into plain words', async () => {
    routeWith(() => Promise.reject(new Error('socket hang up at 0x7f3a')));
    await render(<App />);
    await settle();
    const page = textOf(screen());
    expect(page).toContain('Token Health could not be reached');
    expect(page).not.toContain('socket hang up');
  });
});
