import {
  button,
  byType,
  field,
  find,
  findAll,
  openDetail,
  pickDate,
  press,
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
});
