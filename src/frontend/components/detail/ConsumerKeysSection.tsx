import React, { useState } from 'react';
import {
  Button,
  CodeBlock,
  DatePicker,
  DynamicTable,
  Heading,
  Inline,
  Label,
  Lozenge,
  SectionMessage,
  Stack,
  Text,
  Textfield,
} from '@forge/react';
import type {
  ConsumerKeyView,
  Envelope,
  IssuedConsumerKey,
  ResolverError,
} from '../../../resolvers/contract';
import { api } from '../../api';
import { formatTime } from '../../format';
import { useDates } from '../../hooks/useDates';
import { useLoad } from '../../hooks/useLoad';
import { ErrorNotice } from '../ErrorNotice';
import { RotateKeyForm } from './RotateKeyForm';

const STATE_APPEARANCE = { active: 'success', expired: 'default', revoked: 'removed' } as const;

/** Matches CONSUMER_KEY_LIMITS.warnDays (the page bundles no backend module, not even domain code). */
const WARN_MS = 14 * 86_400_000;

const expiringSoon = (key: ConsumerKeyView, now: Date) =>
  key.state === 'active' && Date.parse(key.expiresAt) - now.getTime() <= WARN_MS;

/** A key within two weeks of its end says so: the app watches its own credentials too. */
function KeyState({ keyView, now }: { keyView: ConsumerKeyView; now: Date }) {
  if (expiringSoon(keyView, now)) return <Lozenge appearance="moved">expires soon</Lozenge>;
  return <Lozenge appearance={STATE_APPEARANCE[keyView.state]}>{keyView.state}</Lozenge>;
}

/** The curl line a consumer runs; the key comes from the environment, never the line itself. */
function curlLine(url: string, integrationId: string): string {
  return `curl -sS -X POST '${url}' -H "Authorization: Bearer $TOKEN_HEALTH_CONSUMER_KEY" -H 'Content-Type: application/json' -d '{"integration":"${integrationId}"}'`;
}

/**
 * Consumer keys of one integration: who may draw its kept grant's access tokens from the
 * vending web trigger (docs/VENDING.md). A new key is shown once, here, and never again.
 */
export function ConsumerKeysSection({ integrationId }: { integrationId: string }) {
  const dates = useDates();
  const { result, reload } = useLoad(() => api.listConsumerKeys(integrationId), integrationId);
  const [issued, setIssued] = useState<IssuedConsumerKey | null>(null);
  const [error, setError] = useState<ResolverError | null>(null);
  const [name, setName] = useState('');
  const [expires, setExpires] = useState('');
  const [rotating, setRotating] = useState<ConsumerKeyView | null>(null);
  const act = async <T,>(work: () => Promise<Envelope<T>>): Promise<T | null> => {
    const answer = await work();
    setError(answer.ok ? null : answer.error);
    await reload();
    return answer.ok ? answer.data : null;
  };
  const issue = async (work: () => Promise<Envelope<IssuedConsumerKey>>) => {
    const made = await act(work);
    if (made) setIssued(made);
    return made;
  };
  const rotate = async (key: ConsumerKeyView, overlapHours: number) => {
    const made = await issue(() => api.rotateConsumerKey(integrationId, key.id, overlapHours));
    if (made) setRotating(null);
  };
  const row = (key: ConsumerKeyView) => ({
    key: key.id,
    cells: [
      { key: 'name', content: key.name },
      { key: 'state', content: <KeyState keyView={key} now={dates.now} /> },
      { key: 'expires', content: formatTime(key.expiresAt, dates) },
      { key: 'last', content: key.lastDrawAt ? formatTime(key.lastDrawAt, dates) : 'never' },
      { key: 'draws', content: String(key.draws) },
      {
        key: 'actions',
        content:
          key.state === 'active' ? (
            <Inline space="space.050">
              <Button onClick={() => setRotating(key)}>Rotate {key.name}</Button>
              <Button
                appearance="danger"
                onClick={() => void act(() => api.revokeConsumerKey(integrationId, key.id))}
              >
                Revoke {key.name}
              </Button>
            </Inline>
          ) : null,
      },
    ],
  });
  return (
    <Stack space="space.100">
      <Heading size="small">Consumer keys</Heading>
      {result.state === 'failed' && <ErrorNotice error={result.error} />}
      {error && <ErrorNotice error={error} />}
      {issued && (
        <SectionMessage appearance="warning" title={`New key for ${issued.key.name}: copy it now`}>
          <Text>It is shown this once; Token Health keeps only a keyed hash of it.</Text>
          <CodeBlock language="text" text={issued.secret} />
        </SectionMessage>
      )}
      {result.state === 'ready' && (
        <>
          {result.data.url && (
            <CodeBlock
              language="shell"
              text={curlLine(result.data.url, integrationId)}
              shouldWrapLongLines
            />
          )}
          <DynamicTable
            caption="Keys that may draw this integration's access tokens"
            head={{
              cells: ['Name', 'State', 'Expires', 'Last draw', 'Draws', 'Actions'].map((c) => ({
                key: c,
                content: c,
              })),
            }}
            rows={result.data.keys.map(row)}
            emptyView={
              <Text>No consumer keys: nothing can draw tokens from this integration.</Text>
            }
          />
        </>
      )}
      {rotating && (
        <RotateKeyForm
          key={rotating.id}
          keyView={rotating}
          onRotate={(hours) => rotate(rotating, hours)}
          onCancel={() => setRotating(null)}
        />
      )}
      <Inline space="space.100" alignBlock="end">
        <Stack space="space.050">
          <Label labelFor="consumer-key-name">Key name</Label>
          <Textfield
            id="consumer-key-name"
            name="consumer-key-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </Stack>
        <Stack space="space.050">
          <Label labelFor="consumer-key-expires">Expires (at most a year)</Label>
          <DatePicker
            id="consumer-key-expires"
            name="consumer-key-expires"
            value={expires}
            onChange={(v) => setExpires(v ?? '')}
          />
        </Stack>
        <Button
          isDisabled={name.trim() === '' || expires === ''}
          onClick={() =>
            void issue(() => api.createConsumerKey({ integrationId, name, expiresAt: expires }))
          }
        >
          Create key
        </Button>
      </Inline>
    </Stack>
  );
}
