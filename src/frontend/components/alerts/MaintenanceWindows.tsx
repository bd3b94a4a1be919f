import React from 'react';
import { Button, Inline, Stack, Text } from '@forge/react';
import { WINDOW_ENDED } from '../../../domain/past-dates';
import type { AlertSettings } from '../../../resolvers/contract';
import { FormField } from '../form/FormField';
import { useZone } from '../../hooks/useDates';
import { UTC } from '../../../domain/zoned-time';
import type { OnceDraft, WeeklyDraft, WindowDrafts } from './maintenanceDraft';
import { OnceRow, WeeklyRow } from './MaintenanceRows';

type Window = AlertSettings['maintenance'][number];

interface Props {
  drafts: WindowDrafts;
  /** The policy's field errors: the list's own under `maintenance`, a window's under its place. */
  errors: Record<string, string>;
  onChange: (drafts: WindowDrafts) => void;
}

function replaced<T>(list: T[], i: number, patch: Partial<T>): T[] {
  return list.map((w, j) => (j === i ? { ...w, ...patch } : w));
}

/** The errors of the window at `place` in the saved list (see windowsOf), one line each. */
function windowErrors(errors: Record<string, string>, place: number): string[] {
  const key = `maintenance.${place}`;
  return Object.entries(errors)
    .filter(([field]) => field === key || field.startsWith(`${key}.`))
    .map(([, message]) => message);
}

/** Times when alerts are held back: the delivery log then says "held (maintenance window)". */
export function MaintenanceWindows({ drafts, errors, onChange }: Props) {
  const { timeZone } = useZone();
  const { once, weekly } = drafts;
  const setOnce = (next: OnceDraft[]) => onChange({ once: next, weekly });
  const setWeekly = (next: WeeklyDraft[]) => onChange({ once, weekly: next });
  return (
    <FormField
      id="maintenance"
      label="Maintenance windows"
      error={errors.maintenance}
      help="Alerts decided during a window are held, not sent. Times are in your Jira time zone; a weekly window whose end is at or before its start ends the next day."
    >
      <Stack space="space.100">
        {once.length === 0 && weekly.length === 0 && <Text>No maintenance windows.</Text>}
        {weekly.map((w, i) => (
          <WeeklyRow
            key={`weekly-${i}`}
            index={i}
            window={w}
            errors={windowErrors(errors, i)}
            onChange={(patch) => setWeekly(replaced(weekly, i, patch))}
            onRemove={() => setWeekly(weekly.filter((_, j) => j !== i))}
          />
        ))}
        {once.map((w, i) => (
          <OnceRow
            key={`once-${i}`}
            index={i}
            window={w}
            errors={windowErrors(errors, weekly.length + i)}
            onChange={(patch) => setOnce(replaced(once, i, patch))}
            onRemove={() => setOnce(once.filter((_, j) => j !== i))}
          />
        ))}
        <Inline space="space.100">
          <Button onClick={() => setOnce([...once, { start: '', end: '' }])}>
            Add one-off window
          </Button>
          <Button onClick={() => setWeekly([...weekly, { days: [], from: '', to: '', timeZone }])}>
            Add weekly window
          </Button>
        </Inline>
      </Stack>
    </FormField>
  );
}

/** The one-off windows that have ended by `now`, by their place in the saved list. */
export function endedWindows(drafts: WindowDrafts, now: Date): Record<string, string> {
  const ended: Record<string, string> = {};
  drafts.once.forEach((w, i) => {
    const end = Date.parse(w.end);
    if (end <= now.getTime()) ended[`maintenance.${drafts.weekly.length + i}.end`] = WINDOW_ENDED;
  });
  return ended;
}

export function windowDrafts(windows: readonly Window[]): WindowDrafts {
  return {
    once: windows.flatMap((w) => (w.kind === 'once' ? [{ start: w.start, end: w.end }] : [])),
    weekly: windows.flatMap((w) =>
      w.kind === 'weekly'
        ? [{ days: [...w.days], from: w.from, to: w.to, timeZone: w.timeZone ?? UTC }]
        : [],
    ),
  };
}

/** The windows to save, as typed (trimmed): the resolver says what is wrong with any. */
export function windowsOf(drafts: WindowDrafts): Window[] {
  return [
    ...drafts.weekly.map((w) => ({
      kind: 'weekly' as const,
      days: [...w.days].sort((a, b) => a - b),
      from: w.from.trim(),
      to: w.to.trim(),
      timeZone: w.timeZone,
    })),
    ...drafts.once.map((w) => ({
      kind: 'once' as const,
      start: w.start.trim(),
      end: w.end.trim(),
    })),
  ];
}
