/**
 * The page's only way to the backend: one typed wrapper per resolver of ResolverMap. Every
 * answer is an Envelope; a failure of the transport itself becomes one too, in plain words.
 */
import { invoke } from '@forge/bridge';
import type {
  AlertSettings,
  ChannelInput,
  HeartbeatInput,
  ConsumerKeyInput,
  Envelope,
  IntegrationInput,
  InventorySourceInput,
  OrgTokenCsvRequest,
  OrgTokenFilter,
  Overview,
  ResolverError,
  ResolverKey,
  ResolverMap,
} from '../resolvers/contract';
import type { Settings } from '../domain/settings';
import { overviewOf } from './overview-pages';

export type Payload<K extends ResolverKey> = ResolverMap[K]['payload'];
export type Answer<K extends ResolverKey> = Envelope<ResolverMap[K]['data']>;

const UNREACHABLE = 'Token Health could not be reached. Check your connection and try again.';
const GARBLED =
  'Token Health answered in a way this page does not understand. Reload the page and try again.';

function failure(
  code: ResolverError['code'],
  message: string,
): { ok: false; error: ResolverError } {
  return { ok: false, error: { code, message } };
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (!value || typeof value !== 'object') return false;
  const answer = value as { ok?: unknown; error?: { message?: unknown } };
  if (answer.ok === true) return 'data' in answer;
  return answer.ok === false && typeof answer.error?.message === 'string';
}

export async function call<K extends ResolverKey>(key: K, payload: Payload<K>): Promise<Answer<K>> {
  let answer: unknown;
  try {
    answer = await invoke(key, { ...payload });
  } catch {
    // The bridge's own error text is meant for developers, not for the admin reading the page.
    return failure('UNAVAILABLE', UNREACHABLE);
  }
  return isEnvelope(answer) ? (answer as Answer<K>) : failure('INTERNAL', GARBLED);
}

export const api = {
  getOverview: async (cursor?: string): Promise<Envelope<Overview>> => {
    const answer = await call('getOverview', cursor ? { cursor } : {});
    return answer.ok ? { ok: true, data: overviewOf(answer.data) } : answer;
  },
  getIntegration: (id: string) => call('getIntegration', { id }),
  createIntegration: (input: IntegrationInput) => call('createIntegration', input),
  updateIntegration: (id: string, input: IntegrationInput) =>
    call('updateIntegration', { ...input, id }),
  testIntegration: (input: IntegrationInput, id?: string) =>
    call('testIntegration', id ? { ...input, id } : input),
  deleteIntegration: (id: string) => call('deleteIntegration', { id }),
  checkNow: (id: string) => call('checkNow', { id }),
  setPaused: (id: string, paused: boolean) => call('setPaused', { id, paused }),
  snooze: (id: string, until: string | null) => call('snooze', { id, until }),
  markRevoked: (id: string, revokedAt: string | null) => call('markRevoked', { id, revokedAt }),
  getSettings: () => call('getSettings', {}),
  saveSettings: (settings: Settings) => call('saveSettings', settings),
  getHeartbeat: () => call('getHeartbeat', {}),
  saveHeartbeat: (input: HeartbeatInput) => call('saveHeartbeat', input),
  testHeartbeat: (which: 'success' | 'failure' = 'success') => call('testHeartbeat', { which }),
  getAuditLog: (cursor?: string) => call('getAuditLog', cursor ? { cursor } : {}),
  listChannels: () => call('listChannels', {}),
  saveChannel: (input: ChannelInput) => call('saveChannel', input),
  deleteChannel: (id: string) => call('deleteChannel', { id }),
  sendTestAlert: (id: string) => call('sendTestAlert', { id }),
  getAlertPolicy: () => call('getAlertPolicy', {}),
  saveAlertPolicy: (policy: AlertSettings) => call('saveAlertPolicy', policy),
  getDeliveryLog: (cursor?: string) => call('getDeliveryLog', cursor ? { cursor } : {}),
  getInventory: () => call('getInventory', {}),
  saveInventorySource: (input: InventorySourceInput) => call('saveInventorySource', input),
  deleteInventorySource: () => call('deleteInventorySource', {}),
  syncInventoryNow: () => call('syncInventoryNow', {}),
  listOrgTokens: (filter: OrgTokenFilter, offset = 0) =>
    call('listOrgTokens', { ...filter, offset }),
  exportOrgTokensCsv: (request: OrgTokenCsvRequest) => call('exportOrgTokensCsv', request),
  findCloudId: (siteUrl: string) => call('findCloudId', { siteUrl }),
  getChanges: () => call('getChanges', {}),
  listConsumerKeys: (integrationId: string) => call('listConsumerKeys', { integrationId }),
  createConsumerKey: (input: ConsumerKeyInput) => call('createConsumerKey', input),
  rotateConsumerKey: (integrationId: string, id: string, overlapHours: number) =>
    call('rotateConsumerKey', { integrationId, id, overlapHours }),
  revokeConsumerKey: (integrationId: string, id: string) =>
    call('revokeConsumerKey', { integrationId, id }),
};
