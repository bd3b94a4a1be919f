import { render, screen, textOf, unmount } from '../support/ui';
import React from 'react';
import { IdentitySection } from '../../src/frontend/components/detail/IdentitySection';

const BOT = { id: 'acc-bot', displayName: 'Build Bot' };
const owner = { accountId: null };

async function pinnedLine(props: Parameters<typeof IdentitySection>[0]): Promise<string> {
  await render(<IdentitySection {...props} />);
  const line = textOf(screen())
    .split(/(?<=\.)\s*/)
    .find((s) => /pinned/i.test(s));
  await unmount();
  return line ?? '';
}

describe('the detail says which account the credential is pinned to', () => {
  it('calls the account it authenticates as now "this account"', async () => {
    const line = await pinnedLine({
      owner,
      identity: BOT,
      pinned: { accountId: BOT.id, name: BOT.displayName },
      facts: {},
    });
    expect(line).toBe('Pinned to this account: any other account is reported as identity-changed.');
  });

  it('names another pinned account by name, its id beside it', async () => {
    const line = await pinnedLine({
      owner,
      identity: BOT,
      pinned: { accountId: 'acc-priya', name: 'Priya Raman' },
      facts: {},
    });
    expect(line).toBe(
      'Pinned to Priya Raman (account acc-priya): any other account is reported as identity-changed.',
    );
  });

  it('falls back to the id when nothing names the account', async () => {
    const line = await pinnedLine({
      owner,
      identity: null,
      pinned: { accountId: '12345' },
      facts: {},
    });
    expect(line).toBe(
      'Pinned to account 12345: any other account is reported as identity-changed.',
    );
  });

  it('says so when it is pinned to no account', async () => {
    expect(await pinnedLine({ owner, identity: BOT, pinned: {}, facts: {} })).toBe(
      'Not pinned to an account.',
    );
  });
});
