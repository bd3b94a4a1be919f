import {
  button,
  byType,
  cellTexts,
  choose,
  field,
  find,
  findAll,
  invocations,
  press,
  query,
  render,
  sentDocs,
  settle,
  submit,
  tableRows,
  textOf,
  type,
  type ForgeNode,
  flagTitles,
  pressRowAction,
} from '../support/ui';
import React from 'react';
import { App } from '../../src/frontend/App';
import { appKeyPair, githubAppWorld } from '../support/github-app';
import { startScenario, TOKENS, type Scenario } from './scenario';

const SECRET = 'ghp_brandNewSecretThatMustNeverShow9f3k';

let scenario: Scenario;
beforeEach(async () => {
  scenario = await startScenario();
  scenario.github.accounts.set(SECRET, { login: 'new-bot', id: 103 });
  await render(<App />);
  await settle();
});
afterEach(() => scenario.stop());

const modal = () => find(byType('Modal'));
const names = () => tableRows(find(byType('DynamicTable'))).map((r) => cellTexts(r)[0]);
const integrationKeys = async () =>
  (await scenario.forge.kvs.keys()).filter((k) => k.startsWith('integration:'));

/** The inline error shown with the control named `name`, if any. */
function errorOf(name: string): string | undefined {
  const box = findAll(byType('Stack')).find((s) => s.children.some((c) => c.props.name === name));
  const error = box && query(byType('ErrorMessage'), box);
  return error && textOf(error);
}

async function openAdd(kind: string): Promise<void> {
  await press(find(button('Add integration')));
  await choose(find(field('kind'), modal()), kind);
}

async function fill(values: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(values)) await type(find(field(name)), value);
}

const testVerdict = (n: ForgeNode) =>
  n.type === 'SectionMessage' && String(n.props.title).startsWith('Test:');

function rowOf(name: string): ForgeNode {
  const row = tableRows(find(byType('DynamicTable'))).find((r) => cellTexts(r)[0] === name);
  if (!row) throw new Error(`no row ${name}`);
  return row;
}

describe('the add integration form', () => {
  it("asks for the chosen kind's own fields", async () => {
    await press(find(button('Add integration')));
    expect(query(field('baseUrl'), modal())).toBeUndefined();

    await choose(find(field('kind')), 'github-token');
    expect(find(field('baseUrl')).type).toBe('Textfield');
    expect(find(field('secret')).props.type).toBe('password');
    expect(query(field('url'))).toBeUndefined();

    await choose(find(field('kind')), 'http');
    expect(find(field('url')).type).toBe('Textfield');
    expect(query(field('headerName'))).toBeUndefined();
    await choose(find(field('auth')), 'header');
    expect(find(field('headerName')).type).toBe('Textfield');

    await choose(find(field('kind')), 'atlassian-oauth2');
    expect(find(field('accessToken')).props.type).toBe('password');
    await choose(find(field('mode')), 'keep');
    const secrets = findAll((n) => n.type === 'Textfield' && n.props.type === 'password');
    expect(secrets.map((n) => n.props.name)).toEqual(['clientSecret', 'refreshToken']);
    expect(find((n) => n.type === 'Textfield' && n.props.name === 'clientId').props.type).toBe(
      'text',
    );
  });

  it('asks a Bitbucket access token for its workspace and repository, and a GitHub token for its organisation', async () => {
    await openAdd('bitbucket-cloud-api-token');
    expect(find(field('workspace')).type).toBe('Textfield');
    expect(find(field('repository')).type).toBe('Textfield');
    await fill({ username: 'ci-bot@acme.example' });
    expect(query(field('workspace'))).toBeUndefined();

    await choose(find(field('kind')), 'github-token');
    expect(find(field('organization')).type).toBe('Textfield');
  });

  it('asks a GitHub App for its id, installation, account and permissions, and its private key', async () => {
    await openAdd('github-app');
    for (const name of ['appId', 'installationId', 'account', 'permissions', 'baseUrl']) {
      expect(find(field(name)).type).toBe('Textfield');
    }
    expect(find(field('secret')).props.type).toBe('password');
    expect(textOf(modal())).toContain('Private key (.pem file)');
  });

  it('refuses an app id that is not a number and a public key pasted as the private key', async () => {
    const key = appKeyPair();
    await openAdd('github-app');
    const publicPem = key.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    await fill({ name: 'Release app', appId: 'release-bot', secret: publicPem });
    await submit(find(byType('Form')));
    expect(errorOf('appId')).toMatch(/must be a number/);
    await fill({ appId: '482913' });
    await submit(find(byType('Form')));
    expect(errorOf('secret')).toMatch(/public key or certificate .*not the app’s private key/);
    await fill({ secret: key.pem.slice(0, 300) });
    await submit(find(byType('Form')));
    expect(errorOf('secret')).toMatch(/not a PEM private key|damaged or cut short/);
    expect(await integrationKeys()).toHaveLength(3);
  });

  it('Test checks a GitHub App through its key, with the line breaks a password field drops', async () => {
    const key = appKeyPair();
    scenario.github.apps.world = githubAppWorld(key.publicKey, () => new Date());
    await openAdd('github-app');
    await fill({
      name: 'Release app',
      appId: '482913',
      account: 'acme',
      baseUrl: scenario.github.url,
      secret: key.pem.replace(/\n/g, ''),
    });
    await press(find(button('Test')));
    expect(find(testVerdict).props.title).toBe('Test: healthy');
    expect(textOf(find(testVerdict))).toContain('release-bot');
    const minted = scenario.github.apps.world.minted;
    expect(minted).toHaveLength(1);
    const answers = invocations().map((i) => JSON.stringify(i.answer));
    expect(answers.filter((a) => minted.some((t) => a.includes(t)))).toEqual([]);
    expect(sentDocs().filter((doc) => minted.some((t) => doc.includes(t)))).toEqual([]);
  });

  it('asks an Atlassian service account for its site, scopes and both halves of its credentials, and names what is missing', async () => {
    await openAdd('atlassian-service-account');
    expect(find(field('cloudId')).type).toBe('Textfield');
    expect(find(field('scopes')).type).toBe('Textfield');
    const secrets = findAll((n) => n.type === 'Textfield' && n.props.type === 'password');
    expect(secrets.map((n) => n.props.name)).toEqual(['clientSecret']);
    expect(find((n) => n.type === 'Textfield' && n.props.name === 'clientId').props.type).toBe(
      'text',
    );

    await fill({ name: 'Sync', clientId: 'sa-client-1', clientSecret: 'ATOA-form-secret-1' });
    await submit(find(byType('Form')));
    expect(errorOf('cloudId')).toMatch(/Cloud ID is required/);
    // No expiry date is asked for: Atlassian documents none for these credentials.
    expect(errorOf('expiresAt')).toBeUndefined();
    expect(await integrationKeys()).toHaveLength(3);
  });

  it('asks a Data Center service account for its server, product, scopes and credentials', async () => {
    await openAdd('datacenter-oauth2-client');
    expect(find(field('baseUrl')).type).toBe('Textfield');
    expect(find(field('product')).type).toBe('Select');
    const products = find(field('product')).props.options as { label: string }[];
    expect(products.map((o) => o.label)).toEqual(['Jira', 'Confluence']);
    expect(find(field('scopes')).type).toBe('Textfield');
    const secrets = findAll((n) => n.type === 'Textfield' && n.props.type === 'password');
    expect(secrets.map((n) => n.props.name)).toEqual(['clientSecret']);
    expect(find((n) => n.type === 'Textfield' && n.props.name === 'clientId').props.type).toBe(
      'text',
    );

    await fill({ name: 'Deploys', clientId: 'dc-client-1', clientSecret: 'dc-form-secret-1' });
    await submit(find(byType('Form')));
    expect(errorOf('baseUrl')).toBe('the Data Center base URL is required');
    expect(await integrationKeys()).toHaveLength(3);
  });

  it('asks a SAML identity provider certificate for its metadata URL and no secret at all', async () => {
    await openAdd('saml-idp-certificate');
    expect(find(field('metadataUrl')).type).toBe('Textfield');
    expect(find(field('certificateFingerprint')).type).toBe('Textfield');
    const secrets = findAll((n) => n.type === 'Textfield' && n.props.type === 'password');
    expect(secrets).toHaveLength(0);

    await fill({ name: 'Okta SSO' });
    await submit(find(byType('Form')));
    expect(errorOf('metadataUrl')).toMatch(/SAML metadata URL is required/);
    expect(errorOf('secret')).toBeUndefined();
    expect(await integrationKeys()).toHaveLength(3);
  });

  it('asks a SCIM key for its directory or SCIM base URL, and the key', async () => {
    await openAdd('scim-directory-key');
    expect(find(field('directoryId')).type).toBe('Textfield');
    expect(find(field('baseUrl')).type).toBe('Textfield');
    const secrets = findAll((n) => n.type === 'Textfield' && n.props.type === 'password');
    expect(secrets.map((n) => n.props.name)).toEqual(['secret']);

    await fill({ name: 'Provisioning', secret: 'ATCTT3xFfGN0-form-scim-key-1' });
    await submit(find(byType('Form')));
    expect(errorOf('directoryId')).toMatch(/directory id is required/);
    expect(await integrationKeys()).toHaveLength(3);
  });

  it('names every problem the page can see at once, next to its field, and sends nothing', async () => {
    await openAdd('github-token');
    const calls = invocations().length;
    await fill({
      baseUrl: 'ftp://example.com',
      warnDays: '30, soon',
      organization: 'o'.repeat(40),
    });
    await submit(find(byType('Form')));
    expect(errorOf('name')).toBe('Name is required');
    expect(errorOf('baseUrl')).toBe(
      'must use https:// (http:// is accepted only for 127.0.0.1 and localhost)',
    );
    expect(errorOf('organization')).toBe('Organisation: at most 39 characters');
    expect(errorOf('warnDays')).toMatch(/whole days/);
    expect(errorOf('secret')).toBe('enter the secret');
    const notice = find(byType('SectionMessage'), modal());
    expect(notice.props.title).toBe('5 fields need fixing');
    expect(textOf(notice)).not.toContain('need fixing');
    expect(invocations().length).toBe(calls);
    expect(await integrationKeys()).toHaveLength(3);
  });

  it('shows the resolvers’ own field errors next to their fields', async () => {
    await openAdd('github-token');
    await fill({ name: 'New bot', secret: 'xoxb-not-a-github-token', organization: '-acme' });
    await submit(find(byType('Form')));
    expect(errorOf('organization')).toMatch(/^must be the organisation name/);
    const notice = find(byType('SectionMessage'), modal());
    expect(notice.props.title).toMatch(/^(One field needs|\d fields need) fixing$/);
    expect(textOf(notice)).not.toContain('need fixing');
    expect(await integrationKeys()).toHaveLength(3);
  });

  it('shows a value over its length limit next to its field, in plain words', async () => {
    await openAdd('github-token');
    await fill({ name: 'n'.repeat(121), secret: SECRET });
    await submit(find(byType('Form')));
    expect(errorOf('name')).toBe('Name: at most 120 characters');
    expect(await integrationKeys()).toHaveLength(3);
  });

  it('asks a Bitbucket token for its owner, or for its project and repository, with plain-word errors', async () => {
    await openAdd('bitbucket-datacenter-token');
    expect(find(field('username')).type).toBe('Textfield');
    expect(query(field('repoSlug'))).toBeUndefined();

    await fill({ projectKey: '9OPS' });
    expect(query(field('username'))).toBeUndefined();
    await fill({
      name: 'Deploys',
      baseUrl: 'https://scm.acme.example',
      repoSlug: 'deploy/tools',
      secret: SECRET,
    });
    await submit(find(byType('Form')));
    expect(errorOf('projectKey')).toMatch(/^must start with a letter/);
    expect(errorOf('repoSlug')).toMatch(/^must hold only letters, digits/);
    expect(await integrationKeys()).toHaveLength(3);
  });

  it('names the manifest entry to add for a host Forge may not reach', async () => {
    await openAdd('github-token');
    await fill({ name: 'GHE bot', baseUrl: 'https://ghe.example.com/api/v3', secret: SECRET });
    await submit(find(byType('Form')));
    expect(errorOf('baseUrl')).toContain('ghe.example.com is not declared as egress');
    expect(find(byType('CodeBlock'), modal()).props.text).toBe('- address: "ghe.example.com"');
    expect(await integrationKeys()).toHaveLength(3);
  });

  it('Test shows the verdict before Save, and stores nothing', async () => {
    await openAdd('github-token');
    await fill({ name: 'New bot', baseUrl: scenario.github.url, secret: SECRET });
    await press(find(button('Test')));
    const verdict = find(testVerdict);
    expect(verdict.props.title).toBe('Test: healthy');
    expect(verdict.props.appearance).toBe('success');
    expect(textOf(verdict)).toContain('Authenticated as new-bot, account 103.');
    expect(textOf(verdict)).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/user answered 200 in \d+ ms/);
    expect(await integrationKeys()).toHaveLength(3);

    await fill({ secret: 'ghp_wrongwrongwrong' });
    await press(find(button('Test')));
    expect(find(testVerdict).props.title).toBe('Test: rejected');
  });

  it('Save adds the row; the typed secret appears in no ForgeDoc and no answer, only its fingerprint', async () => {
    await openAdd('github-token');
    await fill({ name: 'New bot', baseUrl: scenario.github.url, secret: SECRET });
    await press(find(button('Test')));
    await submit(find(byType('Form')));
    expect(query(byType('Modal'))).toBeUndefined();
    expect(names()).toContain('New bot');
    expect(flagTitles().at(-1)).toBe('Saved New bot');
    // Saved right after a successful Test: that Test is its first check.
    expect(cellTexts(rowOf('New bot'))[3]).toBe('healthy');

    await pressRowAction(() => rowOf('New bot'), 'Check now');
    expect(cellTexts(rowOf('New bot'))[3]).toBe('healthy');

    await pressRowAction(() => rowOf('New bot'), 'Edit');
    const fingerprint = `…${SECRET.slice(-4)}`;
    expect(textOf(modal())).toContain(
      `The stored secret has the fingerprint ${fingerprint}. Leave empty to keep it.`,
    );
    expect(find(field('name')).props.value).toBe('New bot');
    await fill({ name: 'Newer bot' });
    await submit(find(byType('Form')));
    expect(names()).toContain('Newer bot');
    await pressRowAction(() => rowOf('Newer bot'), 'Check now');
    expect(cellTexts(rowOf('Newer bot'))[3]).toBe('healthy');

    const answers = invocations().map((i) => JSON.stringify(i.answer));
    expect(answers.some((a) => a.includes(fingerprint))).toBe(true);
    expect(answers.filter((a) => a.includes(SECRET))).toEqual([]);
    expect(sentDocs().filter((doc) => doc.includes(SECRET))).toEqual([]);
    expect(sentDocs().some((doc) => doc.includes(fingerprint))).toBe(true);
  });

  it('shows "not checked yet" for an integration saved without a Test, or after a Test of another secret', async () => {
    await openAdd('github-token');
    await fill({ name: 'Untested bot', baseUrl: scenario.github.url, secret: SECRET });
    await submit(find(byType('Form')));
    expect(cellTexts(rowOf('Untested bot'))[3]).toBe('not checked yet');

    await openAdd('github-token');
    await fill({ name: 'Changed bot', baseUrl: scenario.github.url, secret: SECRET });
    await press(find(button('Test')));
    await fill({ secret: `${SECRET}0` });
    await submit(find(byType('Form')));
    expect(cellTexts(rowOf('Changed bot'))[3]).toBe('not checked yet');
  });

  it('Edit asks for the secret again when its address changes', async () => {
    await pressRowAction(() => rowOf('CI bot'), 'Edit');
    await fill({ baseUrl: `${scenario.github.url}/api/v3` });
    await submit(find(byType('Form')));
    expect(errorOf('secret')).toBe('the target changed: enter the secret again');
    expect(scenario.forge.kvs.get('integration:ci')).toMatchObject({
      config: { baseUrl: scenario.github.url },
    });

    await fill({ secret: TOKENS.ci });
    await submit(find(byType('Form')));
    expect(query(byType('Modal'))).toBeUndefined();
    expect(scenario.forge.kvs.get('integration:ci')).toMatchObject({
      config: { baseUrl: `${scenario.github.url}/api/v3` },
    });
  });
});
