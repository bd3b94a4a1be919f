import React from 'react';
import { Button, Heading, Stack, Text } from '@forge/react';
import type { Revocation } from '../../../domain/schedule';
import type { IntegrationSummary } from '../../../resolvers/contract';
import { formatTime, type Dates } from '../../format';
import { useDates } from '../../hooks/useDates';

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}

function stateText(
  summary: IntegrationSummary,
  revocation: Revocation | null,
  dates: Dates,
): string {
  if (!summary.revokedAt) {
    return 'Not marked revoked. Mark it when you revoke it at the service: Token Health then checks it every 5 minutes and records how long it kept working.';
  }
  const marked = `Marked revoked at ${formatTime(summary.revokedAt, dates)}.`;
  if (revocation?.refusedAt) {
    const kept =
      revocation.keptWorkingMs === null
        ? ''
        : ` It kept working for ${duration(revocation.keptWorkingMs)} after that.`;
    return `${marked} Refused by the service since ${formatTime(revocation.refusedAt, dates)}.${kept}`;
  }
  const accepted = revocation?.lastAcceptedAt
    ? ` Still accepted at ${formatTime(revocation.lastAcceptedAt, dates)}.`
    : '';
  return `${marked}${accepted} Checked every 5 minutes until the service refuses it.`;
}

interface Props {
  summary: IntegrationSummary;
  revocation: Revocation | null;
  busy: boolean;
  onMark: (revokedAt: string | null) => void;
}

export function RevocationSection({ summary, revocation, busy, onMark }: Props) {
  const dates = useDates();
  return (
    <Stack space="space.100">
      <Heading size="small">Revocation</Heading>
      <Text>{stateText(summary, revocation, dates)}</Text>
      {summary.revokedAt ? (
        <Button isDisabled={busy} onClick={() => onMark(null)}>
          Clear revoked mark
        </Button>
      ) : (
        <Button isDisabled={busy} onClick={() => onMark(new Date().toISOString())}>
          Mark revoked now
        </Button>
      )}
    </Stack>
  );
}
