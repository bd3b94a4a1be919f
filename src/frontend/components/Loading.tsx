import React from 'react';
import { Inline, Spinner } from '@forge/react';

export function Loading({ label }: { label: string }) {
  return (
    <Inline alignInline="center">
      <Spinner size="large" label={label} />
    </Inline>
  );
}
