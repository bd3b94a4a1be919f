import {
  ADMIN,
  button,
  byType,
  find,
  findAll,
  press,
  render,
  routeTo,
  settle,
  textOf,
  unmount,
  type ForgeNode,
  rowNamed,
  selectTab,
  tableRows,
  cellTexts,
} from '../support/ui';
import React from 'react';
import { LocalForge } from '../../local/forge-runtime';
import { localJira, userDirectory } from '../../local/dev/product';
import type { Envelope } from '../../src/resolvers/contract';
import { App } from '../../src/frontend/App';
import { APP_DIR, appHandlers } from '../support/app';
import { answering, type TestServer } from '../support/server';

const admin = { accountId: ADMIN, displayName: 'Ada Admin', emailAddress: 'ada@acme.example' };
const priya = {
  accountId: 'acc-priya',
  displayName: 'Priya Raman',
  emailAddress: 'p@acme.example',
};

let forge: LocalForge;
let github: TestServer;

async function create(name: string, ownerAccountId: string): Promise<void> {
  const answer = (await forge.invokeResolver(
    'resolver',
    {
      call: {
        functionKey: 'createIntegration',
        payload: {
          config: { kind: 'github-token', name, baseUrl: github.url },
          secret: 'ghp_ownerNamesPageToken00000000000001',
          ownerAccountId,
        },
      },
    },
    { accountId: ADMIN },
  )) as Envelope<unknown>;
  if (!answer.ok) throw new Error(answer.error.message);
}

beforeEach(async () => {
  github = await answering(200, { login: 'ci-bot', id: 7 });
  forge = await LocalForge.start({
    appDir: APP_DIR,
    loadHandlers: appHandlers(),
    extraEgress: [github.url],
    product: localJira(admin, userDirectory([admin, priya]), () => undefined),
  });
  await create('Deploy bot', priya.accountId);
  await create('Old bot', 'acc-gone');
  routeTo(forge);
  await render(<App />);
  await settle();
});
afterEach(async () => {
  await unmount();
  await forge.stop();
  await github.close();
});

/** The third column: Name, Kind, Owner. */
function ownerCell(name: string): ForgeNode {
  const cell = findAll(byType('Cell'), rowNamed(name))[2];
  if (!cell) throw new Error(`the row of ${name} has no owner cell`);
  return cell;
}

describe('owners by name', () => {
  it("shows the owner's name in the table, with the account id on hover", async () => {
    const cell = ownerCell('Deploy bot');
    expect(textOf(cell)).toBe('Priya Raman');
    expect(find(byType('Tooltip'), cell).props.content).toBe('Account id: acc-priya');
  });

  it('names who did what in the audit log by the name Jira gives them, never their account id', async () => {
    await selectTab('Audit log');
    const rows = tableRows(find(byType('DynamicTable')));
    expect(rows.map((r) => cellTexts(r)[1])).toEqual(['Ada Admin', 'Ada Admin']);
    expect(find(byType('Tooltip'), rows[0] as ForgeNode).props.content).toBe(
      `Account id: ${ADMIN}`,
    );
  });

  it('shows the id of an owner Jira does not know', async () => {
    const cell = ownerCell('Old bot');
    expect(textOf(cell)).toBe('acc-gone');
    expect(find(byType('Tooltip'), cell).props.content).toBe('Account id: acc-gone');
  });

  it('names the owner in the detail view, with the account id on hover', async () => {
    await press(find(button('Deploy bot'), rowNamed('Deploy bot')));
    const modal = find(byType('Modal'));
    expect(textOf(modal)).toContain('Owner: Priya Raman');
    const tooltips = findAll(byType('Tooltip'), modal);
    expect(tooltips.map((t) => [t.props.content, textOf(t)])).toContainEqual([
      'Account id: acc-priya',
      'Priya Raman',
    ]);
  });
});
