import { z } from 'zod';
import type { AlertSettings } from '../../domain/alerts/settings';
import type { ChannelConfig } from '../../notify/registry';
import { badInput } from '../validate';

const ID = /^[A-Za-z0-9._-]{1,100}$/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const MAX_WINDOWS = 20;

const common = {
  name: z
    .string({ error: 'give the channel a name' })
    .trim()
    .min(1, 'give the channel a name')
    .max(100, 'at most 100 characters'),
  enabled: z.boolean({ error: 'must be true or false' }),
  role: z.enum(['primary', 'escalation'], { error: 'must be primary or escalation' }),
  digest: z.boolean({ error: 'must be true or false' }),
};
const text = (max: number) =>
  z.string({ error: 'must be text' }).trim().max(max, `at most ${max} characters`);

/** Each channel type's own fields, as its file in src/notify/ declares them. */
const settings = z.discriminatedUnion(
  'type',
  [
    z.object({
      ...common,
      type: z.literal('jira-issue'),
      projectKey: text(255),
      issueType: text(255),
      labels: z.array(text(255)).max(20, 'at most 20 labels').optional(),
      assignOwner: z.boolean({ error: 'must be true or false' }),
    }),
    z.object({
      ...common,
      type: z.literal('jira-email'),
      notifyOwner: z.boolean({ error: 'must be true or false' }),
      groupName: text(255).optional(),
      groupId: text(255).optional(),
    }),
    z.object({ ...common, type: z.literal('slack') }),
    z.object({ ...common, type: z.literal('teams') }),
    z.object({ ...common, type: z.literal('webhook'), url: text(2000) }),
  ],
  { error: 'choose a channel type: jira-issue, jira-email, slack, teams or webhook' },
);

const channelInput = z.object({
  id: z.string().regex(ID, 'not a channel id').optional(),
  config: settings,
  /** Never quoted back; trimmed, as a pasted URL often ends in a line break. */
  secret: z
    .string({ error: 'must be text' })
    .trim()
    .min(1, 'enter it, or leave it out to keep the stored one')
    .max(8192, 'longer than 8 KB')
    .optional(),
});

export type ParsedChannelInput = z.infer<typeof channelInput>;

/** `config.<field>` for a field of the settings, the plain name for anything else. */
function fieldOf(path: readonly PropertyKey[]): string {
  const [head, field] = path.map(String);
  if (head === undefined) return 'payload';
  return head === 'config' && field !== undefined ? `config.${field}` : head;
}

export function parseChannelInput(payload: unknown): ParsedChannelInput {
  const result = channelInput.safeParse(payload ?? {});
  if (result.success) return result.data;
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) errors[fieldOf(issue.path)] ??= issue.message;
  throw badInput(errors);
}

/** The stored config: the form's settings under the id the app gave the channel. */
export function configOf(input: ParsedChannelInput, id: string): ChannelConfig {
  return { ...input.config, id };
}

export const channelIdPayload = z.object({
  id: z.string({ error: 'the channel id is required' }).regex(ID, 'not a channel id'),
});

const once = z
  .object({
    kind: z.literal('once'),
    start: z.iso.datetime({ error: 'must be a date and time, e.g. 2026-12-31T22:00:00Z' }),
    end: z.iso.datetime({ error: 'must be a date and time, e.g. 2026-12-31T23:00:00Z' }),
  })
  .refine((w) => Date.parse(w.end) > Date.parse(w.start), 'must end after it starts');

const weekly = z.object({
  kind: z.literal('weekly'),
  days: z
    .array(z.number().int().min(0).max(6), { error: 'days are 0 (Sunday) to 6 (Saturday)' })
    .min(1, 'choose at least one day')
    .refine((d) => new Set(d).size === d.length, 'must not repeat a day'),
  from: z.string().regex(HH_MM, 'must be a time such as 22:00'),
  to: z.string().regex(HH_MM, 'must be a time such as 02:00'),
});

const hours = (max: number) =>
  z
    .number({ error: 'must be a number of hours' })
    .int('must be a whole number of hours')
    .min(1, `must be 1 to ${max} hours`)
    .max(max, `must be 1 to ${max} hours`);

export const alertSettingsPayload: z.ZodType<AlertSettings> = z.object({
  reminderHours: hours(168),
  escalateAfterHours: hours(720).nullable(),
  maintenance: z
    .array(z.discriminatedUnion('kind', [once, weekly]), { error: 'give a list of windows' })
    .max(MAX_WINDOWS, `at most ${MAX_WINDOWS} windows`),
  digestHourUtc: z
    .number({ error: 'must be an hour, 0 to 23' })
    .int('must be an hour, 0 to 23')
    .min(0, 'must be an hour, 0 to 23')
    .max(23, 'must be an hour, 0 to 23'),
});
