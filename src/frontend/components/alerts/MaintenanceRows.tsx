import React from 'react';
import {
  Button,
  CheckboxGroup,
  DatePicker,
  ErrorMessage,
  Inline,
  Label,
  Stack,
  TimePicker,
} from '@forge/react';
import type { OnceDraft, WeeklyDraft } from './MaintenanceWindows';
import { inputValue } from '../form/FormField';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].map((label, day) => ({
  label,
  value: String(day),
}));

/** A one-off window's ends are UTC instants, picked as a day and a time of day. */
const dayOf = (iso: string) => iso.slice(0, 10);
const timeOf = (iso: string) => iso.slice(11, 16);
/** A day without a time starts at midnight UTC, and the time picker then shows 00:00. */
const joined = (day: string, time: string) => (day ? `${day}T${time || '00:00'}:00Z` : '');

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

function Instant({ name, label, value, invalid, onChange }: InstantProps) {
  return (
    <Stack space="space.050">
      <Label labelFor={`${name}-day`}>{label} (UTC)</Label>
      <Inline space="space.050">
        <DatePicker
          id={`${name}-day`}
          name={`${name}-day`}
          value={dayOf(value)}
          isInvalid={invalid}
          onChange={(day) => onChange(joined(day ?? '', timeOf(value)))}
        />
        <TimePicker
          timeIsEditable
          name={`${name}-time`}
          label={`${label} at (UTC)`}
          value={timeOf(value)}
          isInvalid={invalid}
          onChange={(time) => onChange(joined(dayOf(value), inputValue(time)))}
        />
      </Inline>
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
  return (
    <Stack space="space.050">
      <Inline space="space.100" alignBlock="end" shouldWrap>
        <CheckboxGroup
          name={`${name}-days`}
          options={DAYS}
          value={w.days.map(String)}
          onChange={(values) => onChange({ days: values.map(Number) })}
        />
        <TimePicker
          timeIsEditable
          name={`${name}-from`}
          label="From (UTC)"
          value={w.from}
          isInvalid={errors.length > 0}
          onChange={(v) => onChange({ from: inputValue(v) })}
        />
        <TimePicker
          timeIsEditable
          name={`${name}-to`}
          label="To (UTC)"
          value={w.to}
          isInvalid={errors.length > 0}
          onChange={(v) => onChange({ to: inputValue(v) })}
        />
        <Button spacing="compact" onClick={onRemove}>
          Remove
        </Button>
      </Inline>
      <Problems errors={errors} />
    </Stack>
  );
}
