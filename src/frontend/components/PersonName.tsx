import React from 'react';
import { Text, Tooltip } from '@forge/react';

interface Props {
  accountId: string;
  /** What Jira calls the account; absent when the lookup did not name it. */
  name?: string | null;
}

/** A person by name with their account id on hover; by the id alone when no name is known. */
export function PersonName({ accountId, name }: Props) {
  return (
    <Tooltip content={`Account id: ${accountId}`}>
      <Text maxLines={1}>{name?.trim() ? name : accountId}</Text>
    </Tooltip>
  );
}
