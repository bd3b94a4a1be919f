import React, { useState } from 'react';
import {
  Form,
  Heading,
  LoadingButton,
  SectionMessage,
  Select,
  Stack,
  Text,
  Textfield,
} from '@forge/react';
import type { AlertSettings } from '../../../resolvers/contract';
import { api } from '../../api';
import { useAction } from '../../hooks/useAction';
import { useLoad } from '../../hooks/useLoad';
import { ErrorNotice } from '../ErrorNotice';
import { FormField, inputValue } from '../form/FormField';
import { Loading } from '../Loading';
import { flagSuccess } from '../../flags';
import { useZone } from '../../hooks/useDates';
import { wallClockOf, zonedInstant } from '../../../domain/zoned-time';
import type { WindowDrafts } from './maintenanceDraft';
import { endedWindows, MaintenanceWindows, windowDrafts, windowsOf } from './MaintenanceWindows';

interface HourOption {
  label: string;
  value: number;
}

/** Hours on the admin's own clock: the page names the zone once, at its top. */
const HOURS: HourOption[] = Array.from({ length: 24 }, (_, h) => ({
  label: `${String(h).padStart(2, '0')}:00`,
  value: h,
}));

/** The saved digest hour as the admin's clock shows it today (it may be kept in another zone). */
function hourIn(saved: AlertSettings, timeZone: string, now: Date): number {
  const savedDay = wallClockOf(now, saved.digestTimeZone).day;
  const at = zonedInstant(savedDay, `${saved.digestHour}:00`, saved.digestTimeZone);
  return Math.floor(wallClockOf(at, timeZone).minutes / 60);
}

const WHOLE = /^\s*\d+\s*$/;
const NOT_WHOLE = 'must be a whole number of hours';

/** When to remind, escalate and send digests, and when to hold alerts back. */
export function PolicySection() {
  const policy = useLoad(api.getAlertPolicy, 'alert-policy');
  const body = () => {
    if (policy.result.state === 'loading') return <Loading label="Loading the alert policy" />;
    if (policy.result.state === 'failed') {
      return <ErrorNotice error={policy.result.error} onRetry={() => void policy.reload()} />;
    }
    return <PolicyForm saved={policy.result.data} />;
  };
  return (
    <Stack space="space.200">
      <Heading size="medium">Alert policy</Heading>
      {body()}
    </Stack>
  );
}

function PolicyForm({ saved }: { saved: AlertSettings }) {
  const action = useAction();
  const [reminder, setReminder] = useState(String(saved.reminderHours));
  const [escalate, setEscalate] = useState(
    saved.escalateAfterHours === null ? '' : String(saved.escalateAfterHours),
  );
  const { timeZone } = useZone();
  const [digestHour, setDigestHour] = useState(() => hourIn(saved, timeZone, new Date()));
  const [windows, setWindows] = useState<WindowDrafts>(windowDrafts(saved.maintenance));
  const [local, setLocal] = useState<Record<string, string>>({});
  const [savedNow, setSavedNow] = useState(false);
  const errors = { ...(action.error?.fields ?? {}), ...local };

  const save = async () => {
    const found: Record<string, string> = {};
    if (!WHOLE.test(reminder)) found.reminderHours = NOT_WHOLE;
    if (escalate.trim() !== '' && !WHOLE.test(escalate)) found.escalateAfterHours = NOT_WHOLE;
    Object.assign(found, endedWindows(windows, new Date()));
    setLocal(found);
    setSavedNow(false);
    if (Object.keys(found).length > 0) return;
    const next: AlertSettings = {
      reminderHours: Number(reminder),
      escalateAfterHours: escalate.trim() === '' ? null : Number(escalate),
      digestHour,
      digestTimeZone: timeZone,
      maintenance: windowsOf(windows),
    };
    await action.run(
      'save',
      () => api.saveAlertPolicy(next),
      () => {
        flagSuccess('Saved the alert policy');
        setSavedNow(true);
      },
    );
  };

  return (
    <Form onSubmit={save}>
      <Stack space="space.200">
        {action.error && <ErrorNotice error={action.error} />}
        {savedNow && (
          <SectionMessage appearance="success" title="Alert policy saved">
            <Text>The next sweep decides with it.</Text>
          </SectionMessage>
        )}
        <FormField
          id="policy-reminderHours"
          label="Remind every (hours)"
          required
          error={errors.reminderHours}
          help="While a credential stays critical, 1 to 168 hours."
        >
          <Textfield
            id="policy-reminderHours"
            name="reminderHours"
            value={reminder}
            onChange={(e) => setReminder(inputValue(e))}
          />
        </FormField>
        <FormField
          id="policy-escalateAfterHours"
          label="Escalate after (hours)"
          error={errors.escalateAfterHours}
          help="To the escalation channels, 1 to 720 hours. Leave empty never to escalate."
        >
          <Textfield
            id="policy-escalateAfterHours"
            name="escalateAfterHours"
            value={escalate}
            onChange={(e) => setEscalate(inputValue(e))}
          />
        </FormField>
        <FormField id="policy-digestHour" label="Send daily digests at" error={errors.digestHour}>
          <Select
            inputId="policy-digestHour"
            name="digestHour"
            options={HOURS}
            value={HOURS.find((o) => o.value === digestHour) ?? null}
            onChange={(o: HourOption | null) => o && setDigestHour(o.value)}
          />
        </FormField>
        <MaintenanceWindows drafts={windows} errors={errors} onChange={setWindows} />
        <LoadingButton appearance="primary" type="submit" isLoading={action.busy !== null}>
          Save alert policy
        </LoadingButton>
      </Stack>
    </Form>
  );
}
