import React, { useState } from 'react';
import { Button, Form, Inline, Label, Select, Stack, Textfield } from '@forge/react';
import type { OrgTokenKind, TokenFlag } from '../../../domain/inventory';
import type { OrgTokenFilter } from '../../../resolvers/contract';
import { inputValue } from '../form/FormField';
import { FLAG_LABEL, FLAGS, KIND_LABEL } from './labels';

interface Option<T> {
  label: string;
  value: T;
}

const FLAG_OPTIONS: Option<TokenFlag>[] = FLAGS.map((f) => ({ label: FLAG_LABEL[f], value: f }));
const KINDS: Option<OrgTokenKind>[] = (['api-token', 'api-key'] as const).map((k) => ({
  label: KIND_LABEL[k],
  value: k,
}));

interface Props {
  filter: OrgTokenFilter;
  onChange: (filter: OrgTokenFilter) => void;
}

/** Flags (all of them must hold), kind, and an owner search run on submit, not per keystroke. */
export function TokenFilters({ filter, onChange }: Props) {
  const [owner, setOwner] = useState(filter.owner ?? '');
  const flags = filter.flags ?? [];
  return (
    <Inline space="space.200" alignBlock="end" shouldWrap>
      <Stack space="space.050">
        <Label labelFor="token-flags">Flags</Label>
        <Select
          inputId="token-flags"
          name="flags"
          placeholder="Any flags"
          isMulti
          isClearable
          options={FLAG_OPTIONS}
          value={FLAG_OPTIONS.filter((o) => flags.includes(o.value))}
          onChange={(picked: Option<TokenFlag>[] | null) =>
            onChange({ ...filter, flags: (picked ?? []).map((o) => o.value) })
          }
        />
      </Stack>
      <Stack space="space.050">
        <Label labelFor="token-kind">Kind</Label>
        <Select
          inputId="token-kind"
          name="kind"
          placeholder="All kinds"
          isClearable
          options={KINDS}
          value={KINDS.find((o) => o.value === filter.kind) ?? null}
          onChange={(o: Option<OrgTokenKind> | null) => onChange({ ...filter, kind: o?.value })}
        />
      </Stack>
      <Form onSubmit={() => onChange({ ...filter, owner: owner.trim() || undefined })}>
        <Stack space="space.050">
          <Label labelFor="token-owner">Owner</Label>
          <Inline space="space.100">
            <Textfield
              id="token-owner"
              name="owner"
              placeholder="Name or email"
              value={owner}
              onChange={(e) => setOwner(inputValue(e))}
            />
            <Button type="submit">Search</Button>
          </Inline>
        </Stack>
      </Form>
    </Inline>
  );
}
