import React, { useState } from 'react';
import {
  Box,
  Button,
  ButtonGroup,
  Heading,
  Inline,
  Stack,
  Text,
  Tooltip,
  xcss,
} from '@forge/react';
import type { HistoryEntry } from '../../../domain/history';
import type { DailyRollup } from '../../../domain/schedule';
import {
  HISTORY_WINDOWS,
  historySeries,
  WINDOW_MS,
  type HistoryBar,
  type HistoryWindow,
} from '../../history-series';
import type { Severity } from '../../../domain/verdict';
import { formatTime, verdictLabel, wallTime, type Dates } from '../../format';
import { useDates } from '../../hooks/useDates';

const WINDOW_LABEL: Record<HistoryWindow, string> = {
  '24h': '24 h',
  '7d': '7 d',
  '30d': '30 d',
};

const WINDOW_WORDS: Record<HistoryWindow, string> = {
  '24h': 'the last 24 hours',
  '7d': 'the last 7 days',
  '30d': 'the last 30 days',
};

type Tone = 'good' | 'warning' | 'bad' | 'unknown';

const TONE_COLOUR = {
  good: 'color.background.success.bold',
  warning: 'color.background.warning.bold',
  bad: 'color.background.danger.bold',
  unknown: 'color.background.neutral.bold',
} as const;

const SEVERITY_TONE: Record<Severity, Tone> = {
  ok: 'good',
  warning: 'warning',
  critical: 'bad',
  unknown: 'unknown',
};

/** A day known only by its counts: green when every check passed, red when none did. */
function tone(bar: HistoryBar): Tone {
  if (bar.type === 'check') return SEVERITY_TONE[bar.entry.severity];
  if (bar.good === bar.checks) return 'good';
  return bar.good === 0 ? 'bad' : 'warning';
}

function barText(bar: HistoryBar, dates: Dates): string {
  if (bar.type === 'day') {
    return `${bar.day} (UTC day, only counts kept): ${bar.good} of ${bar.checks} checks passed`;
  }
  const { checkedAt, verdict, message } = bar.entry;
  return `${wallTime(checkedAt, dates.timeZone)} · ${verdictLabel(verdict)}: ${message}`;
}

function Bar({ bar, dates }: { bar: HistoryBar; dates: Dates }) {
  const style = xcss({
    width: '6px',
    height: '28px',
    borderRadius: 'radius.small',
    backgroundColor: TONE_COLOUR[tone(bar)],
  });
  return (
    <Tooltip content={barText(bar, dates)}>
      <Box xcss={style} />
    </Tooltip>
  );
}

/**
 * The uptime between a 0 % and a 100 % mark: green for the share up, red for the share down, so
 * 87.5 % reads as mostly green with a red end (an empty window shows no axis at all).
 */
function UptimeAxis({ uptime }: { uptime: number }) {
  const track = xcss({ flexGrow: '1', height: '8px', backgroundColor: TONE_COLOUR.bad });
  const fill = xcss({
    width: `${(uptime * 100).toFixed(1)}%`,
    height: '8px',
    backgroundColor: TONE_COLOUR.good,
  });
  return (
    <Inline space="space.100" alignBlock="center">
      <Text size="small">0 %</Text>
      <Box xcss={track}>
        <Box xcss={fill} />
      </Box>
      <Text size="small">100 %</Text>
    </Inline>
  );
}

function uptimeText(uptime: number, coveredFrom: Date, span: HistoryWindow, dates: Dates) {
  const figure = `Uptime ${(uptime * 100).toFixed(1)} % over ${WINDOW_WORDS[span]}`;
  const start = dates.now.getTime() - WINDOW_MS[span];
  const partial =
    coveredFrom.getTime() > start
      ? ` (known since ${formatTime(coveredFrom.toISOString(), dates)})`
      : '';
  return `${figure}${partial}: down from each last good check until the next good one.`;
}

interface Props {
  history: HistoryEntry[];
  daily: DailyRollup[];
}

/** How the credential fared, check by check, like a status page's heartbeat strip. */
export function HistoryBars({ history, daily }: Props) {
  const [span, setSpan] = useState<HistoryWindow>('24h');
  const dates = useDates();
  const series = historySeries(history, daily, span, dates.now);
  return (
    <Stack space="space.100">
      <Inline spread="space-between" alignBlock="center">
        <Heading size="small">History</Heading>
        <ButtonGroup label="History window">
          {HISTORY_WINDOWS.map((w) => (
            <Button key={w} spacing="compact" isSelected={w === span} onClick={() => setSpan(w)}>
              {WINDOW_LABEL[w]}
            </Button>
          ))}
        </ButtonGroup>
      </Inline>
      {series.uptime === null || series.coveredFrom === null ? (
        <Text>No checks in {WINDOW_WORDS[span]}.</Text>
      ) : (
        <Stack space="space.100">
          <Text>{uptimeText(series.uptime, series.coveredFrom, span, dates)}</Text>
          <UptimeAxis uptime={series.uptime} />
          <Inline space="space.025" alignBlock="end" shouldWrap>
            {series.bars.map((bar) => (
              <Bar key={bar.type === 'check' ? bar.entry.slot : bar.day} bar={bar} dates={dates} />
            ))}
          </Inline>
        </Stack>
      )}
    </Stack>
  );
}
