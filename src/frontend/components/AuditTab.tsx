import React from 'react';
import { Text } from '@forge/react';
import { auditActionWords } from '../audit';
import type { AuditPage } from '../../resolvers/contract';
import { api } from '../api';
import { formatTime, withLocalTimes, type Dates } from '../format';
import { useDates } from '../hooks/useDates';
import { PagedLog } from './PagedLog';
import { PersonName } from './PersonName';

type Entry = AuditPage['entries'][number];

const HEAD = {
  cells: [
    { key: 'at', content: 'When' },
    { key: 'who', content: 'Who' },
    { key: 'action', content: 'Action' },
    { key: 'detail', content: 'What' },
  ],
};

function toRow(entry: Entry, index: number, dates: Dates) {
  return {
    key: `${entry.at}-${index}`,
    cells: [
      { key: 'at', content: formatTime(entry.at, dates) },
      {
        key: 'who',
        content: entry.actorAccountId ? (
          <PersonName accountId={entry.actorAccountId} name={entry.actorName} />
        ) : (
          <Text>the app</Text>
        ),
      },
      { key: 'action', content: auditActionWords(entry.action) },
      { key: 'detail', content: withLocalTimes(entry.detail, dates) },
    ],
  };
}

/** Who did what when, newest first, a page at a time. Entries never hold a secret. */
export function AuditTab() {
  const dates = useDates();
  return (
    <PagedLog
      caption="Audit log"
      loadKey="audit"
      load={(cursor) => api.getAuditLog(cursor)}
      head={HEAD}
      toRow={(entry, index) => toRow(entry, index, dates)}
      loadingLabel="Loading the audit log"
      empty={{
        header: 'Nothing recorded yet',
        description: 'Every change an admin makes is listed here.',
      }}
    />
  );
}
