import React, { useRef, useState } from 'react';
import { Form, LoadingButton, Stack, Textfield } from '@forge/react';
import type { InventorySourceInput, InventorySourceView } from '../../../resolvers/contract';
import { api } from '../../api';
import { useAction } from '../../hooks/useAction';
import { ErrorNotice } from '../ErrorNotice';
import { FormField, inputValue } from '../form/FormField';
import { flagSuccess } from '../../flags';
import { fieldWords } from '../../../domain/form-words';
import { requiredText } from '../../draftChecks';
import { INVENTORY_NAME } from '../../../domain/inventory-names';

interface Props {
  /** The source to edit; absent to set one up. */
  editing?: InventorySourceView;
  onSaved: () => unknown;
}

const PLACED = ['orgId', 'apiKey', 'maxLifetimeDays', 'unusedDays'];
const WHOLE = /^\s*\d+\s*$/;
const NOT_WHOLE = 'must be a whole number of days, or empty';

const daysText = (days: number | null | undefined) => String(days ?? '');

/** Empty means "no limit"; anything else must be whole days (the resolver checks the range). */
function days(text: string): number | null | undefined {
  if (text.trim() === '') return null;
  return WHOLE.test(text) ? Number(text) : undefined;
}

/** The org id, its Admin API key (write-only: never shown back) and the flagging policy. */
export function SourceForm({ editing, onSaved }: Props) {
  const action = useAction();
  const [orgId, setOrgId] = useState(editing?.orgId ?? '');
  const [lifetime, setLifetime] = useState(daysText(editing?.maxLifetimeDays));
  const [unused, setUnused] = useState(daysText(editing?.unusedDays));
  const [local, setLocal] = useState<Record<string, string>>({});
  // Kept out of state, so the key is never rendered back into the page.
  const apiKey = useRef('');
  const errors = { ...(action.error?.fields ?? {}), ...local };
  const unplaced = Object.entries(errors)
    .filter(([name]) => !PLACED.includes(name))
    .map(([name, message]) => `${fieldWords(name)}: ${message}`);

  const save = async () => {
    const maxLifetimeDays = days(lifetime);
    const unusedDays = days(unused);
    const found: Record<string, string> = {};
    if (maxLifetimeDays === undefined) found.maxLifetimeDays = NOT_WHOLE;
    if (unusedDays === undefined) found.unusedDays = NOT_WHOLE;
    if (orgId.trim() === '') found.orgId = requiredText('Organisation ID');
    const key = apiKey.current.trim();
    if (!editing && key === '') found.apiKey = requiredText('Admin API key');
    setLocal(found);
    // Every problem the page can see is named at once; the resolver checks the rest.
    if (maxLifetimeDays === undefined || unusedDays === undefined || found.orgId || found.apiKey)
      return;
    const input: InventorySourceInput = {
      orgId: orgId.trim(),
      maxLifetimeDays,
      unusedDays,
      ...(key ? { apiKey: key } : {}),
    };
    await action.run(
      'save',
      () => api.saveInventorySource(input),
      () => {
        flagSuccess(`Saved the ${INVENTORY_NAME} source`);
        return onSaved();
      },
    );
  };

  return (
    <Form onSubmit={save}>
      <Stack space="space.200">
        {action.error && <ErrorNotice error={action.error} extra={unplaced} />}
        <FormField
          id="inventory-org"
          label="Organisation ID"
          required
          error={errors.orgId}
          help="From the address of Atlassian Administration: admin.atlassian.com/o/<organisation ID>/"
        >
          <Textfield
            id="inventory-org"
            name="orgId"
            value={orgId}
            isInvalid={errors.orgId !== undefined}
            onChange={(e) => setOrgId(inputValue(e))}
          />
        </FormField>
        <FormField
          id="inventory-key"
          label="Admin API key"
          required={!editing}
          error={errors.apiKey}
          help={
            editing
              ? `Stored key has the fingerprint ${editing.keyFingerprint}: leave empty to keep it.`
              : 'Scopes read:tokens:admin and read:keys:admin. Stored as a secret, never shown again.'
          }
        >
          <Textfield
            id="inventory-key"
            name="apiKey"
            type="password"
            isInvalid={errors.apiKey !== undefined}
            onChange={(e) => {
              apiKey.current = inputValue(e);
            }}
          />
        </FormField>
        <FormField
          id="inventory-lifetime"
          label="Maximum lifetime (days)"
          error={errors.maxLifetimeDays}
          help="Flag tokens that live longer than this from creation to expiry; empty: no maximum."
        >
          <Textfield
            id="inventory-lifetime"
            name="maxLifetimeDays"
            value={lifetime}
            isInvalid={errors.maxLifetimeDays !== undefined}
            onChange={(e) => setLifetime(inputValue(e))}
          />
        </FormField>
        <FormField
          id="inventory-unused"
          label="Unused after (days)"
          error={errors.unusedDays}
          help="Flag tokens not used for more than this many days; empty: never."
        >
          <Textfield
            id="inventory-unused"
            name="unusedDays"
            value={unused}
            isInvalid={errors.unusedDays !== undefined}
            onChange={(e) => setUnused(inputValue(e))}
          />
        </FormField>
        <LoadingButton appearance="primary" type="submit" isLoading={action.busy !== null}>
          Save organisation
        </LoadingButton>
      </Stack>
    </Form>
  );
}
