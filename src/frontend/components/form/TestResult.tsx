import React from 'react';
import { List, ListItem, SectionMessage, Stack, Text } from '@forge/react';
import type { Severity } from '../../../domain/verdict';
import type { TestOutcome } from '../../../resolvers/contract';
import { evidenceSentence } from '../../evidence';
import { expirySentence, identityText, verdictLabel } from '../../format';
import { useDates } from '../../hooks/useDates';

const APPEARANCE: Record<Severity, 'success' | 'warning' | 'error' | 'information'> = {
  ok: 'success',
  warning: 'warning',
  critical: 'error',
  unknown: 'information',
};

/** The verdict of "Test": what a check of the config as typed would say. Nothing was stored. */
export function TestResult({ outcome }: { outcome: TestOutcome }) {
  const expiry = expirySentence(outcome.expiresAt, undefined, useDates());
  return (
    <SectionMessage
      appearance={APPEARANCE[outcome.severity]}
      title={`Test: ${verdictLabel(outcome.verdict)}`}
    >
      <Stack space="space.100">
        <Text>{outcome.message}</Text>
        {outcome.identity && <Text>Authenticated as {identityText(outcome.identity)}.</Text>}
        <Text>{expiry}</Text>
        <List type="unordered">
          {outcome.evidence.map((e, i) => (
            <ListItem key={i}>{evidenceSentence(e)}</ListItem>
          ))}
        </List>
      </Stack>
    </SectionMessage>
  );
}
