import React from 'react';
import { Button, CheckboxGroup, Inline, Stack, Text, Textfield } from '@forge/react';
import type { AlertSettings } from '../../../resolvers/contract';
import { FormField, inputValue } from '../form/FormField';

type Window = AlertSettings['maintenance'][number];
export interface OnceDraft {
  start: string;
  end: string;
}
export interface WeeklyDraft {
  /** 0 = Sunday, as the policy stores them. */
  days: number[];
  from: string;
  to: string;
}
export interface WindowDrafts {
  once: OnceDraft[];
  weekly: WeeklyDraft[];
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].map((label, day) => ({
  label,
  value: String(day),
}));

interface Props {
  drafts: WindowDrafts;
  error?: string;
  onChange: (drafts: WindowDrafts) => void;
}

function replaced<T>(list: T[], i: number, patch: Partial<T>): T[] {
  return list.map((w, j) => (j === i ? { ...w, ...patch } : w));
}

/** Times when alerts are held back: the delivery log then says "held (maintenance window)". */
export function MaintenanceWindows({ drafts, error, onChange }: Props) {
  const { once, weekly } = drafts;
  const setOnce = (next: OnceDraft[]) => onChange({ once: next, weekly });
  const setWeekly = (next: WeeklyDraft[]) => onChange({ once, weekly: next });
  return (
    <FormField
      id="maintenance"
      label="Maintenance windows"
      error={error}
      help="Alerts decided during a window are held, not sent. Times are UTC: one-off windows as 2026-12-31T22:00:00Z, weekly ones as 22:00 to 02:00 (an end at or before the start ends the next day)."
    >
      <Stack space="space.100">
        {once.length === 0 && weekly.length === 0 && <Text>No maintenance windows.</Text>}
        {weekly.map((w, i) => (
          <Inline key={`weekly-${i}`} space="space.100" alignBlock="end">
            <CheckboxGroup
              name={`weekly-${i}-days`}
              options={DAYS}
              value={w.days.map(String)}
              onChange={(values) => setWeekly(replaced(weekly, i, { days: values.map(Number) }))}
            />
            <Textfield
              name={`weekly-${i}-from`}
              aria-label="From"
              placeholder="From (HH:MM UTC)"
              value={w.from}
              onChange={(e) => setWeekly(replaced(weekly, i, { from: inputValue(e) }))}
            />
            <Textfield
              name={`weekly-${i}-to`}
              aria-label="To"
              placeholder="To (HH:MM UTC)"
              value={w.to}
              onChange={(e) => setWeekly(replaced(weekly, i, { to: inputValue(e) }))}
            />
            <Button spacing="compact" onClick={() => setWeekly(weekly.filter((_, j) => j !== i))}>
              Remove
            </Button>
          </Inline>
        ))}
        {once.map((w, i) => (
          <Inline key={`once-${i}`} space="space.100" alignBlock="end">
            <Textfield
              name={`maintenance-${i}-start`}
              aria-label="Starts"
              placeholder="Starts (UTC)"
              value={w.start}
              onChange={(e) => setOnce(replaced(once, i, { start: inputValue(e) }))}
            />
            <Textfield
              name={`maintenance-${i}-end`}
              aria-label="Ends"
              placeholder="Ends (UTC)"
              value={w.end}
              onChange={(e) => setOnce(replaced(once, i, { end: inputValue(e) }))}
            />
            <Button spacing="compact" onClick={() => setOnce(once.filter((_, j) => j !== i))}>
              Remove
            </Button>
          </Inline>
        ))}
        <Inline space="space.100">
          <Button onClick={() => setOnce([...once, { start: '', end: '' }])}>
            Add one-off window
          </Button>
          <Button onClick={() => setWeekly([...weekly, { days: [], from: '', to: '' }])}>
            Add weekly window
          </Button>
        </Inline>
      </Stack>
    </FormField>
  );
}

export function windowDrafts(windows: readonly Window[]): WindowDrafts {
  return {
    once: windows.flatMap((w) => (w.kind === 'once' ? [{ start: w.start, end: w.end }] : [])),
    weekly: windows.flatMap((w) =>
      w.kind === 'weekly' ? [{ days: [...w.days], from: w.from, to: w.to }] : [],
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
    })),
    ...drafts.once.map((w) => ({
      kind: 'once' as const,
      start: w.start.trim(),
      end: w.end.trim(),
    })),
  ];
}
