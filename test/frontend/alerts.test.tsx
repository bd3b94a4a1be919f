import {
  button,
  fire,
  byType,
  cellTexts,
  field,
  find,
  findAll,
  press,
  query,
  render,
  routeTo,
  selectTab,
  sentDocs,
  settle,
  startAdminApp,
  submit,
  tableRows,
  textOf,
  type,
  unmount,
  type ForgeNode,
  flagTitles,
  invocations,
  pickDate,
} from '../support/ui';
import { dayFromToday } from '../support/clock';
import React from 'react';
import type { LocalForge } from '../../local/forge-runtime';
import { fingerprint } from '../../src/domain/fingerprint';
import { ANY_FINGERPRINT_KEY } from '../support/fingerprint';
import { Webhook } from 'standardwebhooks';
import { App } from '../../src/frontend/App';
import { sendJson, startServer, type TestServer } from '../support/server';

const KEY = 'whsec_RNQRHrdniZVq9t1ox6jZttVrw/c0cmMnIxS+oQfUOYI=';

let forge: LocalForge;
let receiver: TestServer;
const verdicts: string[] = [];

beforeEach(async () => {
  verdicts.length = 0;
  // A receiver verifying with the off-the-shelf Standard Webhooks library, as docs/ALERTS.md shows.
  receiver = await startServer((req, res) => {
    let verdict = 'ok';
    try {
      new Webhook(KEY).verify(req.body, req.headers as Record<string, string>);
    } catch (e) {
      verdict = (e as Error).message;
    }
    verdicts.push(verdict);
    sendJson(res, verdict === 'ok' ? 200 : 401, { received: verdict === 'ok' });
  });
  forge = await startAdminApp([receiver]);
  routeTo(forge);
  await render(<App />);
  await settle();
});

afterEach(async () => {
  await unmount();
  await forge.stop();
  await receiver.close();
});

/** The error shown next to the control named `name`, if any. */
function errorOf(name: string): string | undefined {
  const stacks: ForgeNode[] = [];
  const walk = (n: ForgeNode) => {
    if (n.type === 'Stack' && n.children.some((c) => c.props.name === name)) stacks.push(n);
    n.children.forEach(walk);
  };
  walk(find(byType('Tabs')));
  const error = stacks[0] && query(byType('ErrorMessage'), stacks[0]);
  return error && textOf(error);
}

/** The error under the maintenance window holding the control named `name`, if any. */
function windowError(name: string): string | undefined {
  const rows = findAll(
    (n) =>
      n.type === 'Stack' &&
      n.children.some((c) => c.type === 'ErrorMessage') &&
      query(field(name), n) !== undefined,
  );
  const error = rows.at(-1) && query(byType('ErrorMessage'), rows.at(-1));
  return error && textOf(error);
}

/** Picks a one-off window's day and time, as its date and time pickers send them. */
async function pickInstant(name: string, day: string, time: string): Promise<void> {
  await pickDate(find(field(`${name}-day`)), day);
  await fire(find(field(`${name}-time`)), 'onChange', time);
}

const formWith = (name: string) =>
  find((n) => n.type === 'Form' && query(field(name), n) !== undefined);

describe('the alerts tab', () => {
  it('adds a signed webhook channel, sends a test alert and logs it, never showing the key', async () => {
    await selectTab('Alerts');
    expect(find(byType('EmptyState')).props.header).toBe('No alert channels yet');

    await press(find(button('Add channel')));
    await type(find(field('name')), 'Ops receiver');
    await type(find(field('url')), 'ftp://receiver.example.com/hook');
    await type(find(field('secret')), KEY);
    await submit(formWith('url'));
    expect(errorOf('url')).toBe('Enter a full https:// URL');

    await type(find(field('url')), `${receiver.url}/hook`);
    // A long key in the old free-text format is refused: receivers verify whsec_ keys.
    await type(find(field('secret')), 'an-old-style-signing-key-0123456789abcdef');
    await submit(formWith('url'));
    expect(errorOf('secret')).toMatch(
      /^The signing key must be a Standard Webhooks secret: whsec_/,
    );

    await type(find(field('secret')), KEY);
    await submit(formWith('url'));
    expect(query(field('url'))).toBeUndefined();
    const rows = tableRows(
      find((n) => n.type === 'DynamicTable' && n.props.caption === 'Alert channels'),
    );
    expect(rows).toHaveLength(1);
    const cells = cellTexts(rows[0] as ForgeNode);
    expect(cells.slice(0, 6)).toEqual([
      'Ops receiver',
      'Signed webhook',
      'primary',
      'each alert',
      'enabled',
      `fingerprint ${fingerprint(KEY, ANY_FINGERPRINT_KEY)}`,
    ]);

    await press(find(button('Send test alert')));
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]?.method).toBe('POST');
    expect(verdicts).toEqual(['ok']);
    const result = find(
      (n) => n.type === 'SectionMessage' && String(n.props.title).startsWith('Test alert to'),
    );
    expect(result.props.title).toBe('Test alert to Ops receiver: ok');
    expect(result.props.appearance).toBe('success');
    expect(flagTitles().slice(-2)).toEqual([
      'Saved channel Ops receiver',
      'Test alert sent to Ops receiver',
    ]);

    const log = find((n) => n.type === 'DynamicTable' && n.props.caption === 'Delivery log');
    const logRows = tableRows(log);
    expect(logRows).toHaveLength(1);
    const logged = cellTexts(logRows[0] as ForgeNode);
    expect(logged.slice(1, 4)).toEqual(['Ops receiver', 'test', 'sent']);

    expect(sentDocs().length).toBeGreaterThan(0);
    expect(sentDocs().filter((doc) => doc.includes(KEY))).toEqual([]);
    expect(sentDocs().filter((doc) => doc.includes(KEY.slice('whsec_'.length)))).toEqual([]);
  });

  it('shows the alert policy and the field a bad value is in', async () => {
    await selectTab('Alerts');
    expect(find(field('reminderHours')).props.value).toBe('24');

    await type(find(field('reminderHours')), 'daily');
    await submit(formWith('reminderHours'));
    expect(errorOf('reminderHours')).toBe('must be a whole number of hours');

    await type(find(field('reminderHours')), '500');
    await submit(formWith('reminderHours'));
    expect(errorOf('reminderHours')).toBe('must be 1 to 168 hours');

    await press(find(button('Add one-off window')));
    await pickInstant('maintenance-0-start', dayFromToday(30), '23:00');
    await pickInstant('maintenance-0-end', dayFromToday(30), '22:00');
    await type(find(field('reminderHours')), '12');
    await type(find(field('escalateAfterHours')), '48');
    await submit(formWith('reminderHours'));
    expect(windowError('maintenance-0-end-day')).toBe('must end after it starts');

    await pickInstant('maintenance-0-start', dayFromToday(30), '20:00');
    await submit(formWith('reminderHours'));
    expect(
      query((n) => n.type === 'SectionMessage' && n.props.title === 'Alert policy saved'),
    ).toBeDefined();

    await selectTab('Settings');
    await selectTab('Alerts');
    expect(find(field('reminderHours')).props.value).toBe('12');
    expect(find(field('escalateAfterHours')).props.value).toBe('48');
    expect(find(field('maintenance-0-end-day')).props.value).toBe(dayFromToday(30));
    expect(find(field('maintenance-0-end-time')).props.value).toBe('22:00');
    expect(forge.kvs.get('alert-policy')).toMatchObject({
      maintenance: [
        {
          kind: 'once',
          start: `${dayFromToday(30)}T20:00:00.000Z`,
          end: `${dayFromToday(30)}T22:00:00.000Z`,
        },
      ],
    });
    expect(findAll(byType('EmptyState')).map((n) => n.props.header)).toContain(
      'Nothing delivered yet',
    );
  });

  it('asks before closing a channel dialog with typed changes, and closes an untouched one at once', async () => {
    await selectTab('Alerts');
    await press(find(button('Add channel')));
    await fire(find(byType('Modal')), 'onClose');
    expect(query(byType('Modal'))).toBeUndefined();

    await press(find(button('Add channel')));
    await type(find(field('name'), find(byType('Modal'))), 'Ops room');
    await press(find(button('Cancel')));
    expect(textOf(find(byType('ModalFooter')))).toContain('Discard your changes?');
    await press(find(button('Keep editing')));
    expect(find(field('name'), find(byType('Modal'))).props.value).toBe('Ops room');
    await fire(find(byType('Modal')), 'onClose');
    await press(find(button('Discard')));
    expect(query(byType('Modal'))).toBeUndefined();
  });

  it('refuses a one-off window that has already ended, under the window, before sending', async () => {
    await selectTab('Alerts');
    await press(find(button('Add one-off window')));
    await pickInstant('maintenance-0-start', dayFromToday(-3), '08:00');
    await pickInstant('maintenance-0-end', dayFromToday(-2), '08:00');
    const calls = invocations().length;
    await submit(formWith('reminderHours'));
    expect(windowError('maintenance-0-end-day')).toBe(
      'Ends: that time has passed; choose a later end, or remove the window',
    );
    expect(find(field('maintenance-0-end-day')).props.isInvalid).toBe(true);
    expect(invocations().length).toBe(calls);
    expect(forge.kvs.get('alert-policy')).toBeUndefined();
  });

  it("keeps a one-off window's time typed before its day", async () => {
    await selectTab('Alerts');
    await press(find(button('Add one-off window')));
    await fire(find(field('maintenance-0-start-time')), 'onChange', '09:00');
    await pickDate(find(field('maintenance-0-start-day')), dayFromToday(30));
    expect(find(field('maintenance-0-start-time')).props.value).toBe('09:00');
    await pickInstant('maintenance-0-end', dayFromToday(30), '11:00');
    await submit(formWith('reminderHours'));
    expect(forge.kvs.get('alert-policy')).toMatchObject({
      maintenance: [
        {
          kind: 'once',
          start: `${dayFromToday(30)}T09:00:00.000Z`,
          end: `${dayFromToday(30)}T11:00:00.000Z`,
        },
      ],
    });
  });

  it('adds, edits and removes a weekly maintenance window, and the policy keeps it', async () => {
    await selectTab('Alerts');
    await press(find(button('Add weekly window')));
    await fire(find(field('weekly-0-days')), 'onChange', ['1', '3']);
    await fire(find(field('weekly-0-from')), 'onChange', '25:00');
    await fire(find(field('weekly-0-to')), 'onChange', '02:00');
    await submit(formWith('reminderHours'));
    expect(windowError('weekly-0-from')).toBe('must be a time such as 22:00');

    await fire(find(field('weekly-0-from')), 'onChange', '22:00');
    await submit(formWith('reminderHours'));
    expect(
      query((n) => n.type === 'SectionMessage' && n.props.title === 'Alert policy saved'),
    ).toBeDefined();
    const stored = () => forge.kvs.get('alert-policy') as { maintenance: unknown[] };
    expect(stored().maintenance).toEqual([
      { kind: 'weekly', days: [1, 3], from: '22:00', to: '02:00', timeZone: 'UTC' },
    ]);

    await selectTab('Settings');
    await selectTab('Alerts');
    expect(find(field('weekly-0-days')).props.value).toEqual(['1', '3']);
    expect(find(field('weekly-0-from')).props.value).toBe('22:00');
    await fire(find(field('weekly-0-days')), 'onChange', ['0', '6']);
    await fire(find(field('weekly-0-to')), 'onChange', '06:00');
    await submit(formWith('reminderHours'));
    expect(stored().maintenance).toEqual([
      { kind: 'weekly', days: [0, 6], from: '22:00', to: '06:00', timeZone: 'UTC' },
    ]);

    await press(find(button('Remove')));
    await submit(formWith('reminderHours'));
    expect(stored().maintenance).toEqual([]);
    expect(query(field('weekly-0-from'))).toBeUndefined();
  });
});
