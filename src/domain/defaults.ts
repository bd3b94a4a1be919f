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
