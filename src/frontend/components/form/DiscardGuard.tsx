import React, { useState } from 'react';
import { Button, Inline, Text } from '@forge/react';

/**
 * Closing a dialog (Cancel, Escape, ×) with typed changes asks first: Escape is pressed to close
 * a dropdown as often as the dialog, and an admin's half-typed form is work.
 */
export function useDiscardGuard(dirty: boolean, onClose: () => void) {
  const [asking, setAsking] = useState(false);
  return {
    asking,
    requestClose: () => (dirty ? setAsking(true) : onClose()),
    keepEditing: () => setAsking(false),
    discard: onClose,
  };
}

interface Props {
  onKeep: () => void;
  onDiscard: () => void;
}

/** In the dialog's footer, in place of its buttons: always in view, whatever was scrolled. */
export function DiscardPrompt({ onKeep, onDiscard }: Props) {
  return (
    <Inline space="space.100" alignBlock="center">
      <Text>Discard your changes?</Text>
      <Button appearance="subtle" onClick={onKeep}>
        Keep editing
      </Button>
      <Button appearance="danger" onClick={onDiscard}>
        Discard
      </Button>
    </Inline>
  );
}
