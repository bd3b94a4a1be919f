import {
  button,
  findAll,
  openDetail,
  render,
  routeTo,
  settle,
  startAdminApp,
  unmount,
} from '../support/ui';
import React from 'react';
import type { LocalForge } from '../../local/forge-runtime';
import { App } from '../../src/frontend/App';
import { record, seed, sweep } from '../support/app';
import { appKeyPair, githubAppDouble, githubAppWorld } from '../support/github-app';
import { startServer, type TestServer } from '../support/server';

let github: TestServer;
let forge: LocalForge;
beforeEach(async () => {
  const key = appKeyPair();
  github = await startServer(githubAppDouble(githubAppWorld(key.publicKey, () => new Date())));
  forge = await startAdminApp([github]);
  await seed(forge, [
    {
      record: record('app', {
        kind: 'github-app',
        name: 'Release app',
        baseUrl: github.url,
        appId: '482913',
      }),
      secret: key.pem,
    },
    {
      record: record('pat', { kind: 'github-token', name: 'Personal token', baseUrl: github.url }),
      secret: 'ghp_personal',
    },
  ]);
  await sweep(forge);
  routeTo(forge);
  await render(<App />);
  await settle();
});
afterEach(async () => {
  await unmount();
  await forge.stop();
  await github.close();
});

describe('consumer keys in the detail dialog', () => {
  it('are offered for a GitHub App, whose installation tokens the app mints, and not for a personal token', async () => {
    const app = await openDetail('Release app');
    expect(findAll(button('Create key'), app)).toHaveLength(1);
    await unmount();
    await render(<App />);
    await settle();
    const pat = await openDetail('Personal token');
    expect(findAll(button('Create key'), pat)).toHaveLength(0);
  });
});
