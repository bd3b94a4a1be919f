import React from 'react';
import { Inline, Label, Select, Stack } from '@forge/react';
import type { CredentialKind } from '../../domain/integration';
import type { Severity } from '../../domain/verdict';
import { SEVERITY_LABEL, SEVERITY_ORDER } from '../format';
import { KINDS } from '../kinds';

export interface Filters {
  severity: Severity | null;
  kind: CredentialKind | null;
}

export const NO_FILTERS: Filters = { severity: null, kind: null };

interface Option<T> {
  label: string;
  value: T;
}

interface Props {
  filters: Filters;
  /** Only kinds that are in use: filtering by an absent kind would always show nothing. */
  kinds: CredentialKind[];
  onChange: (filters: Filters) => void;
}

export function FilterBar({ filters, kinds, onChange }: Props) {
  const severities: Option<Severity>[] = SEVERITY_ORDER.map((s) => ({
    label: SEVERITY_LABEL[s],
    value: s,
  }));
  const kindOptions: Option<CredentialKind>[] = kinds.map((k) => ({
    label: KINDS[k].label,
    value: k,
  }));
  return (
    <Inline space="space.200">
      <Stack space="space.050">
        <Label labelFor="severity-filter">Severity</Label>
        <Select
          inputId="severity-filter"
          name="severity-filter"
          placeholder="All severities"
          isClearable
          options={severities}
          value={severities.find((o) => o.value === filters.severity) ?? null}
          onChange={(o: Option<Severity> | null) =>
            onChange({ ...filters, severity: o?.value ?? null })
          }
        />
      </Stack>
      <Stack space="space.050">
        <Label labelFor="kind-filter">Kind</Label>
        <Select
          inputId="kind-filter"
          name="kind-filter"
          placeholder="All kinds"
          isClearable
          options={kindOptions}
          value={kindOptions.find((o) => o.value === filters.kind) ?? null}
          onChange={(o: Option<CredentialKind> | null) =>
            onChange({ ...filters, kind: o?.value ?? null })
          }
        />
      </Stack>
    </Inline>
  );
}

export function applyFilters<T extends { severity: Severity; kind: CredentialKind }>(
  rows: T[],
  filters: Filters,
): T[] {
  return rows.filter(
    (r) =>
      (!filters.severity || r.severity === filters.severity) &&
      (!filters.kind || r.kind === filters.kind),
  );
}
