import { createHmac } from 'node:crypto';

/** Four characters are at most a quarter of a secret this long; shorter ones show none. */
const MIN_LENGTH_TO_SHOW_TAIL = 16;
/** 32 bits: two secrets of one integration collide once in four billion. */
const HEX_DIGITS = 8;

/**
 * What a fingerprint is keyed with: the installation's own random key (a Forge secret that no
 * answer ever carries) and what the secret belongs to (`integration:<id>`, `channel:<id>`,
 * `inventory-source`), so the same secret fingerprints differently on two integrations.
 */
export interface FingerprintKey {
  key: Buffer;
  scope: string;
}

/** The form fingerprints took before they were keyed: 6 hex digits of a plain SHA-256. */
export const UNKEYED_FINGERPRINT = /^#[0-9a-f]{6}$/;

/**
 * Enough for an admin to tell two secrets apart, useless to anyone else: the last 4 characters of
 * a long secret, else (short, or a JSON secret whose tail is punctuation) 8 hex digits of an
 * HMAC-SHA256 keyed as above. Without the installation's key nobody can compute one from a guess,
 * and a guess saved on another integration or channel gets another fingerprint, so a fingerprint
 * confirms no guess, offline or through the page.
 */
export function fingerprint(secret: string, key: FingerprintKey): string {
  const text = secret.trim();
  if (text.length >= MIN_LENGTH_TO_SHOW_TAIL && !text.startsWith('{')) return `…${text.slice(-4)}`;
  return keyedFingerprint(text, key);
}

/**
 * Always the HMAC form: for secrets whose tail says nothing (a heartbeat URL's `/fail`) or
 * gives away part of the key (the last characters of a ping URL's path).
 */
export function keyedFingerprint(secret: string, { key, scope }: FingerprintKey): string {
  const mac = createHmac('sha256', key).update(`${scope}\n${secret.trim()}`, 'utf8').digest('hex');
  return `#${mac.slice(0, HEX_DIGITS)}`;
}

export const integrationScope = (id: string) => `integration:${id}`;
export const channelScope = (id: string) => `channel:${id}`;
export const INVENTORY_SCOPE = 'inventory-source';
