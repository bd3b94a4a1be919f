/** What a local platform service answers; turned into a WHATWG Response for the SDKs. */
export interface Reply {
  status: number;
  /** The reason phrase, for SDKs that read it (@forge/realtime reports it as the error). */
  statusText?: string;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else is JSON-encoded; undefined means no body. */
  body?: unknown;
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

export function toResponse(reply: Reply): Response {
  const headers = new Headers(reply.headers);
  let body: string | null = null;
  if (reply.body !== undefined && !NULL_BODY_STATUSES.has(reply.status)) {
    if (typeof reply.body === 'string') {
      body = reply.body;
    } else {
      body = JSON.stringify(reply.body);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    }
  }
  return new Response(body, { status: reply.status, statusText: reply.statusText, headers });
}

export function json(status: number, body: unknown): Reply {
  return { status, body };
}

/** Header names lower-cased, whatever form (Headers, pairs, record) the caller used. */
export function headersToRecord(
  init: ConstructorParameters<typeof Headers>[0],
): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(init).forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

/** The request body as text. The SDKs send strings; anything else goes through Response's decoder. */
export async function bodyText(init: RequestInit | undefined): Promise<string | undefined> {
  const body = init?.body;
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  return new Response(body).text();
}
