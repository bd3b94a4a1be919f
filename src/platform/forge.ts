import {
  asApp,
  assumeTrustedRoute,
  fetch as forgeFetch,
  getAppContext,
  webTrigger,
} from '@forge/api';
import { Queue } from '@forge/events';
import type { DeliveryEvent, DeliveryQueue } from '../notify/deliver-events';
import type { JiraPort } from '../notify/types';
import type { FetchLike } from '../http/client';
import type { InventoryEvent, InventoryQueue } from '../inventory/sync';
import type { CheckEvent } from '../scheduler/events';
import { ALERT_QUEUE_KEY } from '../domain/delivery-limits';
import {
  INVENTORY_QUEUE_KEY,
  CONSUMER_CONCURRENCY,
  EVENTS_PER_PUSH,
  QUEUE_KEY,
} from '../scheduler/limits';
import type { QueuePort } from '../scheduler/planner';

/** The composition root's clock: the one place the backend reads the time. */
export const clock = (): Date => new Date();

/** Forge's fetch: the platform proxies it and refuses hosts not declared as egress. */
export const fetch = forgeFetch as unknown as FetchLike;

const queue = new Queue({ key: QUEUE_KEY });

/** Every push carries one concurrency key, so at most CONSUMER_CONCURRENCY consumers run at once. */
export const checkQueue: QueuePort = {
  async push(events: CheckEvent[], delaySeconds?: number): Promise<void> {
    await queue.push(
      events.map((body) => ({
        body: { ...body },
        concurrency: { key: 'token-health-checks', limit: CONSUMER_CONCURRENCY },
        ...(delaySeconds ? { delayInSeconds: delaySeconds } : {}),
      })),
    );
  },
};

const alertQueue = new Queue({ key: ALERT_QUEUE_KEY });

/**
 * One delivery at a time per channel: a channel hears an incident's messages in the order they
 * were decided, and no receiver sees a burst from us. Channels still deliver side by side.
 */
export const deliveryQueue: DeliveryQueue = {
  async push(events: DeliveryEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += EVENTS_PER_PUSH) {
      await alertQueue.push(
        events.slice(i, i + EVENTS_PER_PUSH).map((body) => ({
          body: { ...body },
          concurrency: { key: `alerts-${body.channelId}`, limit: 1 },
        })),
      );
    }
  },
};

const inventoryEvents = new Queue({ key: INVENTORY_QUEUE_KEY });

/** One sync step at a time: each step goes on from the cursor the previous one saved. */
export const inventoryQueue: InventoryQueue = {
  async push(event: InventoryEvent, delaySeconds?: number): Promise<void> {
    await inventoryEvents.push([
      {
        body: { ...event },
        concurrency: { key: 'token-health-inventory', limit: 1 },
        ...(delaySeconds ? { delayInSeconds: delaySeconds } : {}),
      },
    ]);
  },
};

function parsed(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

/** Jira REST as the app: the channels build their own paths from issue keys Jira gave them. */
export const jira: JiraPort = async (method, path, body) => {
  const res = await asApp().requestJira(assumeTrustedRoute(path), {
    method,
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: parsed(await res.text()) };
};

export function invocation(): { id: string; remainingMs: () => number } {
  const context = getAppContext();
  return { id: context.invocationId, remainingMs: () => context.invocationRemainingTimeInMillis() };
}

/** Where Jira serves the app's admin page on any site: /jira/settings/apps/<app>/<environment>. */
export function adminPath(): string {
  const { appAri, environmentAri } = getAppContext();
  const app = appAri.appId.replace(/^.*\//, '');
  return `/jira/settings/apps/${app}/${environmentAri.environmentId}`;
}

/** A user as Jira's bulk lookup answers it: only what the app shows or decides on. */
export interface JiraUser {
  accountId: string;
  /** What Jira shows for the account, which its privacy settings may make an alias; null: none. */
  displayName: string | null;
  active: boolean;
}

function jiraUser(value: unknown): JiraUser | null {
  const u = (value ?? {}) as { accountId?: unknown; displayName?: unknown; active?: unknown };
  if (typeof u.accountId !== 'string') return null;
  const name = typeof u.displayName === 'string' && u.displayName.trim() ? u.displayName : null;
  return { accountId: u.accountId, displayName: name, active: u.active === true };
}

interface UserPage {
  users: JiraUser[];
  isLast: boolean;
}

async function userPage(accountIds: string[], startAt: number): Promise<UserPage> {
  const query = new URLSearchParams({
    startAt: String(startAt),
    maxResults: String(accountIds.length),
  });
  for (const id of accountIds) query.append('accountId', id);
  const answer = await jira('GET', `/rest/api/3/user/bulk?${query.toString()}`);
  if (answer.status !== 200) throw new Error(`Jira answered ${answer.status} to the user lookup`);
  const page = (answer.body ?? {}) as { values?: unknown; isLast?: unknown };
  const users = (Array.isArray(page.values) ? page.values : []).flatMap((v) => jiraUser(v) ?? []);
  return { users, isLast: page.isLast !== false || users.length === 0 };
}

/**
 * The users Jira knows among `accountIds`, as the app. GET /rest/api/3/user/bulk takes repeated
 * accountId parameters and answers a PageBeanUser (`values`, each with `accountId`,
 * `displayName` and `active`; `isLast`) — Jira Cloud platform REST v3 OpenAPI spec, operation
 * "Bulk get users". A page holds 10 users unless `maxResults` says more, so it asks for as many
 * as it names: one request, unless Jira still pages the answer. Unknown ids are left out.
 */
export async function jiraUsers(accountIds: string[]): Promise<JiraUser[]> {
  const users: JiraUser[] = [];
  for (;;) {
    const page = await userPage(accountIds, users.length);
    users.push(...page.users);
    if (page.isLast || users.length >= accountIds.length) return users;
  }
}

/** The active users Jira knows among `accountIds`: only they can be mailed through Jira. */
export async function activeJiraUsers(accountIds: string[]): Promise<Set<string>> {
  const users = await jiraUsers(accountIds);
  return new Set(users.filter((u) => u.active).map((u) => u.accountId));
}

/** This installation's URL of the token-vending web trigger (manifest.yml). */
export const vendingUrl = (): Promise<string> => webTrigger.getUrl('token-vending');
