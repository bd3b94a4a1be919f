import React from 'react';
import { Heading, LineChart, Stack, Text } from '@forge/react';
import type { DailyRollup } from '../../../domain/schedule';

/** How the credential fared day by day, from the status's daily roll-ups (90 days kept). */
export function HistoryChart({ daily }: { daily: DailyRollup[] }) {
  const data = daily.map(([day, checks, ok]) => ({
    day,
    success: checks === 0 ? 0 : Math.round((ok / checks) * 100),
  }));
  return (
    <Stack space="space.100">
      <Heading size="small">History</Heading>
      {data.length === 0 ? (
        <Text>No checks yet.</Text>
      ) : (
        <LineChart
          data={data}
          xAccessor="day"
          yAccessor="success"
          title="Successful checks per day (%)"
          height={240}
        />
      )}
    </Stack>
  );
}
