import {
  button,
  byType,
  choose,
  field,
  find,
  findAll,
  fire,
  press,
  query,
  render,
  settle,
  submit,
  textOf,
  type,
  type ForgeNode,
} from '../support/ui';
import React from 'react';
import { App } from '../../src/frontend/App';
import { startScenario, type Scenario } from './scenario';

const SECRET = 'ghp_dialogTestSecretThatNeverShows00001';

let scenario: Scenario;
beforeEach(async () => {
  scenario = await startScenario();
  scenario.github.accounts.set(SECRET, { login: 'dialog-bot', id: 104 });
  await render(<App />);
  await settle();
});
afterEach(() => scenario.stop());

const modal = () => find(byType('Modal'));
const footer = () => find(byType('ModalFooter'), modal());
const shown = (name: string) => (find(field(name)).props.value as { value: string } | null)?.value;
const prompt = (n: ForgeNode) => n.type === 'Text' && textOf(n) === 'Discard your changes?';

async function openAdd(kind: string): Promise<void> {
  await press(find(button('Add integration')));
  await choose(find(field('kind'), modal()), kind);
}

describe('the add integration dialog', () => {
  it('shows each dropdown’s default chosen, and saves what it shows', async () => {
    await openAdd('http');
    expect(shown('method')).toBe('GET');
    expect(shown('auth')).toBe('bearer');
    expect(find(field('method')).props.isClearable).toBe(false);
    await choose(find(field('kind')), 'atlassian-oauth2');
    expect(shown('mode')).toBe('observe');
    await choose(find(field('kind')), 'datacenter-pat');
    expect(shown('product')).toBe('jira');

    await openAddAgainAs('http');
    await type(find(field('name')), 'Status API');
    await type(find(field('url')), `${scenario.github.url}/user`);
    await type(find(field('secret')), SECRET);
    await submit(find(byType('Form')));
    const saved = (await scenario.forge.kvs.keys()).filter((k) => k.startsWith('integration:'));
    const configs = saved.map((k) => scenario.forge.kvs.get(k) as { config: { name: string } });
    expect(configs.find((r) => r.config.name === 'Status API')).toMatchObject({
      config: { method: 'GET', auth: 'bearer' },
    });
  });

  it('shows placeholders as hints, never as values that look typed', async () => {
    await openAdd('atlassian-api-token');
    const hints = findAll((n) => n.type === 'Textfield' && n.props.placeholder !== undefined);
    expect(hints.length).toBeGreaterThan(1);
    for (const hint of hints) expect(String(hint.props.placeholder)).toMatch(/^e\.g\. /);
    expect(find(field('baseUrl')).props.placeholder).toBe('e.g. https://acme.atlassian.net');
  });

  it('closes at once when nothing was typed, only a kind chosen', async () => {
    await openAdd('github-token');
    await press(find(button('Cancel')));
    expect(query(byType('Modal'))).toBeUndefined();
  });

  it('asks before closing with typed changes, by Cancel or by Escape, and keeps them when told to', async () => {
    await openAdd('github-token');
    await type(find(field('name')), 'Half-typed bot');
    await press(find(button('Cancel')));
    expect(query(prompt, footer())).toBeDefined();
    await press(find(button('Keep editing')));
    expect(find(field('name')).props.value).toBe('Half-typed bot');
    expect(query(prompt)).toBeUndefined();

    // Escape and the blanket reach the modal's onClose, as in Jira.
    await fire(modal(), 'onClose');
    expect(query(prompt, footer())).toBeDefined();
    await press(find(button('Discard')));
    expect(query(byType('Modal'))).toBeUndefined();
  });

  it('asks before closing when only the secret was typed', async () => {
    await openAdd('github-token');
    await type(find(field('secret')), SECRET);
    await fire(modal(), 'onClose');
    expect(query(prompt, footer())).toBeDefined();
  });

  it('shows the Test verdict beside the Test button, in the footer', async () => {
    await openAdd('github-token');
    await type(find(field('name')), 'Dialog bot');
    await type(find(field('baseUrl')), scenario.github.url);
    await type(find(field('secret')), SECRET);
    await press(find(button('Test')));
    const verdict = find(
      (n) => n.type === 'SectionMessage' && String(n.props.title).startsWith('Test:'),
      footer(),
    );
    expect(verdict.props.title).toBe('Test: healthy');
    expect(find(button('Test'), footer())).toBeDefined();
  });
});

/** Closes the dialog, which has nothing typed, and opens it afresh on `kind`. */
async function openAddAgainAs(kind: string): Promise<void> {
  await fire(modal(), 'onClose');
  await openAdd(kind);
}
