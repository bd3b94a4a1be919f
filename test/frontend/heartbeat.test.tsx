import {
  button,
  byType,
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
  textOf,
  type,
  unmount,
  withText,
} from '../support/ui';
import React from 'react';
import type { LocalForge } from '../../local/forge-runtime';
import { App } from '../../src/frontend/App';
import { StoppedBanner } from '../../src/frontend/components/StoppedBanner';
import { startHeartbeatService, type HeartbeatService } from '../support/heartbeat-services';

const UUID = '1f0c6a52-8d2e-4c71-9b3a-6e5d4c3b2a19';

describe('the stopped-checks banner', () => {
  afterEach(() => unmount());

  it('says since when no check has run, what it means and where to look', async () => {
    const since = new Date(Date.now() - 3 * 3_600_000).toISOString();
    await render(<StoppedBanner stopped={{ sweepsSince: since, inventorySince: null }} />);
    const banner = find(byType('SectionMessage'));
    expect(banner.props).toMatchObject({ appearance: 'error', title: 'Checks have stopped' });
    expect(textOf(banner)).toMatch(/No scheduled check has run since \d{4}-\d{2}-\d{2} .*3 h/);
    expect(textOf(banner)).toContain('no credential is being watched');
    const looks = findAll(byType('ListItem'), banner).map(textOf);
    expect(looks.join(' ')).toMatch(/Manage apps.*status page.*Audit log/);
  });

  it('shows nothing while the schedules run', async () => {
    await render(<StoppedBanner stopped={null} />);
    expect(query(byType('SectionMessage'))).toBeUndefined();
  });
});

describe('the heartbeat in the settings tab', () => {
  let hc: HeartbeatService;
  let forge: LocalForge;

  beforeEach(async () => {
    hc = await startHeartbeatService([UUID]);
    forge = await startAdminApp([hc]);
    routeTo(forge);
    await render(<App />);
    await settle();
    await selectTab('Settings');
  });
  afterEach(async () => {
    await unmount();
    await forge.stop();
    await hc.close();
  });

  const heartbeatForm = () => find(withText('Form', 'Heartbeat URL'));

  it('stores the URL as a secret, shows only its host and fingerprint, and tests it', async () => {
    const url = `${hc.url}/${UUID}`;
    await type(find(field('successUrl')), url);
    await type(find(field('failureUrl')), `${url}/fail`);
    await submit(heartbeatForm());
    await settle();
    expect(find(field('successUrl')).props.value).toBe('');
    // Keyed, never the URL's tail: the last characters of a ping URL's path are part of its key.
    expect(textOf(heartbeatForm())).toMatch(/Stored: 127\.0\.0\.1:\d+ #[0-9a-f]{8}\./);
    expect(textOf(heartbeatForm())).not.toContain(UUID.slice(-4));
    await press(find(button('Send test ping')));
    await settle();
    expect(textOf(heartbeatForm())).toMatch(/Test ping: .*received \(received: 200 OK\)/);
    expect(hc.requests).toHaveLength(1);
    await press(find(button('Test the failure URL')));
    await settle();
    expect(hc.requests.map((r) => r.path)).toEqual([`/${UUID}`, `/${UUID}/fail`]);
    // What the page was sent, after the save: the URL is never among it.
    const after = sentDocs().slice(-3).join('\n');
    expect(after).not.toContain(UUID);
  });

  it('refuses a plain http URL on another host in words, storing nothing', async () => {
    await type(find(field('successUrl')), `http://hc-ping.com/${UUID}`);
    await submit(heartbeatForm());
    await settle();
    expect(textOf(heartbeatForm())).toContain('must use https://');
    expect(textOf(heartbeatForm())).toContain('None stored.');
  });
});
