import { field } from '../interpret';

/** GitHub's permission levels, each including the ones before it. */
const LEVELS = ['read', 'write', 'admin'] as const;
type Level = (typeof LEVELS)[number];

const rank = (level: unknown): number => LEVELS.indexOf(level as Level);

/** `contents:read, issues:write` (already checked by the config schema) as a map. */
export function parsePermissions(text: string | undefined): Record<string, Level> {
  const wanted: Record<string, Level> = {};
  for (const pair of (text ?? '').split(',')) {
    const [name, level] = pair.split(':').map((s) => s.trim());
    if (name && rank(level) >= 0) wanted[name] = level as Level;
  }
  return wanted;
}

/** What the token lacks, e.g. ["issues:write (has read)", "checks:read (has none)"]. */
export function missingPermissions(wanted: Record<string, Level>, granted: unknown): string[] {
  return Object.entries(wanted)
    .filter(([name, level]) => rank(field(granted, name)) < rank(level))
    .map(([name, level]) => {
      const has = field(granted, name);
      return `${name}:${level} (has ${typeof has === 'string' ? has : 'none'})`;
    });
}

/** The granted permissions as one line for the facts: `contents:read, metadata:read`. */
export function describePermissions(granted: unknown): string {
  if (typeof granted !== 'object' || granted === null) return '(none)';
  const pairs = Object.entries(granted)
    .filter((e): e is [string, string] => typeof e[1] === 'string')
    .map(([name, level]) => `${name}:${level}`)
    .sort();
  return pairs.join(', ') || '(none)';
}
