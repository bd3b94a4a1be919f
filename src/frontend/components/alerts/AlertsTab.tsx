import React, { useState } from 'react';
import { Stack } from '@forge/react';
import { ChannelsSection } from './ChannelsSection';
import { DeliveryLog } from './DeliveryLog';
import { PolicySection } from './PolicySection';

/** Who hears about a credential in trouble, when, and what was sent or held back. */
export function AlertsTab() {
  const [logVersion, setLogVersion] = useState(0);
  return (
    <Stack space="space.400">
      <ChannelsSection onDelivered={() => setLogVersion((v) => v + 1)} />
      <PolicySection />
      <DeliveryLog version={logVersion} />
    </Stack>
  );
}
