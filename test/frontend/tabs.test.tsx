import {
  ADMIN,
  button,
  byType,
  cellTexts,
  choose,
  field,
  find,
  fire,
  query,
  render,
  selectTab,
  settle,
  submit,
  tableRows,
  textOf,
  type,
  type ForgeNode,
  pressRowAction,
} from '../support/ui';
import React from 'react';
import { App } from '../../src/frontend/App';
import { audit } from '../../src/storage/audit';
import { startScenario, type Scenario } from './scenario';

let scenario: Scenario;
beforeEach(async () => {
  scenario = await startScenario();
  await render(<App />);
  await settle();
});
afterEach(() => scenario.stop());

function errorOf(name: string): string | undefined {
  const stacks: ForgeNode[] = [];
  const walk = (n: ForgeNode) => {
    if (n.type === 'Stack' && n.children.some((c) => c.props.name === name)) stacks.push(n);
    n.children.forEach(walk);
  };
  walk(find(byType('Form')));
  const error = stacks[0] && query(byType('ErrorMessage'), stacks[0]);
  return error && textOf(error);
}

describe('the settings tab', () => {
  it('loads the settings, checks the thresholds and saves them', async () => {
    await selectTab('Settings');
    expect(find(field('warnDays')).props.value).toBe('30, 14, 7, 1');

    await type(find(field('warnDays')), '30, soon');
    await submit(find(byType('Form')));
    expect(errorOf('warnDays')).toMatch(/whole days/);

    await type(find(field('warnDays')), '0, 7');
    await submit(find(byType('Form')));
    expect(errorOf('warnDays')).toBe('each threshold must be 1 to 365 days');

    await type(find(field('warnDays')), '7, 60, 21');
    await choose(find(field('defaultInterval')), '6h');
    await submit(find(byType('Form')));
    expect(
      query((n) => n.type === 'SectionMessage' && n.props.title === 'Settings saved'),
    ).toBeDefined();
    expect(find(field('warnDays')).props.value).toBe('60, 21, 7');

    await selectTab('Integrations');
    await selectTab('Settings');
    expect(find(field('warnDays')).props.value).toBe('60, 21, 7');
    expect((find(field('defaultInterval')).props.value as { value: string }).value).toBe('6h');
  });
});

describe('the audit log tab', () => {
  it('says when nothing is recorded yet', async () => {
    await selectTab('Audit log');
    expect(find(byType('EmptyState')).props.header).toBe('Nothing recorded yet');
  });

  it('names each action in words and each secret by its fingerprint, and skips edits that change nothing', async () => {
    const invoke = (functionKey: string, payload: unknown) =>
      scenario.forge.invokeResolver(
        'resolver',
        { call: { functionKey, payload } },
        { accountId: ADMIN },
      );
    const config = { kind: 'github-token', name: 'CI bot', baseUrl: scenario.github.url };
    await invoke('updateIntegration', { id: 'ci', config });
    await invoke('updateIntegration', { id: 'ci', config: { ...config, name: 'CI robot' } });
    const ci = (): ForgeNode => {
      const row = tableRows(find(byType('DynamicTable'))).find((r) =>
        cellTexts(r)[0]?.startsWith('CI robot'),
      );
      if (!row) throw new Error('no row for CI robot');
      return row;
    };
    await selectTab('Audit log');
    await selectTab('Integrations');
    await pressRowAction(() => ci(), 'Check now');
    await pressRowAction(() => ci(), 'Pause');
    await selectTab('Audit log');

    const rows = tableRows(find(byType('DynamicTable'))).map((r) => cellTexts(r).slice(2));
    const secret = /secret (…[^\s)]{4}|#[0-9a-f]{8})\)/;
    expect(rows).toEqual([
      [
        'Paused checks',
        expect.stringMatching(/^“CI robot” \(GitHub token, .+\): no scheduled checks/),
      ],
      ['Checked now', expect.stringMatching(/^“CI robot” \(GitHub token, .+\): healthy$/)],
      ['Edited an integration', expect.stringMatching(/: name “CI bot” → “CI robot”$/)],
    ]);
    for (const [, what] of rows) {
      expect(what).toMatch(secret);
      expect(what).not.toMatch(/[{}[\]]|: nothing$/);
    }
  });

  it('lists who did what, and loads more a page at a time', async () => {
    await scenario.forge.run(async () => {
      for (let i = 0; i < 55; i++) {
        const at = new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
        await audit.append({
          at,
          actorAccountId: 'admin-1',
          action: 'update',
          integrationId: 'ci',
          detail: `change ${i}`,
        });
      }
    });
    await selectTab('Audit log');
    const rows = () => tableRows(find(byType('DynamicTable')));
    expect(rows()).toHaveLength(50);
    expect(textOf(rows()[0] as ForgeNode)).toContain('change 54');
    expect(find(byType('Tooltip'), rows()[0]).props.content).toBe('Account id: admin-1');

    await fire(find(button('Load more')), 'onClick');
    expect(rows()).toHaveLength(55);
    expect(query(button('Load more'))).toBeUndefined();
  });
});
