import React from 'react';
import { Heading, List, ListItem, Stack, Text } from '@forge/react';
import type { Identity } from '../../../domain/result';
import { identityText } from '../../format';

interface Props {
  identity: Identity | null;
  pinned: string | undefined;
  facts: Record<string, string>;
}

/** Who the service says the credential is, the identity pinned to it, and what else it told us. */
export function IdentitySection({ identity, pinned, facts }: Props) {
  const entries = Object.entries(facts);
  return (
    <Stack space="space.100">
      <Heading size="small">Identity</Heading>
      <Text>
        {identity
          ? `Authenticated as ${identityText(identity)}.`
          : 'No identity known: the last check did not authenticate.'}
      </Text>
      <Text>
        {pinned
          ? `Pinned to account ${pinned}: any other account is reported as identity-changed.`
          : 'Not pinned to an account.'}
      </Text>
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
