import {
  button,
  byType,
  choose,
  field,
  find,
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
import { startAtlassianCloud, type CloudDouble } from '../support/atlassian-cloud';
import { sendHtml, startServer, type TestServer } from '../support/server';

const CLOUD_ID = 'a436116f-02ce-4520-8fbb-7301462a1674';
const SCOPED = 'ATATT3xFfGF0-scoped-form-token-0004';
const EMAIL = 'ci-bot@acme.example';

let cloud: CloudDouble;
let notASite: TestServer;
let forge: LocalForge;
beforeEach(async () => {
  cloud = await startAtlassianCloud(
    [
      {
        email: EMAIL,
        token: SCOPED,
        accountId: 'acc-1',
        displayName: 'CI bot',
        scopes: ['read:jira-user'],
      },
    ],
    CLOUD_ID,
  );
  notASite = await startServer((_req, res) => sendHtml(res, 200, '<html>Welcome</html>'));
  forge = await startAdminApp([cloud.server, notASite]);
  routeTo(forge);
  await render(<App />);
  await settle();
});
afterEach(async () => {
  await unmount();
  await forge.stop();
  await cloud.server.close();
  await notASite.close();
});

const modal = () => find(byType('Modal'));

async function openAtlassianToken(siteUrl: string): Promise<void> {
  await press(find(button('Add integration')));
  await choose(find(field('kind'), modal()), 'atlassian-api-token');
  await type(find(field('baseUrl')), siteUrl);
}

describe('Find cloud id in the integration form', () => {
  it('fills the cloud id the site tells and clears the site URL, since the token then goes to api.atlassian.com', async () => {
    await openAtlassianToken(cloud.server.url);
    await press(find(button('Find cloud id')));
    expect(find(field('cloudId')).props.value).toBe(CLOUD_ID);
    expect(find(field('baseUrl')).props.value).toBe('');
    expect(textOf(modal())).toContain(`has cloud id ${CLOUD_ID}`);
  });

  it('says in plain words why no cloud id was found, and fills nothing', async () => {
    await openAtlassianToken(notASite.url);
    await press(find(button('Find cloud id')));
    const notice = find(
      (n) => n.type === 'SectionMessage' && n.props.title === 'Cloud id not found',
    );
    expect(textOf(notice)).toContain('answered a web page, not its cloud id');
    expect(find(field('cloudId')).props.value).toBe('');
    expect(find(field('baseUrl')).props.value).toBe(notASite.url);
  });

  it('is not offered for other kinds', async () => {
    await press(find(button('Add integration')));
    await choose(find(field('kind'), modal()), 'github-token');
    expect(query(button('Find cloud id'))).toBeUndefined();
  });
});
