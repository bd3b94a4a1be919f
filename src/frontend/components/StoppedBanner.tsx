import React from 'react';
import { List, ListItem, SectionMessage, Stack, Text } from '@forge/react';
import type { StoppedChecks } from '../../domain/stopped';
import { formatTime } from '../format';
import { useDates } from '../hooks/useDates';

/** Where to look, in the order an admin should: most stops are one of these. */
const LOOK_AT = [
  'The app’s installation: Jira settings → Apps → Manage apps; an app disabled, or waiting for a new version’s permissions, runs no schedule.',
  'Atlassian’s status page for Forge (developer.status.atlassian.com): a platform incident stops scheduled triggers.',
  'The Audit log tab and the app’s logs in the developer console: an error in every sweep shows there.',
];

/**
 * The page's own dead man's switch: when the scheduled sweep (or the daily inventory sync) has not
 * run for a while, nothing is being watched, and the rest of the page shows old results.
 */
export function StoppedBanner({ stopped }: { stopped: StoppedChecks | null }) {
  const dates = useDates();
  if (!stopped) return null;
  const lines: string[] = [];
  if (stopped.sweepsSince) {
    lines.push(
      `No scheduled check has run since ${formatTime(stopped.sweepsSince, dates)}: no credential is being watched, and the results below are as old as that.`,
    );
  }
  if (stopped.inventorySince) {
    lines.push(
      `The organisation token inventory has not been read since ${formatTime(stopped.inventorySince, dates)}: new, expiring and unused tokens go unnoticed.`,
    );
  }
  const title = stopped.sweepsSince ? 'Checks have stopped' : 'The inventory sync has stopped';
  return (
    <SectionMessage appearance="error" title={title}>
      <Stack space="space.100">
        {lines.map((line) => (
          <Text key={line}>{line}</Text>
        ))}
        <Text>Look at:</Text>
        <List type="unordered">
          {LOOK_AT.map((item) => (
            <ListItem key={item}>{item}</ListItem>
          ))}
        </List>
      </Stack>
    </SectionMessage>
  );
}
