import React, { useState } from 'react';
import {
  Button,
  ErrorMessage,
  HelperMessage,
  Inline,
  Label,
  Stack,
  Text,
  Textfield,
} from '@forge/react';
import { CONSUMER_KEY_LIMITS, parseOverlapHours } from '../../../domain/consumer-keys';
import type { ConsumerKeyView } from '../../../resolvers/contract';

/** What the form offers before the admin types: a day, time enough to switch most consumers. */
const DEFAULT_OVERLAP_HOURS = '24';

/**
 * Rotating a key: the admin chooses how long the old key keeps working, so the consumer can
 * switch over (0 stops it at once). Nothing is sent while the overlap is not a valid one.
 */
export function RotateKeyForm({
  keyView,
  onRotate,
  onCancel,
}: {
  keyView: ConsumerKeyView;
  onRotate: (overlapHours: number) => Promise<void>;
  onCancel: () => void;
}) {
  const [overlap, setOverlap] = useState(DEFAULT_OVERLAP_HOURS);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const rotate = async () => {
    const parsed = parseOverlapHours(overlap);
    setProblem(parsed.ok ? null : parsed.message);
    if (!parsed.ok) return;
    setBusy(true);
    try {
      await onRotate(parsed.hours);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack space="space.100">
      <Text>
        Rotate {keyView.name}: a new key with the same name, note and rate is shown once; the old
        key keeps working for the overlap, then expires.
      </Text>
      <Stack space="space.050">
        <Label labelFor="consumer-key-overlap">Old key keeps working for (hours)</Label>
        <Textfield
          id="consumer-key-overlap"
          name="consumer-key-overlap"
          value={overlap}
          onChange={(e) => setOverlap(e.target.value)}
        />
        {problem ? (
          <ErrorMessage>{problem}</ErrorMessage>
        ) : (
          <HelperMessage>
            {`0 to ${CONSUMER_KEY_LIMITS.maxOverlapDays * 24} hours (${CONSUMER_KEY_LIMITS.maxOverlapDays} days); 0 stops the old key at once.`}
          </HelperMessage>
        )}
      </Stack>
      <Inline space="space.100">
        <Button appearance="primary" isDisabled={busy} onClick={() => void rotate()}>
          Make the new key
        </Button>
        <Button appearance="subtle" onClick={onCancel}>
          Cancel rotation
        </Button>
      </Inline>
    </Stack>
  );
}
