import type { IntegrationConfig } from '../domain/integration';
import type { CheckResult, Evidence } from '../domain/result';
import type { Severity } from '../domain/verdict';

export const EXIT_CODES: Record<Severity, number> = { ok: 0, warning: 1, critical: 2, unknown: 3 };
export const EXIT_BAD_INPUT = 3;

export function toJson(config: IntegrationConfig, result: CheckResult): string {
  return JSON.stringify({ kind: config.kind, name: config.name ?? null, ...result }, null, 2);
}

export function toText(config: IntegrationConfig, result: CheckResult): string {
  const lines = [
    `${result.severity.toUpperCase()}  ${result.verdict}  ${config.name ?? config.kind}`,
    `  ${result.message}`,
  ];
  if (result.identity) {
    const who = result.identity;
    lines.push(
      `  identity: ${[who.displayName, who.username, who.email, who.id].filter(Boolean).join(' / ')}`,
    );
  }
  if (result.expiresAt) {
    lines.push(
      `  expires:  ${result.expiresAt} (${result.daysLeft} days left, from ${result.expirySource})`,
    );
  }
  if (result.retryAfterSeconds !== null) lines.push(`  retry after: ${result.retryAfterSeconds} s`);
  for (const [key, value] of Object.entries(result.facts)) lines.push(`  ${key}: ${value}`);
  lines.push('  evidence:', ...result.evidence.map(evidenceLine));
  return lines.join('\n');
}

function evidenceLine(e: Evidence): string {
  const outcome = e.status !== null ? String(e.status) : `failed (${e.error ?? 'no answer'})`;
  const headers = Object.entries(e.headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ');
  const detail = [headers, e.excerpt && `body: ${e.excerpt.slice(0, 120)}`]
    .filter(Boolean)
    .join(' | ');
  return `    ${e.method} ${e.url} -> ${outcome} in ${e.durationMs} ms${detail ? `  [${detail}]` : ''}`;
}
