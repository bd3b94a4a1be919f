import React from 'react';
import { Heading, Inline, List, ListItem, Stack, Text, Tooltip } from '@forge/react';
import type { Identity } from '../../../domain/result';
import { formatTime, identityText } from '../../format';
import { useDates } from '../../hooks/useDates';
import { PersonName } from '../PersonName';

interface Props {
  owner: { accountId: string | null; name?: string | null };
  identity: Identity | null;
  /** Who the service last said the current secret is, and when. */
  seen?: { identity: Identity; at: string } | null;
  pinned: { accountId?: string; name?: string };
  facts: Record<string, string>;
}

function Owner({ owner }: Pick<Props, 'owner'>) {
  if (!owner.accountId) return <Text>No owner: nobody is named to renew it.</Text>;
  return (
    <Inline space="space.050">
      <Text>Owner:</Text>
      <PersonName accountId={owner.accountId} name={owner.name} />
    </Inline>
  );
}

/** The account the check expects, by name where known; by id only when nothing names it. */
function pinnedText(pinned: Props['pinned'], identity: Identity | null): string {
  const { accountId, name } = pinned;
  if (!accountId) return 'Not pinned to an account.';
  const rest = 'any other account is reported as identity-changed.';
  if (accountId === identity?.id) return `Pinned to this account: ${rest}`;
  return `Pinned to ${name ? `${name} (account ${accountId})` : `account ${accountId}`}: ${rest}`;
}

/**
 * Who looks after the credential, who the service says it is, the identity pinned to it, and
 * what else the service told us.
 */
/** After a refused check: who the secret was when it last worked, which says whose it is. */
function NoIdentity({ seen }: Pick<Props, 'seen'>) {
  const dates = useDates();
  if (!seen) return <Text>No identity known: the last check did not authenticate.</Text>;
  return (
    <Text>
      {`The last check did not authenticate. Last seen as ${identityText(seen.identity)} on ${formatTime(seen.at, dates)}.`}
    </Text>
  );
}

export function IdentitySection({ owner, identity, seen, pinned, facts }: Props) {
  const entries = Object.entries(facts);
  return (
    <Stack space="space.100">
      <Heading size="small">Identity</Heading>
      <Owner owner={owner} />
      {identity ? (
        <Tooltip content={`Account id: ${identity.id}`}>
          <Text>{`Authenticated as ${identityText(identity)}.`}</Text>
        </Tooltip>
      ) : (
        <NoIdentity seen={seen} />
      )}
      <Text>{pinnedText(pinned, identity)}</Text>
      {entries.length > 0 && (
        <List type="unordered">
          {entries.map(([key, value]) => (
            <ListItem key={key}>{`${key}: ${value}`}</ListItem>
          ))}
        </List>
      )}
    </Stack>
  );
}
