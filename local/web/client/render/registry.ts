import { buttonRenderers } from './buttons';
import { chartRenderers } from './chart';
import { fieldRenderers } from './fields';
import { formRenderers } from './forms';
import { layoutRenderers } from './layout';
import { modalRenderers } from './modal';
import type { NodeRenderer } from './render';
import { pickerRenderers } from './pickers';
import { popupRenderers } from './popup';
import { statusRenderers } from './status';
import { tableRenderers } from './table';
import { tabRenderers } from './tabs';
import { textRenderers } from './text';

const RENDERERS: Record<string, NodeRenderer> = {
  ...layoutRenderers,
  ...textRenderers,
  ...buttonRenderers,
  ...statusRenderers,
  ...formRenderers,
  ...fieldRenderers,
  ...pickerRenderers,
  ...tableRenderers,
  ...modalRenderers,
  ...tabRenderers,
  ...chartRenderers,
  ...popupRenderers,
};

/** The renderer of a node type, or undefined for a type the page does not know. */
export function rendererFor(type: string): NodeRenderer | undefined {
  return Object.hasOwn(RENDERERS, type) ? RENDERERS[type] : undefined;
}
