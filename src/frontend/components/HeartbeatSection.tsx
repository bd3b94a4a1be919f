import React, { useState } from 'react';
import {
  Button,
  ButtonGroup,
  Form,
  Heading,
  LoadingButton,
  Select,
  Stack,
  Text,
  Textfield,
  Toggle,
} from '@forge/react';
import type { BoundUrl, HeartbeatMethod, HeartbeatOutcome } from '../../domain/heartbeat';
import type { HeartbeatInput, HeartbeatView } from '../../resolvers/contract';
import { api } from '../api';
import { flagSuccess } from '../flags';
import { formatTime } from '../format';
import { useAction } from '../hooks/useAction';
import { useDates } from '../hooks/useDates';
import { useLoad } from '../hooks/useLoad';
import { ErrorNotice } from './ErrorNotice';
import { FormField, inputValue, isChecked } from './form/FormField';
import { Loading } from './Loading';

interface MethodOption {
  label: string;
  value: HeartbeatMethod;
}
const METHODS: MethodOption[] = [
  { label: 'POST, with counts by severity in the body', value: 'POST' },
  { label: 'GET, with no body', value: 'GET' },
];

const stored = (bound: BoundUrl | null) =>
  bound ? `Stored: ${bound.host} ${bound.fingerprint}. Leave empty to keep it.` : 'None stored.';

/** The Settings tab's heartbeat: the sweep's dead man's switch (docs/HEARTBEAT.md). */
export function HeartbeatSection() {
  const loaded = useLoad(api.getHeartbeat, 'heartbeat');
  if (loaded.result.state === 'loading') return <Loading label="Loading the heartbeat" />;
  if (loaded.result.state === 'failed') {
    return <ErrorNotice error={loaded.result.error} onRetry={() => void loaded.reload()} />;
  }
  return <HeartbeatForm saved={loaded.result.data} />;
}

function OutcomeLine({ outcome }: { outcome: HeartbeatOutcome | null }) {
  const dates = useDates();
  if (!outcome) return <Text>No ping sent yet.</Text>;
  const what = outcome.kind === 'test' ? 'Test ping' : `Last ${outcome.kind} ping`;
  const tries = outcome.attempts > 1 ? ` after ${outcome.attempts} attempts` : '';
  return (
    <Text>
      {what}: {formatTime(outcome.at, dates)}, {outcome.ok ? 'received' : 'not received'}
      {tries} ({outcome.detail}).
    </Text>
  );
}

function HeartbeatForm({ saved: initial }: { saved: HeartbeatView }) {
  const action = useAction();
  const [saved, setSaved] = useState(initial);
  const [method, setMethod] = useState<HeartbeatMethod>(initial.method);
  const [includeNames, setIncludeNames] = useState(initial.includeNames);
  const [successUrl, setSuccessUrl] = useState('');
  const [failureUrl, setFailureUrl] = useState('');
  const errors = action.error?.fields ?? {};

  const store = (input: HeartbeatInput, flag: string) =>
    action.run(
      'save',
      () => api.saveHeartbeat(input),
      (view) => {
        flagSuccess(flag);
        setSaved(view);
        setSuccessUrl('');
        setFailureUrl('');
      },
    );
  const save = () =>
    store(
      {
        method,
        includeNames,
        ...(successUrl.trim() ? { successUrl } : {}),
        ...(failureUrl.trim() ? { failureUrl } : {}),
      },
      'Saved the heartbeat',
    );
  const remove = () =>
    store({ method, includeNames, remove: ['success', 'failure'] }, 'Removed the heartbeat');
  const test = (which: 'success' | 'failure') =>
    action.run(
      `test:${which}`,
      () => api.testHeartbeat(which),
      (outcome) => setSaved({ ...saved, lastOutcome: outcome }),
    );

  return (
    <Form onSubmit={save}>
      <Stack space="space.200">
        <Heading size="medium">Heartbeat</Heading>
        <Text>
          After every sweep, the app calls this URL. A service such as healthchecks.io, Cronitor,
          Dead Man’s Snitch or Better Stack then raises the alarm when the calls stop: the app
          disabled, the schedule stopped, storage failing. Expect a call every five minutes.
        </Text>
        {action.error && <ErrorNotice error={action.error} />}
        <FormField
          id="heartbeat-successUrl"
          label="Heartbeat URL"
          error={errors.successUrl}
          help={`${stored(saved.success)} Its path is its key: it is kept as a secret. Hosts the app may call: ${saved.knownHosts.join(', ')}; any other needs the app redeployed with that host declared.`}
        >
          <Textfield
            id="heartbeat-successUrl"
            name="successUrl"
            type="password"
            value={successUrl}
            onChange={(e) => setSuccessUrl(inputValue(e))}
          />
        </FormField>
        <FormField
          id="heartbeat-failureUrl"
          label="Failure URL (optional)"
          error={errors.failureUrl}
          help={`${stored(saved.failure)} Called when a sweep cannot run, e.g. the heartbeat URL followed by /fail on healthchecks.io.`}
        >
          <Textfield
            id="heartbeat-failureUrl"
            name="failureUrl"
            type="password"
            value={failureUrl}
            onChange={(e) => setFailureUrl(inputValue(e))}
          />
        </FormField>
        <FormField id="heartbeat-method" label="Call with" error={errors.method}>
          <Select
            inputId="heartbeat-method"
            name="method"
            options={METHODS}
            value={METHODS.find((o) => o.value === method) ?? null}
            onChange={(o: MethodOption | null) => o && setMethod(o.value)}
          />
        </FormField>
        <FormField
          id="heartbeat-includeNames"
          label="Name the credentials that need attention"
          error={errors.includeNames}
          help="Off: the service learns only how many credentials are in each state."
        >
          <Toggle
            id="heartbeat-includeNames"
            name="includeNames"
            isChecked={includeNames}
            onChange={(e) => setIncludeNames(isChecked(e))}
          />
        </FormField>
        <OutcomeLine outcome={saved.lastOutcome} />
        <ButtonGroup label="Heartbeat actions">
          <LoadingButton appearance="primary" type="submit" isLoading={action.busy === 'save'}>
            Save heartbeat
          </LoadingButton>
          <LoadingButton
            isLoading={action.busy === 'test:success'}
            isDisabled={!saved.success || action.busy !== null}
            onClick={() => void test('success')}
          >
            Send test ping
          </LoadingButton>
          {saved.failure && (
            <LoadingButton
              isLoading={action.busy === 'test:failure'}
              isDisabled={action.busy !== null}
              onClick={() => void test('failure')}
            >
              Test the failure URL
            </LoadingButton>
          )}
          <Button
            isDisabled={(!saved.success && !saved.failure) || action.busy !== null}
            onClick={() => void remove()}
          >
            Remove
          </Button>
        </ButtonGroup>
      </Stack>
    </Form>
  );
}
