import {
  field,
  find,
  fire,
  pickDate,
  press,
  button,
  query,
  render,
  routeTo,
  selectTab,
  setTimezone,
  settle,
  startAdminApp,
  submit,
  unmount,
} from '../support/ui';
import { dayFromToday } from '../support/clock';
import React from 'react';
import type { LocalForge } from '../../local/forge-runtime';
import { App } from '../../src/frontend/App';

/** Tokyo keeps no daylight saving: its clock is UTC+9 on any day the suite runs. */
const TOKYO = 'Asia/Tokyo';

let forge: LocalForge;

beforeEach(async () => {
  setTimezone(TOKYO);
  forge = await startAdminApp();
  // Saved before zones were kept: a UTC digest hour and a weekly window in UTC.
  forge.kvs.set('alert-policy', {
    reminderHours: 24,
    escalateAfterHours: null,
    maintenance: [{ kind: 'weekly', days: [1], from: '09:00', to: '10:00' }],
    digestHourUtc: 8,
  });
  routeTo(forge);
  await render(<App />);
  await settle();
  await selectTab('Alerts');
});

afterEach(async () => {
  await unmount();
  await forge.stop();
  setTimezone('UTC');
});

const policyForm = () =>
  find((n) => n.type === 'Form' && query(field('reminderHours'), n) !== undefined);

describe('alert policy times on the admin’s own clock', () => {
  it('shows a UTC digest hour on the admin’s clock and keeps an old window in its own zone, named', async () => {
    expect(find(field('digestHour')).props.value).toMatchObject({ label: '17:00', value: 17 });
    expect(find(field('weekly-0-from')).props.label).toBe('From (UTC)');
    expect(find(field('weekly-0-to')).props.value).toBe('10:00');
  });

  it('saves new times with the admin’s zone, and old windows unchanged in meaning', async () => {
    await press(find(button('Add one-off window')));
    const day = dayFromToday(30);
    await pickDate(find(field('maintenance-0-start-day')), day);
    await fire(find(field('maintenance-0-start-time')), 'onChange', '10:00');
    await pickDate(find(field('maintenance-0-end-day')), day);
    await fire(find(field('maintenance-0-end-time')), 'onChange', '12:00');
    await submit(policyForm());
    expect(forge.kvs.get('alert-policy')).toEqual({
      reminderHours: 24,
      escalateAfterHours: null,
      digestHour: 17,
      digestTimeZone: TOKYO,
      maintenance: [
        { kind: 'weekly', days: [1], from: '09:00', to: '10:00', timeZone: 'UTC' },
        { kind: 'once', start: `${day}T01:00:00.000Z`, end: `${day}T03:00:00.000Z` },
      ],
    });
  });
});
