import { createHash } from 'node:crypto';
import type { IntegrationRecord } from '../domain/schedule';
import { HttpClient, TransportError } from '../http/client';
import { Redactor } from '../http/redact';
import { integrations } from '../storage/integrations';
import { KvsMintedStore } from '../storage/minted-tokens';
import type { DrawDeps, Drawn } from './drawn';
import { keepMinted } from './keep-minted';
import type { Minter } from './minter';

/**
 * A minted token of the integration's credential (`MINTERS`), minted once per window: the stored
 * one while it has more than five minutes left, else one mint that every concurrent draw shares.
 */
export async function drawMinted(
  record: IntegrationRecord,
  minter: Minter,
  deps: DrawDeps,
): Promise<Drawn> {
  const raw = await integrations.getSecret(record.id);
  if (!raw)
    return { ok: false, reason: 'the integration has no stored secret to mint a token with' };
  const redactor = new Redactor([raw]);
  const http = new HttpClient({
    fetch: deps.fetch,
    redactor,
    deadlineMs: deps.deadlineMs,
    requestTimeoutMs: deps.deadlineMs / 2,
    maxRequests: minter.maxRequests,
  });
  const now = deps.now();
  const ctx = { config: record.config, raw, http, now };
  const kept = await keepMinted({
    store: new KvsMintedStore(record.id, deps.holder),
    seed: seedOf(record, raw),
    now,
    mint: () => minter.mint(ctx),
    discard: (token) => minter.discard(ctx, token),
  }).catch((err: unknown) => ({ ok: false as const, reason: messageOf(err) }));
  if (!kept.ok) return { ok: false, reason: redactor.text(kept.reason), grant: true };
  return { ok: true, accessToken: kept.token.accessToken, expiresAt: kept.token.expiresAt };
}

/** Changes with the secret or any setting: a token minted from older ones is not handed out. */
function seedOf(record: IntegrationRecord, raw: string): string {
  const material = JSON.stringify([record.config, raw]);
  return createHash('sha256').update(material).digest('hex').slice(0, 32);
}

/** A lost answer minted nothing the app holds: the next draw simply mints again. */
function messageOf(err: unknown): string {
  if (err instanceof TransportError) {
    return `the service did not answer the request for a token (${err.message}), so none was handed out; draw again shortly`;
  }
  return err instanceof Error ? err.message : 'Forge storage failed while minting the token';
}
