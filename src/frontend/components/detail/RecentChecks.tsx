import React from 'react';
import { Heading, Inline, List, ListItem, Lozenge, Stack, Text } from '@forge/react';
import type { HistoryEntry } from '../../../domain/history';
import { evidenceSentence } from '../../evidence';
import { formatTime, SEVERITY_APPEARANCE, verdictLabel } from '../../format';
import { useDates } from '../../hooks/useDates';

const SHOWN = 5;

/** The last checks, each with what it concluded and the requests it made, in plain words. */
export function RecentChecks({ history }: { history: HistoryEntry[] }) {
  const dates = useDates();
  return (
    <Stack space="space.150">
      <Heading size="small">Recent checks</Heading>
      {history.length === 0 && <Text>No checks yet: use Check now to run one.</Text>}
      {history.slice(0, SHOWN).map((entry) => (
        <Stack key={entry.slot} space="space.050">
          <Inline space="space.100" alignBlock="center">
            <Lozenge appearance={SEVERITY_APPEARANCE[entry.severity]}>
              {verdictLabel(entry.verdict)}
            </Lozenge>
            <Text>{formatTime(entry.checkedAt, dates)}</Text>
          </Inline>
          <Text>{entry.message}</Text>
          <List type="unordered">
            {entry.evidence.map((e, i) => (
              <ListItem key={i}>{evidenceSentence(e)}</ListItem>
            ))}
          </List>
        </Stack>
      ))}
    </Stack>
  );
}
