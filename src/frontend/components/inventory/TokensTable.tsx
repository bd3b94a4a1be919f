import React from 'react';
import { DynamicTable, Inline, Link, Lozenge, Stack, Text } from '@forge/react';
import type { OrgTokenRow } from '../../../resolvers/contract';
import { formatDate, NEVER_EXPIRES, type Dates } from '../../format';
import { useDates } from '../../hooks/useDates';
import { PersonName } from '../PersonName';
import { FLAG_APPEARANCE, FLAG_LABEL, KIND_LABEL } from './labels';

const HEAD = {
  cells: [
    { key: 'label', content: 'Label' },
    { key: 'kind', content: 'Kind' },
    { key: 'owner', content: 'Owner' },
    { key: 'created', content: 'Created' },
    { key: 'expires', content: 'Expires' },
    { key: 'active', content: 'Last active' },
    { key: 'status', content: 'Status' },
    { key: 'flags', content: 'Flags' },
    { key: 'revoke', content: '' },
  ],
};

/** The Admin API lists a token without an expiry date when it has none: it never expires. */
function expires(row: OrgTokenRow, dates: Dates): string {
  if (row.unreadable?.includes('expiresAt')) return 'unknown';
  return row.expiresAt === null ? NEVER_EXPIRES : formatDate(row.expiresAt, dates);
}

function lastActive(row: OrgTokenRow, dates: Dates): string {
  if (row.lastActiveAt) return formatDate(row.lastActiveAt, dates);
  return row.unreadable?.includes('lastActiveAt') ? 'unknown' : 'never';
}

/** One page of tokens, in the order the resolver sorted them (most urgent first). */
export function TokensTable({ rows }: { rows: OrgTokenRow[] }) {
  const dates = useDates();
  const tableRows = rows.map((row) => ({
    key: `${row.kind}:${row.id}`,
    cells: [
      { key: 'label', content: row.label },
      { key: 'kind', content: KIND_LABEL[row.kind] },
      {
        key: 'owner',
        content: (
          <Stack space="space.0">
            <PersonName accountId={row.owner.id} name={row.owner.name} />
            <Text size="small">{row.owner.email}</Text>
          </Stack>
        ),
      },
      { key: 'created', content: formatDate(row.createdAt, dates) },
      { key: 'expires', content: expires(row, dates) },
      { key: 'active', content: lastActive(row, dates) },
      { key: 'status', content: row.revokedNoticedAt ? 'revoked' : row.status.toLowerCase() },
      {
        key: 'flags',
        content: (
          <Inline space="space.050" shouldWrap>
            {row.flags.map((flag) => (
              <Lozenge key={flag} appearance={FLAG_APPEARANCE[flag]}>
                {FLAG_LABEL[flag]}
              </Lozenge>
            ))}
          </Inline>
        ),
      },
      {
        key: 'revoke',
        content: row.revokedNoticedAt ? (
          ''
        ) : (
          <Link href={row.revokeUrl} openNewTab>
            Revoke in Atlassian Administration
          </Link>
        ),
      },
    ],
  }));
  return <DynamicTable caption="Organisation tokens" head={HEAD} rows={tableRows} />;
}
