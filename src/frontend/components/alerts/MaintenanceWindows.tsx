import React from 'react';
import { Button, Inline, Stack, Text, Textfield } from '@forge/react';
import type { AlertSettings } from '../../../resolvers/contract';
import { FormField, inputValue } from '../form/FormField';

type Window = AlertSettings['maintenance'][number];
export interface OnceDraft {
  start: string;
  end: string;
}

const DAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

interface Props {
  /** One-off windows, as typed. */
  once: OnceDraft[];
  /** Weekly windows are kept as loaded and listed; this form does not edit them. */
  weekly: Window[];
  error?: string;
  onChange: (once: OnceDraft[]) => void;
}

/** Times when alerts are held back: the delivery log then says "held (maintenance window)". */
export function MaintenanceWindows({ once, weekly, error, onChange }: Props) {
  const set = (i: number, patch: Partial<OnceDraft>) =>
    onChange(once.map((w, j) => (j === i ? { ...w, ...patch } : w)));
  return (
    <FormField
      id="maintenance"
      label="Maintenance windows"
      error={error}
      help="Alerts decided during a window are held, not sent. Times are UTC, e.g. 2026-12-31T22:00:00Z."
    >
      <Stack space="space.100">
        {weekly.map((w) =>
          w.kind === 'weekly' ? (
            <Text key={`${w.days.join()}-${w.from}`}>
              Every {w.days.map((d) => DAY[d]).join(', ')} {w.from}–{w.to} UTC
            </Text>
          ) : null,
        )}
        {once.length === 0 && weekly.length === 0 && <Text>No maintenance windows.</Text>}
        {once.map((w, i) => (
          <Inline key={i} space="space.100" alignBlock="end">
            <Textfield
              name={`maintenance-${i}-start`}
              aria-label="Starts"
              placeholder="Starts (UTC)"
              value={w.start}
              onChange={(e) => set(i, { start: inputValue(e) })}
            />
            <Textfield
              name={`maintenance-${i}-end`}
              aria-label="Ends"
              placeholder="Ends (UTC)"
              value={w.end}
              onChange={(e) => set(i, { end: inputValue(e) })}
            />
            <Button spacing="compact" onClick={() => onChange(once.filter((_, j) => j !== i))}>
              Remove
            </Button>
          </Inline>
        ))}
        <Inline>
          <Button onClick={() => onChange([...once, { start: '', end: '' }])}>
            Add one-off window
          </Button>
        </Inline>
      </Stack>
    </FormField>
  );
}

export function onceDrafts(windows: readonly Window[]): OnceDraft[] {
  return windows.flatMap((w) => (w.kind === 'once' ? [{ start: w.start, end: w.end }] : []));
}
