import {
  button,
  byType,
  find,
  findAll,
  field,
  pickDate,
  press,
  query,
  render,
  settle,
  textOf,
  pressRowAction,
  rowNamed,
  openDetail,
} from '../support/ui';
import React from 'react';
import { App } from '../../src/frontend/App';
import { integrations } from '../../src/storage/integrations';
import { calendarDayFromToday } from '../support/clock';
import { startScenario, TOKENS, type Scenario } from './scenario';

let scenario: Scenario;
beforeEach(async () => {
  scenario = await startScenario();
  await render(<App />);
  await settle();
});
afterEach(() => scenario.stop());

const dayAfter = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('the detail view', () => {
  it('explains the last checks in plain words, draws the history and guides the renewal', async () => {
    const modal = await openDetail('Old bot');
    expect(textOf(find(byType('ModalTitle'), modal))).toBe('Old bot');
    const page = textOf(modal);
    expect(page).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/user answered 401 in \d+ ms/);
    expect(page).toContain('GitHub answered 401 (Bad credentials)');
    expect(page).toContain('No identity known');

    const bars = findAll(byType('Tooltip'), modal).filter((t) => query(byType('Box'), t));
    expect(bars).toHaveLength(1);
    expect(String(bars[0]?.props.content)).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} · rejected: GitHub answered 401 \(Bad credentials\)/,
    );
    expect(page).toContain('Uptime 0.0 % over the last 24 hours');
    const steps = String(find(byType('CodeBlock'), modal).props.text).split('\n');
    expect(steps.length).toBeGreaterThan(1);
    expect(steps[0]).toMatch(/^1\. /);
  });

  it('shows who the credential authenticates as', async () => {
    const modal = await openDetail('Release bot');
    expect(textOf(modal)).toContain('Authenticated as release-bot, account 102.');
    const expiry = calendarDayFromToday(5.5);
    expect(textOf(modal)).toContain(`Expires ${expiry.day} · in ${expiry.away} days.`);
  });

  it('snoozes until a date: out of the banner, marked in the table', async () => {
    await openDetail('Release bot');
    await pickDate(find(field('snooze-until')), dayAfter(10));
    await press(find(button('Snooze')));
    expect(textOf(find(byType('Modal')))).toContain(`Snoozed until ${dayAfter(10)} · in 10 days`);

    await press(find(button('Close')));
    expect(textOf(rowNamed('Release bot'))).toContain(`snoozed until ${dayAfter(10)}`);
    const banner = find(byType('SectionMessage'));
    expect(textOf(banner)).not.toContain('Release bot');
    expect(banner.props.title).toBe('1 credential needs attention');

    await openDetail('Release bot');
    await press(find(button('End snooze')));
    expect(query(button('Snooze'))).toBeDefined();
  });

  it('tracks a revocation until the service refuses the credential', async () => {
    await openDetail('CI bot');
    await press(find(button('Mark revoked now')));
    expect(textOf(find(byType('Modal')))).toContain(
      'Checked every 5 minutes until the service refuses it',
    );
    await press(find(button('Close')));
    expect(textOf(rowNamed('CI bot'))).toContain('marked revoked');

    scenario.github.accounts.delete(TOKENS.ci);
    await pressRowAction(() => rowNamed('CI bot'), 'Check now');
    const modal = await openDetail('CI bot');
    expect(textOf(modal)).toMatch(
      /Refused by the service since .+ It kept working for \d+ min after that\./,
    );
    await press(find(button('Clear revoked mark')));
    expect(findAll(button('Mark revoked now'))).toHaveLength(1);
  });

  it('offers what its renewal steps ask for: Check now, and Edit to replace the secret', async () => {
    await openDetail('CI bot');
    scenario.github.accounts.delete(TOKENS.ci);
    await press(find(button('Check now'), find(byType('ModalFooter'))));
    expect(textOf(find(byType('Modal')))).toContain('GitHub answered 401');
    await press(find(button('Edit'), find(byType('ModalFooter'))));
    expect(textOf(find(byType('ModalTitle')))).toBe('Edit CI bot');
  });

  it('after a 401, says who the secret last authenticated as, and when', async () => {
    await pressRowAction(() => rowNamed('CI bot'), 'Check now');
    scenario.github.accounts.delete(TOKENS.ci);
    await pressRowAction(() => rowNamed('CI bot'), 'Check now');
    const page = textOf(await openDetail('CI bot'));
    expect(page).toContain('GitHub answered 401');
    expect(page).toMatch(
      /The last check did not authenticate\. Last seen as ci-bot, account 101 on \d{4}-\d{2}-\d{2} \d{2}:\d{2}/,
    );
  });

  it('shows an error in the dialog when the integration is gone', async () => {
    await scenario.forge.run(() => integrations.remove('old'));
    const modal = await openDetail('Old bot');
    const notice = find(byType('SectionMessage'), modal);
    expect(notice.props.title).toBe('Not found');
    expect(textOf(notice)).toContain('There is no such integration');
  });
});
