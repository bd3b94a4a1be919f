import {
  button,
  byType,
  cellTexts,
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
  tableRows,
  textOf,
  type,
  unmount,
  withText,
  type ForgeNode,
} from '../support/ui';
import React from 'react';
import type { LocalForge } from '../../local/forge-runtime';
import type { OrgToken } from '../../src/domain/inventory';
import { calendarDayFromToday } from '../support/clock';
import { daysFrom, orgToken } from '../support/org-tokens';
import { fingerprint } from '../../src/domain/fingerprint';
import { ANY_FINGERPRINT_KEY } from '../support/fingerprint';
import { App } from '../../src/frontend/App';
import { inventory, inventorySource } from '../../src/storage/inventory';

const ORG = '0a1b2c3d-4e5f-6789-abcd-ef0123456789';
const KEY = 'ATCTT3xFfGN0-page-admin-api-key-00042';
const inDays = (n: number) => daysFrom(new Date(), n);

const token = (id: string, over: Partial<OrgToken> = {}) => orgToken(id, over);

const TOKENS = [
  token('fine'),
  token('gone', { expiresAt: inDays(-2.5) }),
  token('forever', {
    kind: 'api-key',
    expiresAt: null,
    owner: { id: 'acc-g', name: 'Grace Hopper', email: 'grace@navy.example' },
  }),
];

let forge: LocalForge;

beforeEach(async () => {
  forge = await startAdminApp();
  routeTo(forge);
  await render(<App />);
  await settle();
});

afterEach(async () => {
  expect(sentDocs().filter((doc) => doc.includes(KEY))).toEqual([]);
  await unmount();
  await forge.stop();
});

/** The source and three tokens (or the ones given), as a finished sync leaves them. */
function seedInventory(skipped: string[] = [], tokens = TOKENS) {
  return forge.run(async () => {
    await inventorySource.setKey(KEY);
    await inventorySource.save({
      orgId: ORG,
      keyFingerprint: fingerprint(KEY, ANY_FINGERPRINT_KEY),
      maxLifetimeDays: 365,
      unusedDays: 90,
    });
    const at = inDays(0);
    await inventory.save(tokens, {
      lastSyncAt: at,
      lastSuccessAt: at,
      error: null,
      apiRequests: 2,
      skipped,
    });
  });
}

function errorOf(name: string): string | undefined {
  const stacks: ForgeNode[] = [];
  const walk = (n: ForgeNode) => {
    if (n.type === 'Stack' && n.children.some((c) => c.props.name === name)) stacks.push(n);
    n.children.forEach(walk);
  };
  walk(find(byType('Tabs')));
  const error = stacks[0] && query(byType('ErrorMessage'), stacks[0]);
  return error && textOf(error);
}

const formWith = (name: string) =>
  find((n) => n.type === 'Form' && query(field(name), n) !== undefined);
const table = () =>
  find((n) => n.type === 'DynamicTable' && n.props.caption === 'Organisation tokens');
const labels = () => tableRows(table()).map((r) => cellTexts(r)[0]);

describe('the organisation tokens tab', () => {
  it('explains the mode, checks the setup form and then shows the organisation', async () => {
    await selectTab('Organisation tokens');
    expect(textOf(find(byType('SectionMessage')))).toContain(
      'read:tokens:admin and read:keys:admin',
    );

    await type(find(field('orgId')), 'acme org');
    await type(find(field('apiKey')), KEY);
    await type(find(field('unusedDays')), 'ninety');
    await submit(formWith('orgId'));
    expect(errorOf('unusedDays')).toBe('must be a whole number of days, or empty');

    await type(find(field('unusedDays')), '90');
    await submit(formWith('orgId'));
    expect(errorOf('orgId')).toMatch(/only letters, digits and dashes/);

    await type(find(field('orgId')), ORG);
    await submit(formWith('orgId'));
    expect(query(field('orgId'))).toBeUndefined();
    expect(textOf(find(byType('Heading')))).toBe(`Organisation ${ORG}`);
    expect(
      query(
        withText(
          'Text',
          `Admin API key with the fingerprint ${fingerprint(KEY, ANY_FINGERPRINT_KEY)}.`,
        ),
      ),
    ).toBeDefined();
    // Saving starts the first sync: the tab says so, and not "Not synced yet, press Sync now".
    expect(textOf(find(withText('Text', /^Sync under way since/)))).toMatch(
      /listing the organisation's API tokens; no page of them has arrived yet\.$/,
    );
    expect(query(byType('SectionMessage'))).toBeUndefined();
  });

  it('shows the tokens with their flags, filters by a count and by owner, and exports CSV', async () => {
    await seedInventory();
    await selectTab('Organisation tokens');
    expect(labels()).toEqual(['script gone', 'script fine', 'script forever']);
    const gone = cellTexts(tableRows(table())[0] as ForgeNode);
    expect(gone.slice(1, 3)).toEqual(['User API token', 'Ada Lovelace ada@example.com']);
    const expired = calendarDayFromToday(-2.5);
    expect(gone[4]).toBe(`${expired.day} · ${-expired.away} days ago`);
    expect(gone[7]).toBe('Expired');
    const link = find(byType('Link'), tableRows(table())[0]);
    expect(link.props.href).toBe(`https://admin.atlassian.com/o/${ORG}/user-api-tokens`);

    await press(find(button('Never expires')));
    expect(labels()).toEqual(['script forever']);
    await press(find(button('All')));
    expect(labels()).toHaveLength(3);

    await type(find(field('owner')), 'HOPPER');
    await submit(formWith('owner'));
    expect(labels()).toEqual(['script forever']);

    await press(find(button('Export CSV')));
    const modal = find(byType('Modal'));
    expect(textOf(modal)).toContain(`1 token matching the filters`);
    expect(textOf(modal)).toContain(`org-tokens-${new Date().toISOString().slice(0, 10)}.csv`);
    const box = find(byType('TextArea'), modal);
    expect(box.props.isReadOnly).toBe(true);
    const csv = String(box.props.value).split('\r\n');
    expect(csv[0]).toMatch(/^kind,label,owner name,/);
    expect(csv[1]).toMatch(/^api-key,script forever,Grace Hopper,grace@navy.example,acc-g,/);
    expect(csv).toHaveLength(3);
  });

  it('exports a long inventory in parts, each a whole CSV file, one after the other', async () => {
    const many = Array.from({ length: 12_000 }, (_, i) => token(`bulk-${i}`));
    await seedInventory([], many);
    await selectTab('Organisation tokens');
    await press(find(button('Export CSV')));
    const modal = () => find(byType('Modal'));
    expect(textOf(modal())).toContain('12,000 tokens matching the filters, in 2 parts');
    const day = new Date().toISOString().slice(0, 10);
    expect(textOf(modal())).toContain(`org-tokens-${day}-part-1-of-2.csv`);
    const rowsIn = () => String(find(byType('TextArea'), modal()).props.value).split('\r\n');
    const first = rowsIn();
    expect(first[0]).toMatch(/^kind,label,owner name,/);
    expect(textOf(modal())).toContain(
      `Part 1 of 2: rows 1–${(first.length - 2).toLocaleString('en-US')}`,
    );
    expect(find(button('Previous part'), modal()).props.isDisabled).toBe(true);
    await press(find(button('Next part'), modal()));
    expect(textOf(modal())).toContain(`org-tokens-${day}-part-2-of-2.csv`);
    const second = rowsIn();
    expect(second[0]).toBe(first[0]);
    expect(first.length - 2 + second.length - 2).toBe(12_000);
    expect(find(button('Next part'), modal()).props.isDisabled).toBe(true);
  }, 60_000);

  it("names each token's owner with the owner's account id on hover", async () => {
    await seedInventory();
    await selectTab('Organisation tokens');
    const forever = tableRows(table()).find((row) => cellTexts(row)[0] === 'script forever');
    const tooltip = find(byType('Tooltip'), forever);
    expect([textOf(tooltip), tooltip.props.content]).toEqual(['Grace Hopper', 'Account id: acc-g']);
  });

  it('says what the last sync held back while still showing its tokens', async () => {
    const held =
      'owner mail: 2 owner(s) could not be looked up in Jira (Jira answered 503 to the user lookup), so they were not mailed this time';
    await seedInventory([held]);
    await selectTab('Organisation tokens');
    const message = find(
      (n) =>
        n.type === 'SectionMessage' &&
        n.props.title === 'Inventory up to date, some alerts held back',
    );
    expect(textOf(message)).toContain(`${held}; tried again at the next sync.`);
    expect(labels()).toHaveLength(3);
  });

  it('says in plain words why an owner filter was refused, and keeps the filters to fix it', async () => {
    await seedInventory();
    await selectTab('Organisation tokens');
    await type(find(field('owner')), 'x'.repeat(255));
    await submit(formWith('owner'));
    const refusal = find((n) => n.type === 'SectionMessage' && n.props.appearance === 'error');
    expect(textOf(refusal)).toContain('Owner: at most 254 characters');

    await type(find(field('owner')), 'HOPPER');
    await submit(formWith('owner'));
    expect(labels()).toEqual(['script forever']);
  });

  it('removes the organisation after asking, back to the setup form', async () => {
    await seedInventory();
    await selectTab('Organisation tokens');
    await press(find(button('Remove')));
    expect(textOf(find(byType('ModalTitle')))).toBe('Delete the Organisation tokens source?');
    await press(find(button('Delete')));
    expect(query(byType('Modal'))).toBeUndefined();
    expect(find(field('orgId')).props.value).toBe('');
    expect(findAll(byType('DynamicTable'))).toEqual([]);
  });
});
