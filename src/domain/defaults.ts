/**
 * Stored records leave out fields at their defaults: KVS is billed by the bytes written and
 * read, and a reader restores them by spreading the defaults under what it read.
 */
export const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A copy without the fields that equal their default. */
export function withoutDefaults<T extends object>(value: T, defaults: object): Partial<T> {
  const isDefault = new Map(Object.entries(defaults));
  return Object.fromEntries(
    Object.entries(value).filter(
      ([key, v]) => !isDefault.has(key) || !sameJson(v, isDefault.get(key)),
    ),
  ) as Partial<T>;
}

/** JSON with every object's keys sorted: equal for equal values whatever order they were built in. */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  return Object.fromEntries(
    entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, canonical(v)]),
  );
}

/** Whether two values store the same, whatever order their fields were set in. */
export const sameValue = (a: unknown, b: unknown) =>
  JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
