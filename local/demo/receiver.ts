import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature } from '../../src/notify/webhook';
import { closeServer, listen, sendJson } from './http';

/** The signed webhook channel's key: a Standard Webhooks secret, `whsec_` + base64 of 32 bytes. */
export const RECEIVER_SIGNING_KEY = 'whsec_c0tamPoppDf6Xg5aIYhxUtsEFDTFiJNnAHvbJy2/RBs=';
const KEPT = 50;

export interface ReceivedAlert {
  at: string;
  title: string;
  severity: string;
  verdict: string;
  signature: string;
}

export interface Receiver {
  url: string;
  /** The latest alerts, newest last (at most 50). */
  received: ReceivedAlert[];
  close(): Promise<void>;
}

export interface ReceiverOptions {
  port: number;
  /** How far the sender's timestamp may be from ours; widened under a compressed clock. */
  toleranceSeconds: number;
  log: (line: string) => void;
}

function describe(raw: string, signature: string): ReceivedAlert {
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    // Kept as an unreadable alert: the log line says so.
  }
  const text = (v: unknown) => (typeof v === 'string' ? v : '?');
  return {
    at: new Date().toISOString(),
    title: text(body.title),
    severity: text(body.severity),
    verdict: text(body.verdict),
    signature,
  };
}

/** A local receiver for the signed webhook channel: verifies each alert and logs one line. */
export async function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const received: ReceivedAlert[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const check = verifyWebhookSignature(
        raw,
        req.headers,
        RECEIVER_SIGNING_KEY,
        new Date(),
        options.toleranceSeconds,
      );
      const alert = describe(raw, check.ok ? 'valid' : check.reason);
      received.push(alert);
      if (received.length > KEPT) received.shift();
      options.log(`[webhook] ${alert.severity}: ${alert.title} (signature ${alert.signature})`);
      sendJson(res, check.ok ? 200 : 401, { received: check.ok });
    });
  });
  await listen(server, options.port);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/token-health`;
  return { url, received, close: () => closeServer(server) };
}
