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
  flagTitles,
  pressRowAction,
  rowNamed,
} from '../support/ui';
import React from 'react';
import { App } from '../../src/frontend/App';
import { integrations } from '../../src/storage/integrations';
import { calendarDayFromToday } from '../support/clock';
import { summaries } from '../../src/storage/summaries';
import { startScenario, TOKENS, type Scenario } from './scenario';

let scenario: Scenario;
beforeEach(async () => {
  scenario = await startScenario();
});
afterEach(() => scenario.stop());

const table = () => find(byType('DynamicTable'));
const names = () => tableRows(table()).map((row) => cellTexts(row)[0]);
const head = () => find((n) => n.type === 'ContentWrapper' && n.props.name === 'head', table());
const headings = () => findAll(byType('Button'), head()).map(textOf);
describe('the integrations tab', () => {
  it('shows a spinner while the overview loads, then the table with a row per integration', async () => {
    await render(<App />);
    await settle();
    const first = (type: string) => sentDocs().findIndex((d) => d.includes(`"type":"${type}"`));
    expect(first('Spinner')).toBeGreaterThanOrEqual(0);
    expect(first('Spinner')).toBeLessThan(first('DynamicTable'));
    expect(query(byType('Spinner'))).toBeUndefined();
    expect(names()).toEqual(['Old bot', 'Release bot', 'CI bot']);
    const old = cellTexts(rowNamed('Old bot'));
    expect(old[1]).toBe('GitHub token');
    expect(old[3]).toBe('rejected');
    const release = cellTexts(rowNamed('Release bot'));
    expect(release[3]).toBe('expiring');
    const expiry = calendarDayFromToday(5.5);
    expect(release[4]).toBe(`${expiry.day} in ${expiry.away} days`);
    expect(release[5]).toBe('just now');
    expect(release[6]).toBe('100%');
    // One column for both: a failing check says when the credential last worked.
    expect(cellTexts(rowNamed('Old bot'))[5]).toBe('just now never worked');
    const lozenge = find(byType('Lozenge'), rowNamed('Old bot'));
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
    expect(items[0]).toBe('Old bot · rejected · never worked · Replace secret');
    const expiry = calendarDayFromToday(5.5);
    expect(items[1]).toBe(
      `Release bot · expiring · expires ${expiry.day} · in ${expiry.away} days · Renew`,
    );
    // Each line's one action: a rejected credential's is to replace its secret.
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
    expect(headings()).toEqual([
      'Name',
      'Kind',
      'Owner',
      'Verdict ↑',
      'Expires',
      'Checked',
      '7-day %',
    ]);
    await press(find(button('Name'), head()));
    expect(names()).toEqual(['CI bot', 'Old bot', 'Release bot']);
    await press(find(button('Name ↑'), head()));
    expect(names()).toEqual(['Release bot', 'Old bot', 'CI bot']);
    // Equal values keep the most urgent first: neither GitHub token has a known expiry.
    await press(find(button('Expires'), head()));
    expect(names()).toEqual(['Release bot', 'Old bot', 'CI bot']);
    await press(find(button('Expires ↑'), head()));
    expect(names()).toEqual(['Old bot', 'CI bot', 'Release bot']);

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

  it('keeps every row in its place after Check now, Pause and Resume, until a heading re-sorts', async () => {
    await render(<App />);
    await settle();
    expect(names()).toEqual(['Old bot', 'Release bot', 'CI bot']);

    scenario.github.accounts.delete(TOKENS.ci);
    await pressRowAction(() => rowNamed('CI bot'), 'Check now');
    expect(cellTexts(rowNamed('CI bot'))[3]).toBe('rejected');
    await pressRowAction(() => rowNamed('Old bot'), 'Pause');
    await pressRowAction(() => rowNamed('Release bot'), 'Pause');
    await pressRowAction(() => rowNamed('Release bot'), 'Resume');
    expect(names()).toEqual(['Old bot paused', 'Release bot', 'CI bot']);

    // Sorting by urgency again puts the newly broken one with the other critical one, first.
    await press(find(button('Name'), head()));
    await press(find(button('Verdict'), head()));
    expect(names()).toEqual(['CI bot', 'Old bot paused', 'Release bot']);
  });

  it('holds the row actions in one ⋯ menu, open on one row at a time, closed after a choice', async () => {
    await render(<App />);
    await settle();
    const menu = (name: string) => find(byType('Popup'), rowNamed(name));
    expect(query(button('Check now'), table())).toBeUndefined();
    await press(find(button('Actions for CI bot'), rowNamed('CI bot')));
    expect(menu('CI bot').props.isOpen).toBe(true);
    expect(findAll(byType('Button'), menu('CI bot')).map(textOf)).toEqual([
      'Check now',
      'Details',
      'Edit',
      'Pause',
      'Delete',
    ]);
    await press(find(button('Actions for Old bot'), rowNamed('Old bot')));
    expect(menu('CI bot').props.isOpen).toBe(false);
    expect(menu('Old bot').props.isOpen).toBe(true);
    await press(find(button('Details'), rowNamed('Old bot')));
    expect(menu('Old bot').props.isOpen).toBe(false);
    expect(textOf(find(byType('Modal')))).toContain('Old bot');
  });

  it('shows the full name of a row on hover, and its owner by name, else by account id', async () => {
    await scenario.forge.run(async () => {
      const ci = await summaries.get('ci');
      const release = await summaries.get('release');
      if (!ci || !release) throw new Error('the scenario has no summaries');
      await summaries.save({ ...ci, ownerAccountId: 'acc-ada', ownerName: 'Ada Lovelace' });
      await summaries.save({ ...release, ownerAccountId: 'acc-grace' });
    });
    await render(<App />);
    await settle();
    expect(cellTexts(rowNamed('CI bot'))[2]).toBe('Ada Lovelace');
    expect(cellTexts(rowNamed('Release bot'))[2]).toBe('acc-grace');
    expect(cellTexts(rowNamed('Old bot'))[2]).toBe('—');
    expect(find(byType('Tooltip'), rowNamed('Release bot')).props.content).toBe('Release bot');
    expect(table().props.isFixedSize).toBe(true);
  });

  it('Check now runs a check and shows its verdict', async () => {
    await render(<App />);
    await settle();
    expect(cellTexts(rowNamed('CI bot'))[3]).toBe('healthy');

    scenario.github.accounts.delete(TOKENS.ci);
    await pressRowAction(() => rowNamed('CI bot'), 'Check now');
    expect(cellTexts(rowNamed('CI bot'))[3]).toBe('rejected');
    expect(find(byType('SectionMessage')).props.title).toBe('3 credentials need attention');
  });

  it('asks before deleting, and deletes only when confirmed', async () => {
    await render(<App />);
    await settle();
    await pressRowAction(() => rowNamed('Old bot'), 'Delete');
    const modal = find(byType('Modal'));
    expect(textOf(modal)).toContain('Delete Old bot?');
    await press(find(button('Cancel'), modal));
    expect(query(byType('Modal'))).toBeUndefined();
    expect(names()).toContain('Old bot');

    await pressRowAction(() => rowNamed('Old bot'), 'Delete');
    await press(find(button('Delete'), find(byType('Modal'))));
    expect(query(byType('Modal'))).toBeUndefined();
    expect(names()).toEqual(['Release bot', 'CI bot']);
    const gone = /^(integration|secret|status|summary|history|grant):old\b/;
    expect((await scenario.forge.kvs.keys()).filter((k) => gone.test(k))).toEqual([]);
  });

  it('leaves a paused integration out of the critical count and the banner', async () => {
    await render(<App />);
    await settle();
    await pressRowAction(() => rowNamed('Old bot'), 'Pause');
    const banner = find(byType('SectionMessage'));
    expect(banner.props.appearance).toBe('warning');
    expect(banner.props.title).toBe('1 credential needs attention');
    expect(findAll(byType('ListItem'), banner).map(textOf)).toEqual([
      expect.stringMatching(/^Release bot · expiring · expires /),
    ]);
    expect(findAll(byType('Badge')).map(textOf)).toEqual(['0', '1', '0', '1']);
    expect(textOf(rowNamed('Old bot'))).toContain('paused');
  });

  it('says a paused integration is not being checked when nothing else needs attention', async () => {
    await render(<App />);
    await settle();
    await pressRowAction(() => rowNamed('Old bot'), 'Pause');
    await pressRowAction(() => rowNamed('Release bot'), 'Pause');
    const banner = find(byType('SectionMessage'));
    expect(banner.props.appearance).toBe('success');
    expect(textOf(banner)).toContain('2 paused integrations are not being checked.');
  });

  it('pauses and resumes', async () => {
    await render(<App />);
    await settle();
    await pressRowAction(() => rowNamed('CI bot'), 'Pause');
    expect(textOf(rowNamed('CI bot'))).toContain('paused');
    await pressRowAction(() => rowNamed('CI bot'), 'Resume');
    expect(textOf(rowNamed('CI bot'))).not.toContain('paused');
  });
});

describe('empty and error states', () => {
  it('confirms Check now, Pause, Resume and Delete with a success flag, and a failed action with none', async () => {
    await render(<App />);
    await settle();
    const before = flagTitles().length;
    await pressRowAction(() => rowNamed('CI bot'), 'Check now');
    await pressRowAction(() => rowNamed('CI bot'), 'Pause');
    await pressRowAction(() => rowNamed('CI bot'), 'Resume');
    await pressRowAction(() => rowNamed('Old bot'), 'Delete');
    await press(find(button('Delete'), find(byType('Modal'))));
    expect(flagTitles().slice(before)).toEqual([
      'Checked CI bot',
      'Paused CI bot',
      'Resumed CI bot',
      'Deleted Old bot',
    ]);
    await scenario.forge.run(() => integrations.remove('ci'));
    await pressRowAction(() => rowNamed('CI bot'), 'Check now');
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
    await pressRowAction(() => rowNamed('CI bot'), 'Check now');
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
