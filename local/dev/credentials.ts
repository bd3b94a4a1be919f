import path from 'node:path';
import type { CredentialKind, IntegrationConfig } from '../../src/domain/integration';
import { KIND_KEYS, KINDS, secretParts, type FieldValues } from '../../src/frontend/kinds';
import type { Tenant } from '../demo/http';
import type { DemoServices } from '../demo/services';
import { DEPLOY_APP_KEY_FILE } from '../demo/github-app';

/** The form's label for the expiry date (ScheduleFields.tsx), outside the kind's own fields. */
export const EXPIRES_LABEL = 'Expires on';

/** Fields a newcomer can leave as they are: the demo works without them. */
const OPTIONAL: ReadonlySet<string> = new Set(['name', 'expectedAccountId']);
/** A tenant that works as typed is the better example of its kind. */
const PREFERRED = ['healthy', 'expiring'];

export interface KindCredentials {
  kind: CredentialKind;
  /** The kind as the form's Kind select names it. */
  label: string;
  /** The verdict a check gives at start. */
  verdict: string;
  /** The demo integration it shares a service with: /control/<slug>/restore heals it. */
  slug: string;
  /** What to type, by the form's own labels, in the form's order. */
  fields: { label: string; value: string }[];
}

function rank(t: Tenant): number {
  const i = PREFERRED.indexOf(t.spec.expect);
  return i < 0 ? PREFERRED.length : i;
}

/** A secret made of parts (JSON) is typed part by part; a PEM key is pasted from its file. */
function secretFields(
  kind: CredentialKind,
  config: IntegrationConfig,
  secret: string,
  keyDir?: string,
) {
  const parts = secretParts(kind, config as FieldValues);
  if (parts.length > 1 || parts[0]?.name !== 'secret') {
    const values = JSON.parse(secret) as Record<string, string>;
    return parts.map((p) => ({ label: p.label, value: values[p.name] ?? '' }));
  }
  const value = secret.includes('-----BEGIN') ? `the contents of ${keyFile(keyDir)}` : secret;
  return [{ label: KINDS[kind].secretLabel, value }];
}

/** A date field takes a day; the stored config holds a full time. */
function typedValue(control: string, value: unknown): string {
  return control === 'date' ? String(value).slice(0, 10) : String(value);
}

/** The key file as a person finds it: relative to where npm start runs, when it is below it. */
function keyFile(keyDir: string | undefined): string {
  const file = path.join(keyDir ?? '.token-health', DEPLOY_APP_KEY_FILE);
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/** A day as the README can keep it true: "in 200 days", "30 days ago"; anything else as code. */
function relativeDay(value: string, now: number): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return `\`${value}\``;
  // A day holds every moment of it: from any time that day counts as the same distance.
  const days = Math.ceil((Date.parse(value) - now) / 86_400_000);
  return days >= 0 ? `(in ${days} days)` : `(${-days} days ago)`;
}

/** The README's compact table of the same credentials (README.md, "Add one yourself"). */
export function credentialTable(sets: KindCredentials[], now = Date.now()): string[] {
  const cell = (f: { label: string; value: string }) => `${f.label} ${relativeDay(f.value, now)}`;
  return [
    '| Kind (verdict at start) | What to type |',
    '| --- | --- |',
    ...sets.map((s) => `| ${s.label} (${s.verdict}) | ${s.fields.map(cell).join(', ')} |`),
  ];
}

function credentialsOf(tenant: Tenant, keyDir?: string): KindCredentials {
  const { config, secret } = (tenant.spec.typed ?? tenant.spec.integration)(tenant.base);
  const kind = KINDS[config.kind];
  const fields = kind.fields
    .filter((f) => !OPTIONAL.has(f.name) && config[f.name] !== undefined)
    .map((f) => ({ label: f.label, value: typedValue(f.control, config[f.name]) }));
  return {
    kind: config.kind,
    label: kind.label,
    verdict: tenant.spec.expect,
    slug: tenant.spec.slug,
    fields: [
      ...fields,
      ...(config.expiresAt ? [{ label: EXPIRES_LABEL, value: config.expiresAt.slice(0, 10) }] : []),
      ...secretFields(config.kind, config, secret, keyDir),
    ],
  };
}

/**
 * One working example of every credential kind, read from the demo services themselves so it
 * cannot drift from what they accept: the tenant of that kind that is healthy at start, if any.
 */
export function demoCredentialSets(
  demo: Pick<DemoServices, 'tenants'>,
  keyDir?: string,
): KindCredentials[] {
  return KIND_KEYS.flatMap((kind) => {
    const ofKind = demo.tenants.filter((t) => t.spec.integration(t.base).config.kind === kind);
    const best = [...ofKind].sort((a, b) => rank(a) - rank(b))[0];
    return best ? [credentialsOf(best, keyDir)] : [];
  });
}

/** The banner's lines: each kind with its verdict, then its fields in one aligned column. */
export function demoCredentials(demo: Pick<DemoServices, 'tenants'>, keyDir?: string): string[] {
  const sets = demoCredentialSets(demo, keyDir);
  const width = Math.max(...sets.flatMap((s) => s.fields.map((f) => f.label.length))) + 2;
  return sets.flatMap((s) => [
    PREFERRED.includes(s.verdict)
      ? `${s.label} (${s.verdict})`
      : `${s.label} (${s.verdict} until POST /control/${s.slug}/restore)`,
    ...s.fields.map((f) => `  ${`${f.label}:`.padEnd(width)}${f.value}`),
  ]);
}

/** Rows of cells, each column as wide as its widest cell plus a gap; the last is left ragged. */
export function aligned(rows: string[][]): string[] {
  const widths =
    rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)) + 2) ?? [];
  return rows.map((r) =>
    r.map((cell, i) => (i < r.length - 1 ? cell.padEnd(widths[i] ?? 0) : cell)).join(''),
  );
}
