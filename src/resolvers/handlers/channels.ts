import { randomUUID } from 'node:crypto';
import { quoteName } from '../../domain/names';
import { channelScope, fingerprint } from '../../domain/fingerprint';
import { channelTarget, RETARGETED, targetChanges } from '../../domain/target';
import { deliveryLog } from '../../storage/deliveries';
import { testNotification } from '../../notify/deliver-test';
import type { NotifierRegistry } from '../../notify/delivery-job';
import type { IssuePlace } from '../../notify/types';
import type { ChannelConfig } from '../../domain/channels';
import { CHANNEL_INFO, NOTIFIERS } from '../../notify/registry';
import { adminPath, clock, fetch, jira } from '../../platform/forge';
import { site } from '../../storage/alerts';
import { channels, type ChannelRecord } from '../../storage/channels';
import type { ChannelView } from '../contract';
import { declared } from '../egress';
import { ResolverFailure } from '../envelope';
import type { CallContext, Handlers } from '../types';
import { badInput, parse } from '../validate';
import { fingerprintKeyFor, recordAudit } from './common';
import {
  channelIdPayload,
  configOf,
  parseChannelInput,
  type ParsedChannelInput,
} from './channel-input';

const notifiers: NotifierRegistry = NOTIFIERS;
const GONE = 'There is no such channel. It may have been deleted.';

async function loadChannel(id: string): Promise<ChannelRecord> {
  const record = await channels.get(id);
  if (!record) throw new ResolverFailure('NOT_FOUND', GONE);
  return record;
}

const view = ({ config, secretFingerprint, updatedAt }: ChannelRecord): ChannelView => ({
  config,
  secretFingerprint,
  updatedAt,
});

/** Where a Jira email channel's test opens its issue: the first enabled Jira issue channel's project. */
async function issuePlace(): Promise<IssuePlace | undefined> {
  const all = await channels.list();
  const issues = all.map((r) => r.config).filter((c) => c.type === 'jira-issue' && c.enabled);
  const first = issues[0];
  if (first?.type !== 'jira-issue') return undefined;
  return { projectKey: first.projectKey, issueType: first.issueType, labels: first.labels };
}

/** Alerts decided by the sweep link to the page; only the page knows the site's address. */
export async function rememberSite(ctx: CallContext): Promise<void> {
  if (ctx.siteUrl) await site.save(ctx.siteUrl);
}

/** Every problem with the settings at once, named as the form names its fields. */
function problems(input: ParsedChannelInput, config: ChannelConfig, secret: unknown) {
  const { type } = config;
  const errors: Record<string, string> = {};
  const found = notifiers[type].validate(config, secret ?? null, { isAllowed: declared });
  for (const [field, message] of Object.entries(found)) {
    errors[field === 'secret' ? field : `config.${field}`] = message;
  }
  if (input.secret && CHANNEL_INFO[type].secretLabel === null) {
    errors.secret = 'this channel has no secret';
  }
  // Jira channels act on each alert (an issue per incident); a digest suits a chat or a receiver.
  if (config.digest && type.startsWith('jira-')) {
    errors['config.digest'] = 'a daily digest goes to Slack, Teams or a webhook';
  }
  return errors;
}

/** A save in the audit's words; names quoted, so none can read as "host changed" or "secret …". */
function saveDetail(
  record: ChannelRecord,
  existing: ChannelRecord | undefined,
  retarget: string[],
  newSecret: boolean,
): string {
  const { name, type } = record.config;
  const what = `${existing ? 'updated' : 'created'} channel ${quoteName(name)} (${type})`;
  const renamed =
    existing && existing.config.name !== name
      ? [`renamed ${quoteName(existing.config.name)} to ${quoteName(name)}`]
      : [];
  const secret = newSecret ? [`secret ${record.secretFingerprint}`] : [];
  return [what, ...renamed, ...retarget, ...secret].join(', ');
}

/**
 * A Jira issue channel's project must exist, or every alert would fail at send time. Jira answers
 * getProject with 404 for a key it does not have or the app cannot see (REST v3 OpenAPI spec,
 * GET /rest/api/3/project/{projectIdOrKey}); any other answer, or none, leaves the save alone:
 * the lookup only spares a mistyped key, and the test alert says what Jira thinks of the rest.
 */
async function missingProject(config: ChannelConfig): Promise<Record<string, string>> {
  if (config.type !== 'jira-issue') return {};
  const key = config.projectKey;
  const answer = await jira('GET', `/rest/api/3/project/${encodeURIComponent(key)}`).catch(
    () => null,
  );
  if (answer?.status !== 404) return {};
  return {
    'config.projectKey': `Jira has no project with the key ${key}, or the app may not see it: check the key in the project's settings`,
  };
}

export const channelHandlers: Pick<
  Handlers,
  'listChannels' | 'saveChannel' | 'deleteChannel' | 'sendTestAlert'
> = {
  async listChannels() {
    const list = await channels.list();
    return list.map(view).sort((a, b) => a.config.name.localeCompare(b.config.name));
  },

  /** Create (no id) or update; the secret is write-only and kept when left out. */
  async saveChannel(payload, ctx) {
    const input = parseChannelInput(payload);
    const existing = input.id ? await loadChannel(input.id) : undefined;
    if (existing && existing.config.type !== input.config.type) {
      throw badInput({ 'config.type': 'a channel keeps its type: create a new channel instead' });
    }
    const retarget = existing
      ? targetChanges(channelTarget(existing.config), channelTarget(input.config))
      : [];
    // A stored signing key signs only for the receiver it was entered for.
    if (retarget.length > 0 && !input.secret) throw badInput({ secret: RETARGETED });
    const id = existing?.config.id ?? randomUUID();
    const now = clock();
    const config = configOf(input, id);
    const secret = input.secret ?? (existing ? await channels.getSecret(id) : undefined);
    const errors = problems(input, config, secret);
    if (Object.keys(errors).length > 0) throw badInput(errors);
    const missing = await missingProject(config);
    if (Object.keys(missing).length > 0) throw badInput(missing);
    // Only valid input gets this far, so a refused save does not create the fingerprint key.
    const record: ChannelRecord = {
      config,
      secretFingerprint: input.secret
        ? fingerprint(input.secret, await fingerprintKeyFor(channelScope(id)))
        : (existing?.secretFingerprint ?? null),
      updatedAt: now.toISOString(),
    };
    if (input.secret) await channels.setSecret(id, input.secret);
    await channels.save(record);
    await rememberSite(ctx);
    const detail = saveDetail(record, existing, retarget, Boolean(input.secret));
    await recordAudit(ctx, 'save-channel', null, detail, now);
    return view(record);
  },

  /** Deleting a channel that is already gone answers as if it had just been deleted. */
  async deleteChannel(payload, ctx) {
    const { id } = parse(channelIdPayload, payload);
    const record = await channels.get(id);
    if (!record) return { id };
    await channels.remove(id);
    const detail = `deleted channel ${quoteName(record.config.name)} (${record.config.type})`;
    await recordAudit(ctx, 'delete-channel', null, detail, clock());
    return { id };
  },

  /** Sends a plainly marked test through the channel now and says what its service answered. */
  async sendTestAlert(payload, ctx) {
    const { id } = parse(channelIdPayload, payload);
    const record = await loadChannel(id);
    const [secret, stored] = await Promise.all([channels.getSecret(id), site.get()]);
    const now = clock();
    const adminUrl = `${ctx.siteUrl ?? stored ?? ''}${adminPath()}`;
    const n = testNotification(record.config.name, now, adminUrl, {
      requestedBy: ctx.accountId,
      ...(record.config.type === 'jira-email' ? { issuePlace: await issuePlace() } : {}),
    });
    const result = await notifiers[record.config.type].send(n, record.config, secret ?? null, {
      fetch,
      jira,
      now,
    });
    await deliveryLog.append({
      at: now.toISOString(),
      channelId: id,
      channelName: record.config.name,
      kind: 'test',
      integrationId: null,
      integrationName: null,
      outcome: result.ok ? 'sent' : 'failed',
      detail: result.detail,
    });
    await rememberSite(ctx);
    return { ok: result.ok, detail: result.detail };
  },
};
