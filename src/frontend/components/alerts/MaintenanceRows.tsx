import React, { useState } from 'react';
import {
  Button,
  CheckboxGroup,
  DatePicker,
  ErrorMessage,
  Inline,
  Label,
  Stack,
  Text,
  TimePicker,
} from '@forge/react';
import type { OnceDraft, WeeklyDraft } from './maintenanceDraft';
import { inputValue } from '../form/FormField';
import { useZone } from '../../hooks/useDates';
import { wallClockOf, zonedInstant } from '../../../domain/zoned-time';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].map((label, day) => ({
  label,
  value: String(day),
}));

/** A one-off window's ends are instants, picked as a day and a time on the admin's clock. */
function partsOf(iso: string, timeZone: string): { day: string; time: string } {
  if (!iso || Number.isNaN(Date.parse(iso))) return { day: '', time: '' };
  const wall = wallClockOf(new Date(iso), timeZone);
  const hh = String(Math.floor(wall.minutes / 60)).padStart(2, '0');
  return { day: wall.day, time: `${hh}:${String(wall.minutes % 60).padStart(2, '0')}` };
}
/** A day without a time starts at the admin's midnight, and the time picker then shows 00:00. */
const joined = (day: string, time: string, timeZone: string) =>
  day ? zonedInstant(day, time || '00:00', timeZone).toISOString() : '';

/** " (Asia/Tokyo)" after a label when a saved window keeps another zone than the page's. */
const otherZone = (windowZone: string, pageZone: string) =>
  windowZone === pageZone ? '' : ` (${windowZone})`;

interface RowProps<T> {
  index: number;
  window: T;
  /** What is wrong with this window, one line each. */
  errors: string[];
  onChange: (patch: Partial<T>) => void;
  onRemove: () => void;
}

function Problems({ errors }: { errors: string[] }) {
  return (
    <>
      {errors.map((e) => (
        <ErrorMessage key={e}>{e}</ErrorMessage>
      ))}
    </>
  );
}

interface InstantProps {
  name: string;
  label: string;
  value: string;
  invalid: boolean;
  onChange: (iso: string) => void;
}

/**
 * A time typed before its day is kept here until the day comes: the window's instant cannot hold
 * a time without a day, and picking the day afterwards must not turn 09:00 into 00:00.
 */
function Instant({ name, label, value, invalid, onChange }: InstantProps) {
  const { timeZone } = useZone();
  const [pendingTime, setPendingTime] = useState('');
  const parts = partsOf(value, timeZone);
  const day = parts.day;
  const time = day ? parts.time : pendingTime;
  return (
    <Stack space="space.050">
      <Label labelFor={`${name}-day`}>{label}</Label>
      <Inline space="space.050">
        <DatePicker
          id={`${name}-day`}
          name={`${name}-day`}
          value={day}
          isInvalid={invalid}
          onChange={(picked) => onChange(joined(picked ?? '', time, timeZone))}
        />
        <TimePicker
          timeIsEditable
          name={`${name}-time`}
          label={`${label} at`}
          value={time}
          isInvalid={invalid}
          onChange={(typed) => {
            setPendingTime(inputValue(typed));
            if (day) onChange(joined(day, inputValue(typed), timeZone));
          }}
        />
      </Inline>
    </Stack>
  );
}

interface TimeFieldProps {
  id: string;
  label: string;
  value: string;
  invalid: boolean;
  onChange: (time: string) => void;
}

/** A time of day with its label above it: UI Kit's TimePicker shows its `label` to no one. */
function TimeField({ id, label, value, invalid, onChange }: TimeFieldProps) {
  return (
    <Stack space="space.050">
      <Label labelFor={id}>{label}</Label>
      <TimePicker
        timeIsEditable
        id={id}
        name={id}
        label={label}
        value={value}
        isInvalid={invalid}
        onChange={(v) => onChange(inputValue(v))}
      />
    </Stack>
  );
}

export function OnceRow({ index, window: w, errors, onChange, onRemove }: RowProps<OnceDraft>) {
  const name = `maintenance-${index}`;
  return (
    <Stack space="space.050">
      <Inline space="space.100" alignBlock="end" shouldWrap>
        <Instant
          name={`${name}-start`}
          label="Starts"
          value={w.start}
          invalid={errors.length > 0}
          onChange={(start) => onChange({ start })}
        />
        <Instant
          name={`${name}-end`}
          label="Ends"
          value={w.end}
          invalid={errors.length > 0}
          onChange={(end) => onChange({ end })}
        />
        <Button spacing="compact" onClick={onRemove}>
          Remove
        </Button>
      </Inline>
      <Problems errors={errors} />
    </Stack>
  );
}

export function WeeklyRow({ index, window: w, errors, onChange, onRemove }: RowProps<WeeklyDraft>) {
  const name = `weekly-${index}`;
  const zone = otherZone(w.timeZone, useZone().timeZone);
  return (
    <Stack space="space.050">
      <Inline space="space.200" alignBlock="start" shouldWrap>
        <Stack space="space.050">
          <Text>Days</Text>
          <CheckboxGroup
            name={`${name}-days`}
            options={DAYS}
            value={w.days.map(String)}
            onChange={(values) => onChange({ days: values.map(Number) })}
          />
        </Stack>
        <TimeField
          id={`${name}-from`}
          label={`From${zone}`}
          value={w.from}
          invalid={errors.length > 0}
          onChange={(from) => onChange({ from })}
        />
        <TimeField
          id={`${name}-to`}
          label={`To${zone}`}
          value={w.to}
          invalid={errors.length > 0}
          onChange={(to) => onChange({ to })}
        />
        <Button spacing="compact" onClick={onRemove}>
          Remove
        </Button>
      </Inline>
      <Problems errors={errors} />
    </Stack>
  );
}
