import type { IntegrationConfig } from '../../src/domain/integration';
import { KINDS } from '../../src/frontend/kinds';
import type { DemoServices } from '../demo/services';

/** Demo accounts worth typing into Add integration by hand: one healthy, one about to expire. */
const EXAMPLES = ['ci-bot', 'release-bot'];

/** Fields a newcomer can leave as they are: the demo works without them. */
const OPTIONAL: ReadonlySet<string> = new Set(['name', 'expectedAccountId']);

function typed(config: IntegrationConfig): string[] {
  return KINDS[config.kind].fields
    .filter((f) => !OPTIONAL.has(f.name) && config[f.name] !== undefined)
    .map((f) => `${f.label}: ${String(config[f.name])}`);
}

/**
 * What to type on the page to add a working integration, with the labels the form shows,
 * read from the demo services themselves so it cannot drift from what they accept.
 */
export function demoCredentials(demo: Pick<DemoServices, 'find'>): string[] {
  return EXAMPLES.flatMap((slug) => {
    const tenant = demo.find(slug);
    if (!tenant) return [];
    const { config, secret } = tenant.spec.integration(tenant.base);
    const kind = KINDS[config.kind];
    return [
      `Kind: ${kind.label} (${tenant.spec.expect})`,
      ...typed(config).map((line) => `  ${line}`),
      ...(secret ? [`  ${kind.secretLabel}: ${secret}`] : []),
    ];
  });
}
