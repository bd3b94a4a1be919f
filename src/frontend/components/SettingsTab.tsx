import React, { useState } from 'react';
import { Form, LoadingButton, SectionMessage, Select, Stack, Text, Textfield } from '@forge/react';
import type { IntervalKey } from '../../domain/schedule';
import type { Settings } from '../../domain/settings';
import { api } from '../api';
import { DAYS_HINT, INTERVAL_KEYS, INTERVAL_LABEL, parseDays } from '../format';
import { useAction } from '../hooks/useAction';
import { useLoad } from '../hooks/useLoad';
import { ErrorNotice } from './ErrorNotice';
import { HeartbeatSection } from './HeartbeatSection';
import { FormField, inputValue } from './form/FormField';
import { Loading } from './Loading';
import { flagSuccess } from '../flags';

interface Option {
  label: string;
  value: IntervalKey;
}

const INTERVALS: Option[] = INTERVAL_KEYS.map((key) => ({
  label: INTERVAL_LABEL[key],
  value: key,
}));

export function SettingsTab() {
  const settings = useLoad(api.getSettings, 'settings');
  if (settings.result.state === 'loading') return <Loading label="Loading settings" />;
  if (settings.result.state === 'failed') {
    return <ErrorNotice error={settings.result.error} onRetry={() => void settings.reload()} />;
  }
  return (
    <Stack space="space.400">
      <SettingsForm saved={settings.result.data} />
      <HeartbeatSection />
    </Stack>
  );
}

function SettingsForm({ saved }: { saved: Settings }) {
  const action = useAction();
  const [warnDays, setWarnDays] = useState(saved.warnDays.join(', '));
  const [interval, setInterval] = useState<IntervalKey>(saved.defaultInterval);
  const [localError, setLocalError] = useState<string | null>(null);
  const [savedNow, setSavedNow] = useState<Settings | null>(null);
  const errors = action.error?.fields ?? {};

  const save = async () => {
    const days = parseDays(warnDays);
    setLocalError(days ? null : DAYS_HINT);
    setSavedNow(null);
    if (!days) return;
    // Spread what was loaded: settings this page does not edit are sent back unchanged.
    const next = { ...saved, warnDays: days, defaultInterval: interval };
    await action.run(
      'save',
      () => api.saveSettings(next),
      (stored) => {
        flagSuccess('Saved the settings');
        setWarnDays(stored.warnDays.join(', '));
        setSavedNow(stored);
      },
    );
  };

  return (
    <Form onSubmit={save}>
      <Stack space="space.200">
        <Text>These apply to every integration that does not set its own.</Text>
        {action.error && <ErrorNotice error={action.error} />}
        {savedNow && (
          <SectionMessage appearance="success" title="Settings saved">
            <Text>New checks use them from now on.</Text>
          </SectionMessage>
        )}
        <FormField
          id="settings-warnDays"
          label="Warn this many days before expiry"
          required
          error={localError ?? errors.warnDays}
          help="E.g. 30, 14, 7, 1: a warning as each threshold is crossed; one day or less left is critical."
        >
          <Textfield
            id="settings-warnDays"
            name="warnDays"
            value={warnDays}
            onChange={(e) => setWarnDays(inputValue(e))}
          />
        </FormField>
        <FormField
          id="settings-defaultInterval"
          label="Check new integrations"
          error={errors.defaultInterval}
        >
          <Select
            inputId="settings-defaultInterval"
            name="defaultInterval"
            options={INTERVALS}
            value={INTERVALS.find((o) => o.value === interval) ?? null}
            onChange={(o: Option | null) => o && setInterval(o.value)}
          />
        </FormField>
        <LoadingButton appearance="primary" type="submit" isLoading={action.busy !== null}>
          Save settings
        </LoadingButton>
      </Stack>
    </Form>
  );
}
