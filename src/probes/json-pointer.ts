/** RFC 6901 JSON Pointer: "" is the whole document, "/a~1b/0" is key "a/b", then index 0. */

export type PointerParse = { ok: true; tokens: string[] } | { ok: false; error: string };

/** A pointer's reference tokens, unescaped (~1 before ~0, so "~01" stays "~1" as the RFC says). */
export function parsePointer(pointer: string): PointerParse {
  if (pointer === '') return { ok: true, tokens: [] };
  if (!pointer.startsWith('/')) {
    return { ok: false, error: `"${pointer}" must be empty or start with "/"` };
  }
  if (/~(?![01])/.test(pointer)) {
    return { ok: false, error: `"${pointer}" has a "~" not followed by 0 or 1` };
  }
  const tokens = pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  return { ok: true, tokens };
}

export function isValidPointer(pointer: string): boolean {
  return parsePointer(pointer).ok;
}

/** The value the pointer names, or undefined when it names nothing (or is not a valid pointer). */
export function resolvePointer(document: unknown, pointer: string): unknown {
  const parsed = parsePointer(pointer);
  if (!parsed.ok) return undefined;
  let current: unknown = document;
  for (const token of parsed.tokens) {
    current = step(current, token);
    if (current === undefined) return undefined;
  }
  return current;
}

function step(value: unknown, token: string): unknown {
  if (Array.isArray(value)) {
    // Array indexes are plain decimals without leading zeros; "-" (past the end) names nothing.
    if (!/^(0|[1-9]\d*)$/.test(token)) return undefined;
    return value[Number(token)];
  }
  if (typeof value === 'object' && value !== null && Object.hasOwn(value, token)) {
    return (value as Record<string, unknown>)[token];
  }
  return undefined;
}

/** Present and carrying data: not null, not "", not [] and not {}. false and 0 are data. */
export function isNonEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}
