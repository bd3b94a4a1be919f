import { randomUUID } from 'node:crypto';
import { fingerprint } from '../../domain/schedule';
import { channelTarget, RETARGETED, targetChanges } from '../../domain/target';
import { deliveryLog } from '../../storage/deliveries';
import { testNotification } from '../../notify/deliver-test';
import type { NotifierRegistry } from '../../notify/delivery';
import { CHANNEL_INFO, NOTIFIERS } from '../../notify/registry';
import { adminPath, clock, fetch, jira } from '../../platform/forge';
import { site } from '../../storage/alerts';
import { channels, type ChannelRecord } from '../../storage/channels';
import type { ChannelView } from '../contract';
import { declared } from '../egress';
import { ResolverFailure } from '../envelope';
import type { CallContext, Handlers } from '../types';
import { badInput, parse } from '../validate';
import { recordAudit } from './common';
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

/** Alerts decided by the sweep link to the page; only the page knows the site's address. */
export async function rememberSite(ctx: CallContext): Promise<void> {
  if (ctx.siteUrl) await site.save(ctx.siteUrl);
}

/** Every problem with the settings at once, named as the form names its fields. */
function problems(input: ParsedChannelInput, record: ChannelRecord, secret: unknown) {
  const { type } = record.config;
  const errors: Record<string, string> = {};
  const found = notifiers[type].validate(record.config, secret ?? null, { isAllowed: declared });
  for (const [field, message] of Object.entries(found)) {
    errors[field === 'secret' ? field : `config.${field}`] = message;
  }
  if (input.secret && CHANNEL_INFO[type].secretLabel === null) {
    errors.secret = 'this channel has no secret';
  }
  // Jira channels act on each alert (an issue per incident); a digest suits a chat or a receiver.
  if (record.config.digest && type.startsWith('jira-')) {
    errors['config.digest'] = 'a daily digest goes to Slack, Teams or a webhook';
  }
  return errors;
}

/**
 * A Jira issue channel's project must exist, or every alert would fail at send time. Jira answers
 * getProject with 404 for a key it does not have or the app cannot see (REST v3 OpenAPI spec,
 * GET /rest/api/3/project/{projectIdOrKey}); any other answer, or none, leaves the save alone:
 * the lookup only spares a mistyped key, and the test alert says what Jira thinks of the rest.
 */
async function missingProject(record: ChannelRecord): Promise<Record<string, string>> {
  if (record.config.type !== 'jira-issue') return {};
  const key = record.config.projectKey;
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
    const record: ChannelRecord = {
      config: configOf(input, id),
      secretFingerprint: input.secret
        ? fingerprint(input.secret)
        : (existing?.secretFingerprint ?? null),
      updatedAt: now.toISOString(),
    };
    const secret = input.secret ?? (existing ? await channels.getSecret(id) : undefined);
    const errors = problems(input, record, secret);
    if (Object.keys(errors).length > 0) throw badInput(errors);
    const missing = await missingProject(record);
    if (Object.keys(missing).length > 0) throw badInput(missing);
    if (input.secret) await channels.setSecret(id, input.secret);
    await channels.save(record);
    await rememberSite(ctx);
    const what = `${existing ? 'updated' : 'created'} channel "${record.config.name}" (${record.config.type})`;
    const notes = [...retarget, ...(input.secret ? [`secret ${record.secretFingerprint}`] : [])];
    const detail = [what, ...notes].join(', ');
    await recordAudit(ctx, 'save-channel', null, detail, now);
    return view(record);
  },

  /** Deleting a channel that is already gone answers as if it had just been deleted. */
  async deleteChannel(payload, ctx) {
    const { id } = parse(channelIdPayload, payload);
    const record = await channels.get(id);
    if (!record) return { id };
    await channels.remove(id);
    const detail = `deleted channel "${record.config.name}" (${record.config.type})`;
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
    const n = testNotification(record.config.name, now, adminUrl);
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
