import React, { useState } from 'react';
import { Stack, Tab, TabList, TabPanel, Tabs, Text } from '@forge/react';
import { AlertsTab } from './components/alerts/AlertsTab';
import { AuditTab } from './components/AuditTab';
import { IntegrationsTab } from './components/IntegrationsTab';
import { InventoryTab } from './components/inventory/InventoryTab';
import { LiveStatus } from './components/LiveStatus';
import { SettingsTab } from './components/SettingsTab';
import { zoneSentence } from './format';
import { useZone, ZoneProvider } from './hooks/useDates';
import { LiveProvider, useLive } from './hooks/useLive';
import { INVENTORY_NAME } from '../domain/inventory-names';

const TABS = [
  { label: 'Integrations', Content: IntegrationsTab },
  { label: INVENTORY_NAME, Content: InventoryTab },
  { label: 'Alerts', Content: AlertsTab },
  { label: 'Settings', Content: SettingsTab },
  { label: 'Audit log', Content: AuditTab },
];

function ZoneNote() {
  return <Text size="small">{zoneSentence(useZone())}</Text>;
}

/**
 * Only the selected tab is rendered, so a tab loads its data when it is opened; while the page
 * is visible, a live tab's data follows what changes (useLive).
 */
export function App() {
  const [selected, setSelected] = useState(0);
  const live = useLive();
  return (
    <ZoneProvider>
      <LiveProvider value={live.register}>
        <Stack space="space.100">
          <LiveStatus status={live.status} />
          <Tabs id="token-health-tabs" selected={selected} onChange={setSelected}>
            <TabList>
              {TABS.map(({ label }) => (
                <Tab key={label}>{label}</Tab>
              ))}
            </TabList>
            {TABS.map(({ label, Content }, i) => (
              <TabPanel key={label}>
                <Stack space="space.200">{i === selected && <Content />}</Stack>
              </TabPanel>
            ))}
          </Tabs>
        </Stack>
        <ZoneNote />
      </LiveProvider>
    </ZoneProvider>
  );
}
