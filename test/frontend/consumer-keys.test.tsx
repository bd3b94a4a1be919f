import {
  ADMIN,
  button,
  byType,
  field,
  find,
  findAll,
  invocations,
  openDetail,
  pickDate,
  press,
  query,
  render,
  routeTo,
  settle,
  startAdminApp,
  textOf,
  type,
  unmount,
} from '../support/ui';
import React from 'react';
import type { LocalForge } from '../../local/forge-runtime';
import { App } from '../../src/frontend/App';
import { startAtlassianAuth, type AtlassianAuth } from '../support/atlassian-auth';
import { record, seed, sweep } from '../support/app';
import type { ConsumerKeyView, Envelope } from '../../src/resolvers/contract';

let auth: AtlassianAuth;
let forge: LocalForge;
beforeEach(async () => {
  auth = await startAtlassianAuth(() => Date.now());
  forge = await startAdminApp([auth]);
  const secret = JSON.stringify({
    clientId: auth.client.id,
    clientSecret: auth.client.secret,
    refreshToken: auth.consent(),
  });
  const config = {
    kind: 'atlassian-oauth2' as const,
    name: 'Kept grant',
    mode: 'keep' as const,
    baseUrl: auth.url,
    tokenUrl: auth.tokenUrl,
  };
  await seed(forge, [{ record: record('kept', config), secret }]);
  await sweep(forge);
  routeTo(forge);
  await render(<App />);
  await settle();
});
afterEach(async () => {
  await unmount();
  await forge.stop();
  await auth.close();
});

const inDays = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('consumer keys in the detail dialog of a kept grant', () => {
  it('creates a key shown once, lists it, and revokes it', async () => {
    let modal = await openDetail('Kept grant');
    const curl = findAll(byType('CodeBlock'), modal).map((c) => String(c.props.text));
    expect(curl.some((t) => t.includes('/x1/') && t.includes('"integration":"kept"'))).toBe(true);
    await type(find(field('consumer-key-name'), modal), 'Deploy job');
    await pickDate(find(field('consumer-key-expires'), modal), inDays(30));
    await press(find(button('Create key'), modal));
    await settle();
    modal = find(byType('Modal'));
    const shown = findAll(byType('CodeBlock'), modal).map((c) => String(c.props.text));
    expect(shown.some((t) => /^thk_[A-Za-z0-9_-]{43}$/.test(t))).toBe(true);
    expect(textOf(modal)).toContain('Deploy job');
    await press(find(button('Revoke Deploy job'), modal));
    await settle();
    expect(textOf(find(byType('Modal')))).toContain('revoked');
  });

  it('rotates with the overlap the admin types, refusing one past 30 days in plain words', async () => {
    let modal = await openDetail('Kept grant');
    await type(find(field('consumer-key-name'), modal), 'Sync job');
    await pickDate(find(field('consumer-key-expires'), modal), inDays(60));
    await press(find(button('Create key'), modal));
    await settle();
    await press(find(button('Rotate Sync job'), find(byType('Modal'))));
    modal = find(byType('Modal'));
    await type(find(field('consumer-key-overlap'), modal), '800');
    const calls = invocations().length;
    await press(find(button('Make the new key'), modal));
    await settle();
    modal = find(byType('Modal'));
    const problem = find(byType('ErrorMessage'), modal);
    expect(textOf(problem)).toBe('Overlap: the old key keeps working at most 30 days (720 hours)');
    expect(invocations().length).toBe(calls);

    await type(find(field('consumer-key-overlap'), modal), '48');
    const before = Date.now();
    await press(find(button('Make the new key'), modal));
    await settle();
    modal = find(byType('Modal'));
    expect(query(field('consumer-key-overlap'), modal)).toBeUndefined();
    const listed = (await forge.invokeResolver(
      'resolver',
      { call: { functionKey: 'listConsumerKeys', payload: { integrationId: 'kept' } } },
      { accountId: ADMIN },
    )) as Envelope<{ keys: ConsumerKeyView[] }>;
    const [old, fresh] = listed.ok ? listed.data.keys : [];
    expect(fresh).toMatchObject({ name: 'Sync job', rotatedFrom: old?.id, state: 'active' });
    const overlap = Date.parse(old?.expiresAt ?? '') - before;
    expect(overlap).toBeGreaterThanOrEqual(48 * 3_600_000 - 1_000);
    expect(overlap).toBeLessThan(48 * 3_600_000 + 60_000);
  });
});
