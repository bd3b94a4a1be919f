/** invoke() as the product host does it: the server passes the call to the app's resolver. */
export async function invokeResolver(data: unknown): Promise<unknown> {
  const { functionKey, payload } = data as { functionKey: string; payload?: unknown };
  const response = await fetch('/api/invoke', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ functionKey, payload }),
  });
  const answer: unknown = await response.json().catch(() => null);
  if (response.ok) return answer;
  const message = (answer as { error?: { message?: unknown } } | null)?.error?.message;
  throw new Error(typeof message === 'string' ? message : `invoke failed: ${response.status}`);
}
