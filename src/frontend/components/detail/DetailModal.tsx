import React from 'react';
import { Button, Inline, LoadingButton, Lozenge, Stack, Text } from '@forge/react';
import { isVendable } from '../../../domain/vendable';
import type { IntegrationDetail } from '../../../resolvers/contract';
import { fittingMessage } from '../../advice';
import { api } from '../../api';
import { flagSuccess } from '../../flags';
import { expirySentence, formatTime, SEVERITY_APPEARANCE, verdictLabel } from '../../format';
import { KINDS } from '../../kinds';
import { useAction } from '../../hooks/useAction';
import { useDates } from '../../hooks/useDates';
import { useLoad } from '../../hooks/useLoad';
import { DialogFrame } from '../DialogFrame';
import { ErrorNotice } from '../ErrorNotice';
import { Loading } from '../Loading';
import { HistoryBars } from './HistoryBars';
import { ConsumerKeysSection } from './ConsumerKeysSection';
import { IdentitySection } from './IdentitySection';
import { RecentChecks } from './RecentChecks';
import { RenewalSection } from './RenewalSection';
import { RevocationSection } from './RevocationSection';
import { SnoozeSection } from './SnoozeSection';

interface Props {
  id: string;
  onClose: () => void;
  /** Opens the edit form: where a new secret goes, as the renewal steps say. */
  onEdit: () => void;
  /** The integration changed (snoozed, marked revoked): the overview behind should refresh. */
  onChanged: () => unknown;
}

function Status({ detail }: { detail: IntegrationDetail }) {
  const { summary } = detail;
  const dates = useDates();
  const expiry = expirySentence(summary.expiresAt, detail.facts.expiry, dates);
  return (
    <Stack space="space.100">
      <Inline space="space.100" alignBlock="center">
        <Lozenge appearance={SEVERITY_APPEARANCE[summary.severity]}>
          {verdictLabel(summary.verdict)}
        </Lozenge>
        <Text>
          {KINDS[summary.kind].label} · secret {summary.secretFingerprint} · last checked{' '}
          {formatTime(summary.lastCheckedAt, dates, 'never')}
        </Text>
      </Inline>
      {summary.message && (
        <Text>
          {fittingMessage(summary.message, {
            revoked: summary.revokedAt !== null,
            identitySeen: detail.seenIdentity !== null,
          })}
        </Text>
      )}
      <Text>{expiry}</Text>
    </Stack>
  );
}

/** Everything about one credential: how it fares, why, who it is, and how to replace it. */
export function DetailModal({ id, onClose, onEdit, onChanged }: Props) {
  const detail = useLoad(() => api.getIntegration(id), id);
  const action = useAction();
  const after = async () => {
    await detail.reload();
    await onChanged();
  };
  const result = detail.result;
  const title = result.state === 'ready' ? result.data.summary.name : 'Integration';
  const checkNow = () =>
    void action.run(
      'check',
      () => api.checkNow(id),
      async (checked) => {
        flagSuccess(`Checked ${title}`, `Verdict: ${checked.verdict ?? 'not known yet'}.`);
        await after();
      },
    );
  const actions = (
    <>
      <LoadingButton isLoading={action.busy === 'check'} onClick={checkNow}>
        Check now
      </LoadingButton>
      <Button onClick={onEdit}>Edit</Button>
    </>
  );
  return (
    <DialogFrame title={title} onClose={onClose} width="x-large" actions={actions}>
      {result.state === 'loading' && <Loading label="Loading the integration" />}
      {result.state === 'failed' && <ErrorNotice error={result.error} />}
      {result.state === 'ready' && (
        <Stack space="space.300">
          <Status detail={result.data} />
          {action.error && <ErrorNotice error={action.error} />}
          <HistoryBars history={result.data.history} daily={result.data.daily} />
          <RecentChecks history={result.data.history} />
          <IdentitySection
            owner={{
              accountId: result.data.summary.ownerAccountId,
              name: result.data.summary.ownerName,
            }}
            identity={result.data.identity}
            seen={result.data.seenIdentity}
            pinned={{
              accountId: result.data.config.expectedAccountId,
              name: result.data.pinnedName,
            }}
            facts={result.data.facts}
          />
          <RevocationSection
            summary={result.data.summary}
            revocation={result.data.revocation}
            busy={action.busy !== null}
            onMark={(at) => void action.run('revoke', () => api.markRevoked(id, at), after)}
          />
          <SnoozeSection
            summary={result.data.summary}
            busy={action.busy !== null}
            error={action.error?.fields?.until}
            onSnooze={(until) => void action.run('snooze', () => api.snooze(id, until), after)}
          />
          <RenewalSection guide={result.data.renewal} />
          {isVendable(result.data.config) && <ConsumerKeysSection integrationId={id} />}
        </Stack>
      )}
    </DialogFrame>
  );
}
