import { token } from '@atlaskit/tokens';
import type { CSSProperties } from 'react';
import type { ForgeNode } from './node';

/** The props of `node` named in `names` that are set: what an Atlaskit component may take as is. */
export function pick<T>(node: ForgeNode, names: readonly string[]): Partial<T> {
  const picked: Record<string, unknown> = {};
  for (const name of names) {
    if (node.props[name] !== undefined) picked[name] = node.props[name];
  }
  return picked as Partial<T>;
}

const TOKEN_NAME = /^(color|space|elevation|border|font|opacity|radius|shadow|utility)\.[\w.-]+$/;

function tokenValue(value: unknown): unknown {
  if (typeof value !== 'string' || !TOKEN_NAME.test(value)) return value;
  return token(value as Parameters<typeof token>[0]);
}

/**
 * UI Kit's `xcss()` is the identity function, so the style object arrives with design token
 * names as values ("space.100"); CSS needs them as the tokens' variables.
 */
export function xcssStyle(xcss: unknown): CSSProperties | undefined {
  if (!xcss || typeof xcss !== 'object') return undefined;
  const style: Record<string, unknown> = {};
  for (const [property, value] of Object.entries(xcss)) {
    if (typeof value !== 'object') style[property] = tokenValue(value);
  }
  return style as CSSProperties;
}
