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

let all: Record<string, NodeRenderer> | null = null;

/**
 * Built on first use: the families import render.tsx for their children, so building this
 * while the modules are still loading would see some of them unfinished.
 */
export function rendererFor(type: string): NodeRenderer | undefined {
  all ??= {
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
  return Object.hasOwn(all, type) ? all[type] : undefined;
}
