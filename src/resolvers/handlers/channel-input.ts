import { z } from 'zod';
import type { AlertSettings } from '../../domain/alerts/settings';
import { LIST_LIMITS, TEXT_LIMITS as T, type Limit } from '../../domain/limits';
import { nameText } from '../../domain/names';
import { WINDOW_ENDED } from '../../domain/past-dates';
import { list, PLAIN, text } from '../../domain/plain-input';
import { isTimeZone } from '../../domain/zoned-time';
import type { ChannelConfig } from '../../domain/channels';
import { badInput } from '../validate';

const ID = /^[A-Za-z0-9._-]+$/;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

const common = {
  name: nameText(T.name, 'give the channel a name'),
  enabled: z.boolean({ error: 'must be true or false' }),
  role: z.enum(['primary', 'escalation'], { error: 'must be primary or escalation' }),
  digest: z.boolean({ error: 'must be true or false' }),
};
const jiraName = (limit: Limit) => text(limit, { trim: true });

/** Each channel type's own fields, as its file in src/notify/ declares them. */
const settings = z.discriminatedUnion(
  'type',
  [
    z.object({
      ...common,
      type: z.literal('jira-issue'),
      projectKey: jiraName(T.projectKey),
      issueType: jiraName(T.issueType),
      labels: list(jiraName(T.label), LIST_LIMITS.labels).optional(),
      assignOwner: z.boolean({ error: 'must be true or false' }),
    }),
    z.object({
      ...common,
      type: z.literal('jira-email'),
      notifyOwner: z.boolean({ error: 'must be true or false' }),
      groupName: jiraName(T.groupName).optional(),
      groupId: jiraName(T.groupId).optional(),
    }),
    z.object({ ...common, type: z.literal('slack') }),
    z.object({ ...common, type: z.literal('teams') }),
    z.object({ ...common, type: z.literal('webhook'), url: text(T.receiverUrl, { trim: true }) }),
  ],
  { error: 'choose a channel type: jira-issue, jira-email, slack, teams or webhook' },
);

const channelInput = z.object({
  id: text(T.id).regex(ID, 'not a channel id').optional(),
  config: settings,
  /** Never quoted back; trimmed, as a pasted URL often ends in a line break. */
  secret: text(T.secret, { trim: true })
    .min(1, 'enter it, or leave it out to keep the stored one')
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
  const result = channelInput.safeParse(payload ?? {}, PLAIN);
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
  id: text(T.id, { required: 'the channel id is required' }).regex(ID, 'not a channel id'),
});

/** An ISO 8601 date and time in UTC, refused for its length before its format is checked. */
const dateTime = (limit: Limit, format: string) =>
  text(limit, { required: format }).pipe(z.iso.datetime({ error: format }));

/** A one-off window still to come or under way: one that has ended would hold nothing back. */
const once = (now: Date) =>
  z
    .object({
      kind: z.literal('once'),
      start: dateTime(T.start, 'must be a date and time, e.g. 2026-12-31T22:00:00Z'),
      end: dateTime(T.end, 'must be a date and time, e.g. 2026-12-31T23:00:00Z').refine(
        (end) => Date.parse(end) > now.getTime(),
        WINDOW_ENDED,
      ),
    })
    .refine((w) => Date.parse(w.end) > Date.parse(w.start), 'must end after it starts');

const DAY = 'days are 0 (Sunday) to 6 (Saturday)';
const NOT_A_ZONE = 'must be a time zone name such as Europe/Berlin';
const timeZone = text(T.timeZone, { required: NOT_A_ZONE }).refine(isTimeZone, NOT_A_ZONE);
const weekly = z.object({
  kind: z.literal('weekly'),
  days: list(z.number({ error: DAY }).int(DAY).min(0, DAY).max(6, DAY), LIST_LIMITS.days, DAY)
    .min(1, 'choose at least one day')
    .refine((d) => new Set(d).size === d.length, 'must not repeat a day'),
  from: text(T.from, { required: 'must be a time such as 22:00' }).regex(
    HH_MM,
    'must be a time such as 22:00',
  ),
  to: text(T.to, { required: 'must be a time such as 02:00' }).regex(
    HH_MM,
    'must be a time such as 02:00',
  ),
  timeZone: timeZone.optional(),
});

const hours = (max: number) =>
  z
    .number({ error: 'must be a number of hours' })
    .int('must be a whole number of hours')
    .min(1, `must be 1 to ${max} hours`)
    .max(max, `must be 1 to ${max} hours`);

const alertSettingsPayload = (now: Date): z.ZodType<AlertSettings> =>
  z.object({
    reminderHours: hours(168),
    escalateAfterHours: hours(720).nullable(),
    maintenance: list(
      z.discriminatedUnion('kind', [once(now), weekly], {
        error: 'each window is once (start, end) or weekly (days, from, to)',
      }),
      LIST_LIMITS.maintenance,
      'give a list of windows',
    ),
    digestHour: z
      .number({ error: 'must be an hour, 0 to 23' })
      .int('must be an hour, 0 to 23')
      .min(0, 'must be an hour, 0 to 23')
      .max(23, 'must be an hour, 0 to 23'),
    digestTimeZone: timeZone,
  });

/** A window's problem is named by its place in the list: `maintenance.2.end`, `maintenance.2`. */
function policyField(path: readonly PropertyKey[]): string {
  const [head, index, field] = path.map(String);
  if (head === undefined) return 'payload';
  if (head !== 'maintenance' || index === undefined) return head;
  return field === undefined ? `maintenance.${index}` : `maintenance.${index}.${field}`;
}

export function parseAlertSettings(payload: unknown, now: Date): AlertSettings {
  const result = alertSettingsPayload(now).safeParse(payload ?? {}, PLAIN);
  if (result.success) return result.data;
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) errors[policyField(issue.path)] ??= issue.message;
  throw badInput(errors);
}
